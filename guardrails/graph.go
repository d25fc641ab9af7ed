package guardrails

import (
	"encoding/json"

	"github.com/langflow-infra/langflow-infra/internal/recorder"
)

// Resource types the rules read.
const (
	typeVpc              = "awsx:ec2:Vpc"
	typeDefaultSG        = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
	typeFlowLog          = "aws:ec2/flowLog:FlowLog"
	typeSecurityGroup    = "aws:ec2/securityGroup:SecurityGroup"
	typeIngressRule      = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	typeEgressRule       = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	typeCluster          = "aws:rds/cluster:Cluster"
	typeInstance         = "aws:rds/clusterInstance:ClusterInstance"
	typeParameterGroup   = "aws:rds/clusterParameterGroup:ClusterParameterGroup"
	typeSubnetGroup      = "aws:rds/subnetGroup:SubnetGroup"
	typeLoadBalancer     = "aws:lb/loadBalancer:LoadBalancer"
	typeListener         = "aws:lb/listener:Listener"
	typeListenerRule     = "aws:lb/listenerRule:ListenerRule"
	typeTargetGroup      = "aws:lb/targetGroup:TargetGroup"
	typeWebACL           = "aws:wafv2/webAcl:WebAcl"
	typeWebACLAssoc      = "aws:wafv2/webAclAssociation:WebAclAssociation"
	typeWebACLLogging    = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"
	typeECSCluster       = "aws:ecs/cluster:Cluster"
	typeECSService       = "aws:ecs/service:Service"
	typeTaskDefinition   = "aws:ecs/taskDefinition:TaskDefinition"
	typeScalingTarget    = "aws:appautoscaling/target:Target"
	typeRepository       = "aws:ecr/repository:Repository"
	typeLifecyclePolicy  = "aws:ecr/lifecyclePolicy:LifecyclePolicy"
	typeBucket           = "aws:s3/bucketV2:BucketV2"
	typeBucketPolicy     = "aws:s3/bucketPolicy:BucketPolicy"
	typePublicAccess     = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	typeOwnership        = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
	typeBucketLifecycle  = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
	typeBucketEncryption = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	typeBucketVersioning = "aws:s3/bucketVersioningV2:BucketVersioningV2"
	typeKey              = "aws:kms/key:Key"
	typeSecret           = "aws:secretsmanager/secret:Secret"
	typeSecretVersion    = "aws:secretsmanager/secretVersion:SecretVersion"
	typeRandomPassword   = "random:index/randomPassword:RandomPassword"
	typeLogGroup         = "aws:cloudwatch/logGroup:LogGroup"
	typeAlarm            = "aws:cloudwatch/metricAlarm:MetricAlarm"
	typeTopic            = "aws:sns/topic:Topic"
	typeRolePolicy       = "aws:iam/rolePolicy:RolePolicy"
)

// arn is the ARN the engine reported for r.
func arn(r *recorder.Resource) string {
	s, _ := r.Output("arn").(string)
	return s
}

func (g *Graph) first(typ string) *recorder.Resource {
	if all := g.OfType(typ); len(all) > 0 {
		return all[0]
	}
	return nil
}

// stackKeyArn is the ARN of the stack's KMS key ("" when there is none).
func (g *Graph) stackKeyArn() string {
	if key := g.first(typeKey); key != nil {
		return arn(key)
	}
	return ""
}

// Security groups by role, found through the resources that use them.
func (g *Graph) albSecurityGroup() string {
	return firstString(g.first(typeLoadBalancer), "securityGroups")
}

func (g *Graph) taskSecurityGroup() string {
	svc := g.first(typeECSService)
	if svc == nil {
		return ""
	}
	groups := recorder.StringList(svc.Object("networkConfiguration")["securityGroups"])
	if len(groups) == 0 {
		return ""
	}
	return groups[0]
}

func (g *Graph) databaseSecurityGroup() string {
	return firstString(g.first(typeCluster), "vpcSecurityGroupIds")
}

// subnets returns the awsx VPC's subnet ids of one tier ("public", ...).
func (g *Graph) subnets(tier string) []string {
	vpc := g.first(typeVpc)
	if vpc == nil {
		return nil
	}
	return recorder.StringList(vpc.Output(tier + "SubnetIds"))
}

// containers parses the task definition's container definitions.
func (g *Graph) containers() []map[string]any {
	td := g.first(typeTaskDefinition)
	if td == nil {
		return nil
	}
	var defs []map[string]any
	_ = json.Unmarshal([]byte(td.String("containerDefinitions")), &defs)
	return defs
}

// statements parses a policy document input.
func statements(r *recorder.Resource, key string) []map[string]any {
	var doc struct{ Statement []map[string]any }
	_ = json.Unmarshal([]byte(r.String(key)), &doc)
	return doc.Statement
}

// list reads a statement field that IAM allows as a string or a list.
func list(v any) []string {
	if s, ok := v.(string); ok {
		return []string{s}
	}
	return recorder.StringList(v)
}

func firstString(r *recorder.Resource, key string) string {
	if r == nil {
		return ""
	}
	if l := r.Strings(key); len(l) > 0 {
		return l[0]
	}
	return ""
}

// forBucket returns the resource of typ configuring bucket b (by bucket id).
func (g *Graph) forBucket(typ string, b *recorder.Resource) *recorder.Resource {
	for _, r := range g.OfType(typ) {
		if r.String("bucket") == b.ID {
			return r
		}
	}
	return nil
}
