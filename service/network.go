package service

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/database"
	"github.com/langflow-infra/langflow-infra/langflow"
)

// HTTPSPort is the only port tasks reach on the internet: image pulls, AWS
// APIs (through the endpoint or NAT) and LLM providers all speak HTTPS.
const HTTPSPort = 443

// newTaskSecurityGroup creates the tasks' group and every rule on the paths
// that touch it: ALB -> task on 7860 (on both sides), task -> Aurora on
// 5432 (on both sides), task -> internet on 443. Nothing else is open;
// the database group has no rule but the one granted here.
func newTaskSecurityGroup(ctx *pulumi.Context, name string, args *Args, s *Service) (*ec2.SecurityGroup, error) {
	tasks, err := ec2.NewSecurityGroup(ctx, name+"-tasks", &ec2.SecurityGroupArgs{
		VpcId:       args.VpcID,
		Description: pulumi.Sprintf("%s Langflow tasks: from the ALB only", args.Name),
	}, pulumi.Parent(s))
	if err != nil {
		return nil, err
	}
	ingress := []struct {
		name      string
		group     pulumi.StringInput
		port      int
		source    pulumi.StringInput
		direction string
	}{
		{"alb-to-tasks", tasks.ID(), langflow.Port, args.AlbSecurityGroupID, "ALB to Langflow"},
		{"tasks-to-db", args.DBSecurityGroupID, database.Port, tasks.ID(), "Langflow tasks to Aurora"},
	}
	for _, rule := range ingress {
		if _, err := vpc.NewSecurityGroupIngressRule(ctx, fmt.Sprintf("%s-%s", name, rule.name), &vpc.SecurityGroupIngressRuleArgs{
			SecurityGroupId:           rule.group,
			Description:               pulumi.String(rule.direction),
			IpProtocol:                pulumi.String("tcp"),
			FromPort:                  pulumi.Int(rule.port),
			ToPort:                    pulumi.Int(rule.port),
			ReferencedSecurityGroupId: rule.source,
		}, pulumi.Parent(s)); err != nil {
			return nil, err
		}
	}
	egress := []struct {
		name        string
		group       pulumi.StringInput
		port        int
		destination pulumi.StringInput
		cidr        pulumi.StringInput
		direction   string
	}{
		{"alb-to-tasks", args.AlbSecurityGroupID, langflow.Port, tasks.ID(), nil, "ALB to Langflow"},
		{"tasks-to-db", tasks.ID(), database.Port, args.DBSecurityGroupID, nil, "Langflow tasks to Aurora"},
		{"tasks-to-https", tasks.ID(), HTTPSPort, nil, pulumi.String("0.0.0.0/0"), "Langflow tasks to HTTPS (images, AWS APIs, LLM providers)"},
	}
	for _, rule := range egress {
		if _, err := vpc.NewSecurityGroupEgressRule(ctx, fmt.Sprintf("%s-%s-egress", name, rule.name), &vpc.SecurityGroupEgressRuleArgs{
			SecurityGroupId:           rule.group,
			Description:               pulumi.String(rule.direction),
			IpProtocol:                pulumi.String("tcp"),
			FromPort:                  pulumi.Int(rule.port),
			ToPort:                    pulumi.Int(rule.port),
			ReferencedSecurityGroupId: rule.destination,
			CidrIpv4:                  rule.cidr,
		}, pulumi.Parent(s)); err != nil {
			return nil, err
		}
	}
	return tasks, nil
}
