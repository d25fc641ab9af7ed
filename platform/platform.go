// Package platform is the shared edge and storage layer: the ECR
// repository, the artifacts and access-log buckets, the internet-facing ALB
// with its routing, TLS certificate and DNS name, WAF, and the alarm topic
// with the ALB and Aurora alarms.
package platform

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/stackconfig"
)

// Args configure the platform.
type Args struct {
	// Name is the stack's resource name stem ("langflow-dev").
	Name       string
	Region     string
	Production bool
	AccountID  pulumi.StringInput

	VpcID           pulumi.StringInput
	PublicSubnetIDs pulumi.StringArrayInput
	KMSKeyArn       pulumi.StringInput

	Domain           stackconfig.Domain
	WAF              stackconfig.WAF
	MCPEnabled       bool
	LogRetentionDays int
	AlarmEmail       string

	// DBClusterIdentifier and DBMaxConnections feed the Aurora alarms.
	DBClusterIdentifier pulumi.StringInput
	DBMaxConnections    int
}

// Platform is the `langflow:platform:Platform` component.
type Platform struct {
	pulumi.ResourceState

	AlbArn             pulumi.StringOutput `pulumi:"albArn"`
	AlbArnSuffix       pulumi.StringOutput `pulumi:"albArnSuffix"`
	AlbDNSName         pulumi.StringOutput `pulumi:"albDnsName"`
	AlbSecurityGroupID pulumi.StringOutput `pulumi:"albSecurityGroupId"`
	TargetGroupArn     pulumi.StringOutput `pulumi:"targetGroupArn"`
	// TargetGroupArnSuffix is the CloudWatch dimension of the target group.
	TargetGroupArnSuffix pulumi.StringOutput `pulumi:"targetGroupArnSuffix"`
	// URL is what users open: https://<domain>, or http://<alb dns> without one.
	URL pulumi.StringOutput `pulumi:"url"`
	// HTTPS tells the service to mark cookies secure.
	HTTPS bool `pulumi:"https"`

	EcrRepositoryURL    pulumi.StringOutput `pulumi:"ecrRepositoryUrl"`
	EcrRepositoryArn    pulumi.StringOutput `pulumi:"ecrRepositoryArn"`
	ArtifactsBucketName pulumi.StringOutput `pulumi:"artifactsBucketName"`
	ArtifactsBucketArn  pulumi.StringOutput `pulumi:"artifactsBucketArn"`
	AlbLogsBucketName   pulumi.StringOutput `pulumi:"albLogsBucketName"`
	// WebACLArn is empty when WAF is off.
	WebACLArn     pulumi.StringOutput `pulumi:"webAclArn"`
	AlarmTopicArn pulumi.StringOutput `pulumi:"alarmTopicArn"`

	// Warnings are shown at deploy time (plain HTTP without a domain).
	Warnings []string
}

// New builds the platform.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*Platform, error) {
	p := &Platform{HTTPS: args.Domain.Name != ""}
	if err := ctx.RegisterComponentResource("langflow:platform:Platform", name, p, opts...); err != nil {
		return nil, err
	}
	steps := []func(*pulumi.Context, string, *Args, *Platform) error{
		newRegistry,
		newArtifactsBucket,
		newLoadBalancer,
		newWebACL,
		newAlarms,
	}
	for _, step := range steps {
		if err := step(ctx, name, args, p); err != nil {
			return nil, err
		}
	}
	return p, ctx.RegisterResourceOutputs(p, pulumi.Map{
		"albArn":               p.AlbArn,
		"albArnSuffix":         p.AlbArnSuffix,
		"albDnsName":           p.AlbDNSName,
		"albSecurityGroupId":   p.AlbSecurityGroupID,
		"targetGroupArn":       p.TargetGroupArn,
		"targetGroupArnSuffix": p.TargetGroupArnSuffix,
		"url":                  p.URL,
		"https":                pulumi.Bool(p.HTTPS),
		"ecrRepositoryUrl":     p.EcrRepositoryURL,
		"ecrRepositoryArn":     p.EcrRepositoryArn,
		"artifactsBucketName":  p.ArtifactsBucketName,
		"artifactsBucketArn":   p.ArtifactsBucketArn,
		"albLogsBucketName":    p.AlbLogsBucketName,
		"webAclArn":            p.WebACLArn,
		"alarmTopicArn":        p.AlarmTopicArn,
	})
}
