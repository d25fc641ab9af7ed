package guardrails_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/langflow-infra/langflow-infra/guardrails"
	"github.com/langflow-infra/langflow-infra/internal/recorder"
	"github.com/langflow-infra/langflow-infra/internal/stacktest"
)

func graphOf(t *testing.T, stack string) *guardrails.Graph {
	t.Helper()
	res := stacktest.Run(t, stack)
	cfg := *res.Deployment.Config
	return &guardrails.Graph{Stack: stack, Config: &cfg, Recorder: res.Recorder}
}

// TestCommittedStacks: both stacks pass every rule, or an exception
// explains the findings; and no exception is stale.
func TestCommittedStacks(t *testing.T) {
	used := map[guardrails.Exception]bool{}
	for _, stack := range stacktest.Stacks {
		t.Run(stack, func(t *testing.T) {
			report := guardrails.Evaluate(graphOf(t, stack))
			for _, f := range report.Unexplained() {
				t.Errorf("unexplained finding: %s", f)
			}
			for _, res := range report.Excepted() {
				used[*res.Exception] = true
			}
			t.Log("\n" + report.String())
		})
	}
	for _, e := range guardrails.Exceptions {
		if !used[e] {
			t.Errorf("exception %s on %s matches no finding: remove it", e.Rule, e.Stack)
		}
	}
}

// mutation breaks one promise in a freshly built graph.
type mutation func(t *testing.T, g *guardrails.Graph)

// set replaces input key of the resource typ/name.
func set(typ, name, key string, value any) mutation {
	return func(t *testing.T, g *guardrails.Graph) {
		r := find(t, g, typ, name)
		r.Inputs[resource.PropertyKey(key)] = resource.NewPropertyValue(value)
	}
}

// edit rewrites input key of typ/name through its plain value.
func edit(typ, name, key string, fn func(v any) any) mutation {
	return func(t *testing.T, g *guardrails.Graph) {
		r := find(t, g, typ, name)
		r.Inputs[resource.PropertyKey(key)] = resource.NewPropertyValue(fn(r.Get(key)))
	}
}

// editJSON rewrites a JSON-text input (policies, container definitions).
func editJSON(typ, name, key string, fn func(v any) any) mutation {
	return edit(typ, name, key, func(v any) any {
		var doc any
		if err := json.Unmarshal([]byte(v.(string)), &doc); err != nil {
			panic(err)
		}
		b, _ := json.Marshal(fn(doc))
		return string(b)
	})
}

func option(typ, name string, fn func(r *recorder.Resource)) mutation {
	return func(t *testing.T, g *guardrails.Graph) { fn(find(t, g, typ, name)) }
}

func find(t *testing.T, g *guardrails.Graph, typ, name string) *recorder.Resource {
	t.Helper()
	r := g.Find(typ, name)
	if r == nil {
		t.Fatalf("no %s %s", typ, name)
	}
	return r
}

// Shorthands for the JSON shapes.
func field(m any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m = m.(map[string]any)[k]
		case int:
			m = m.([]any)[k]
		}
	}
	return m
}

func container(doc any, name string) map[string]any {
	for _, c := range doc.([]any) {
		if c.(map[string]any)["name"] == name {
			return c.(map[string]any)
		}
	}
	panic("no container " + name)
}

func statementBySid(doc any, sid string) map[string]any {
	for _, s := range field(doc, "Statement").([]any) {
		if s.(map[string]any)["Sid"] == sid {
			return s.(map[string]any)
		}
	}
	panic("no statement " + sid)
}

const (
	sg       = "aws:ec2/securityGroup:SecurityGroup"
	ingress  = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	cluster  = "aws:rds/cluster:Cluster"
	instance = "aws:rds/clusterInstance:ClusterInstance"
	lbType   = "aws:lb/loadBalancer:LoadBalancer"
	listener = "aws:lb/listener:Listener"
	acl      = "aws:wafv2/webAcl:WebAcl"
	svc      = "aws:ecs/service:Service"
	taskDef  = "aws:ecs/taskDefinition:TaskDefinition"
	repo     = "aws:ecr/repository:Repository"
	bucket   = "aws:s3/bucketV2:BucketV2"
	policy   = "aws:iam/rolePolicy:RolePolicy"
	secret   = "aws:secretsmanager/secret:Secret"
)

// TestEveryRuleCanFail feeds each rule a violation and expects a finding.
func TestEveryRuleCanFail(t *testing.T) {
	containers := func(fn func(doc any)) mutation {
		return editJSON(taskDef, "langflow-dev", "containerDefinitions", func(doc any) any { fn(doc); return doc })
	}
	cases := []struct {
		rule   string
		stack  string
		breaks mutation
	}{
		{"EC2.2", "dev", set("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "langflow-dev-default", "ingress", []any{map[string]any{"protocol": "-1"}})},
		{"EC2.6", "dev", set("aws:ec2/flowLog:FlowLog", "langflow-dev", "trafficType", "REJECT")},
		{"EC2.18", "dev", func(t *testing.T, g *guardrails.Graph) {
			set(ingress, "langflow-dev-alb-80", "fromPort", 22)(t, g)
			set(ingress, "langflow-dev-alb-80", "toPort", 22)(t, g)
		}},
		{"LF.DB-INGRESS", "dev", set(ingress, "langflow-dev-tasks-to-db", "referencedSecurityGroupId", "langflow-dev-alb-id")},
		{"LF.TASK-INGRESS", "dev", set(ingress, "langflow-dev-alb-to-tasks", "cidrIpv4", "10.0.0.0/8")},
		{"LF.DB-SUBNETS", "dev", set("aws:rds/subnetGroup:SubnetGroup", "langflow-dev", "subnetIds", []any{"subnet-public-ap-northeast-1a"})},
		{"LF.APP-SUBNETS", "prd", edit(svc, "langflow-prd", "networkConfiguration", func(v any) any {
			v.(map[string]any)["subnets"] = []any{"subnet-public-ap-northeast-1a"}
			return v
		})},
		{"RDS.27", "dev", set(cluster, "langflow-dev", "storageEncrypted", false)},
		{"RDS.7", "prd", set(cluster, "langflow-prd", "deletionProtection", false)},
		{"RDS.12", "dev", set(cluster, "langflow-dev", "iamDatabaseAuthenticationEnabled", false)},
		{"RDS.16", "dev", set(cluster, "langflow-dev", "copyTagsToSnapshot", false)},
		{"RDS.24", "dev", set(cluster, "langflow-dev", "masterUsername", "postgres")},
		{"RDS.37", "dev", set(cluster, "langflow-dev", "enabledCloudwatchLogsExports", []any{})},
		{"LF.DB-BACKUPS", "prd", set(cluster, "langflow-prd", "backupRetentionPeriod", 3)},
		{"LF.DB-FINAL-SNAPSHOT", "prd", set(cluster, "langflow-prd", "skipFinalSnapshot", true)},
		{"RDS.2", "dev", set(instance, "langflow-dev-writer", "publiclyAccessible", true)},
		{"RDS.13", "dev", set(instance, "langflow-dev-writer", "autoMinorVersionUpgrade", false)},
		{"RDS.15", "prd", set(instance, "langflow-prd-reader-1", "availabilityZone", "ap-northeast-1a")},
		{"LF.DB-TLS", "dev", set("aws:rds/clusterParameterGroup:ClusterParameterGroup", "langflow-dev", "parameters", []any{map[string]any{"name": "rds.force_ssl", "value": "0"}})},
		{"LF.DB-BUDGET", "prd", func(_ *testing.T, g *guardrails.Graph) { g.Config.Service.Workers = 16 }},
		{"ELB.1", "prd", set(listener, "langflow-prd-http", "defaultActions", []any{map[string]any{"type": "forward"}})},
		{"ELB.17", "prd", set(listener, "langflow-prd-https", "sslPolicy", "ELBSecurityPolicy-2016-08")},
		{"ELB.4", "dev", set(lbType, "langflow-dev", "dropInvalidHeaderFields", false)},
		{"ELB.5", "dev", set(lbType, "langflow-dev", "accessLogs", map[string]any{"enabled": false})},
		{"ELB.6", "prd", set(lbType, "langflow-prd", "enableDeletionProtection", false)},
		{"ELB.12", "dev", set(lbType, "langflow-dev", "desyncMitigationMode", "monitor")},
		{"ELB.13", "dev", set(lbType, "langflow-dev", "subnets", []any{"subnet-public-ap-northeast-1a"})},
		{"LF.ALB-IDLE", "dev", set(lbType, "langflow-dev", "idleTimeout", 60)},
		{"ELB.16", "dev", set("aws:wafv2/webAclAssociation:WebAclAssociation", "langflow-dev", "resourceArn", "arn:aws:elasticloadbalancing:other")},
		{"LF.MCP-BLOCKED", "dev", set("aws:lb/listenerRule:ListenerRule", "langflow-dev-mcp-block", "priority", 40)},
		{"WAF.10", "dev", edit(acl, "langflow-dev", "rules", func(v any) any { return v.([]any)[:4] })},
		{"WAF.12", "dev", edit(acl, "langflow-dev", "rules", func(v any) any {
			field(v, 1, "visibilityConfig").(map[string]any)["cloudwatchMetricsEnabled"] = false
			return v
		})},
		{"LF.WAF-LOGGING", "dev", set("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "langflow-dev", "logDestinationConfigs", []any{"arn:aws:logs:x:1:log-group:other"})},
		{"LF.WAF-BODY", "dev", edit(acl, "langflow-dev", "rules", func(v any) any {
			field(v, 2, "statement", "managedRuleGroupStatement").(map[string]any)["ruleActionOverrides"] = []any{}
			return v
		})},
		{"ECS.2", "prd", edit(svc, "langflow-prd", "networkConfiguration", func(v any) any {
			v.(map[string]any)["assignPublicIp"] = true
			return v
		})},
		{"ECS.4", "dev", containers(func(doc any) { container(doc, "langflow")["privileged"] = true })},
		{"ECS.5", "dev", containers(func(doc any) { container(doc, "langflow")["readonlyRootFilesystem"] = false })},
		{"ECS.8", "dev", containers(func(doc any) {
			c := container(doc, "langflow")
			c["environment"] = append(c["environment"].([]any), map[string]any{"name": "OPENAI_API_KEY", "value": "sk-x"})
		})},
		{"ECS.9", "dev", containers(func(doc any) { container(doc, "langflow")["logConfiguration"] = map[string]any{} })},
		{"ECS.10", "dev", set(svc, "langflow-dev", "platformVersion", "1.3.0")},
		{"ECS.12", "dev", set("aws:ecs/cluster:Cluster", "langflow-dev", "settings", []any{map[string]any{"name": "containerInsights", "value": "disabled"}})},
		{"LF.ECS-DEPLOY", "dev", set(svc, "langflow-dev", "deploymentMinimumHealthyPercent", 50)},
		{"LF.SPOT-TIMING", "dev", set("aws:lb/targetGroup:TargetGroup", "langflow-dev", "deregistrationDelay", 300)},
		{"LF.DESIRED-IGNORED", "prd", option(svc, "langflow-prd", func(r *recorder.Resource) { r.IgnoreChanges = nil })},
		{"ECR.1", "dev", set(repo, "langflow-dev", "imageScanningConfiguration", map[string]any{"scanOnPush": false})},
		{"ECR.2", "dev", set(repo, "langflow-dev", "imageTagMutability", "MUTABLE")},
		{"ECR.3", "dev", set("aws:ecr/lifecyclePolicy:LifecyclePolicy", "langflow-dev", "repository", "another")},
		{"S3.5", "dev", set("aws:s3/bucketPolicy:BucketPolicy", "langflow-dev-artifacts", "policy", `{"Statement":[]}`)},
		{"S3.8", "dev", set("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "langflow-dev-artifacts", "blockPublicPolicy", false)},
		{"S3.12", "dev", set("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "langflow-dev-alb-logs", "rule", map[string]any{"objectOwnership": "ObjectWriter"})},
		{"S3.13", "dev", set("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "langflow-dev-artifacts", "rules", []any{})},
		{"LF.S3-ENCRYPTION", "dev", set("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "langflow-dev-alb-logs", "rules", []any{})},
		{"LF.S3-VERSIONING", "dev", set("aws:s3/bucketVersioningV2:BucketVersioningV2", "langflow-dev-artifacts", "versioningConfiguration", map[string]any{"status": "Suspended"})},
		{"LF.CMK", "dev", set(secret, "langflow-dev-secret-key", "kmsKeyId", "alias/aws/secretsmanager")},
		{"KMS.4", "dev", set("aws:kms/key:Key", "langflow-dev", "enableKeyRotation", false)},
		{"LF.NO-SECRET-LEAK", "dev", func(t *testing.T, g *guardrails.Graph) {
			value := find(t, g, "random:index/randomPassword:RandomPassword", "langflow-dev-secret-key").Output("result")
			set("aws:cloudwatch/metricAlarm:MetricAlarm", "langflow-dev-alb-5xx", "alarmDescription", "key is "+value.(string))(t, g)
		}},
		{"LF.SECRET-KEY-SHARED", "dev", containers(func(doc any) {
			c := container(doc, "langflow")
			c["secrets"] = c["secrets"].([]any)[:1] // only the database URL
		})},
		{"LF.IAM-NO-WILDCARD", "dev", editJSON(policy, "langflow-dev-task", "policy", func(doc any) any {
			statementBySid(doc, "ReadWriteArtifacts")["Action"] = []any{"s3:*"}
			return doc
		})},
		{"LF.IAM-SCOPED", "dev", editJSON(policy, "langflow-dev-execution", "policy", func(doc any) any {
			statementBySid(doc, "ReadExactlyLangflowsSecrets")["Resource"] = "*"
			return doc
		})},
		{"LF.IAM-ROLES-DISTINCT", "dev", func(t *testing.T, g *guardrails.Graph) {
			td := find(t, g, taskDef, "langflow-dev")
			set(taskDef, "langflow-dev", "taskRoleArn", td.String("executionRoleArn"))(t, g)
		}},
		{"LF.LOG-RETENTION", "dev", set("aws:cloudwatch/logGroup:LogGroup", "langflow-dev", "retentionInDays", 0)},
		{"LF.TAGS", "dev", option(bucket, "langflow-dev-artifacts", func(r *recorder.Resource) {
			r.Provider = "urn:pulumi:dev::langflow-infra::pulumi:providers:aws::untagged::id"
		})},
		{"LF.ALARMS", "dev", set("aws:cloudwatch/metricAlarm:MetricAlarm", "langflow-dev-ecs-running-tasks", "alarmActions", []any{})},
		{"LF.DATA-RETAINED", "prd", option(cluster, "langflow-prd", func(r *recorder.Resource) { r.RetainOnDelete = false })},
		{"LF.SECRET-RECOVERY", "prd", set(secret, "langflow-prd-credentials", "recoveryWindowInDays", 0)},
		{"LF.CLEAN-DESTROY", "dev", set(bucket, "langflow-dev-alb-logs", "forceDestroy", false)},
	}
	covered := map[string]bool{}
	for _, tc := range cases {
		covered[tc.rule] = true
		t.Run(tc.rule, func(t *testing.T) {
			g := graphOf(t, tc.stack)
			before := findingsOf(guardrails.Evaluate(g), tc.rule)
			tc.breaks(t, g)
			after := findingsOf(guardrails.Evaluate(g), tc.rule)
			if len(after) <= len(before) {
				t.Errorf("%s did not fail on its violation (findings before %d, after %d)", tc.rule, len(before), len(after))
			}
		})
	}
	for _, rule := range guardrails.Rules() {
		if !covered[rule.ID] {
			t.Errorf("rule %s has no failing test", rule.ID)
		}
	}
}

func findingsOf(r guardrails.Report, rule string) []guardrails.Finding {
	i := slices.IndexFunc(r.Results, func(res guardrails.Result) bool { return res.Rule.ID == rule })
	if i < 0 {
		panic("no rule " + rule)
	}
	return r.Results[i].Findings
}
