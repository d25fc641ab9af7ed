// Package network is the VPC layer: an awsx VPC with public, private and
// isolated subnets in explicit availability zones, NAT per the configured
// strategy, flow logs, a locked-down default security group and a free S3
// gateway endpoint.
package network

import (
	"fmt"

	awsxec2 "github.com/pulumi/pulumi-awsx/sdk/v2/go/awsx/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/stackconfig"
)

// Args configure the network.
type Args struct {
	// Name is the stack's resource name stem ("langflow-dev").
	Name              string
	Region            string
	AccountID         pulumi.StringInput
	ClassB            int
	AvailabilityZones []string
	// NATStrategy is one of stackconfig.NATStrategies.
	NATStrategy      string
	LogRetentionDays int
	// KMSKeyArn encrypts the flow log group.
	KMSKeyArn pulumi.StringInput
}

// Network is the `langflow:network:Network` component.
type Network struct {
	pulumi.ResourceState

	VpcID             pulumi.StringOutput      `pulumi:"vpcId"`
	VpcCidr           string                   `pulumi:"vpcCidr"`
	PublicSubnetIDs   pulumi.StringArrayOutput `pulumi:"publicSubnetIds"`
	PrivateSubnetIDs  pulumi.StringArrayOutput `pulumi:"privateSubnetIds"`
	IsolatedSubnetIDs pulumi.StringArrayOutput `pulumi:"isolatedSubnetIds"`
	// AppSubnetIDs are where the application tasks run: the private subnets,
	// or the public ones when there is no NAT gateway to reach the internet.
	AppSubnetIDs pulumi.StringArrayOutput `pulumi:"appSubnetIds"`
	// AppSubnetsPublic tells the service to give its tasks public IPs.
	AppSubnetsPublic bool `pulumi:"appSubnetsPublic"`
}

// New builds the network.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*Network, error) {
	n := &Network{VpcCidr: fmt.Sprintf("10.%d.0.0/16", args.ClassB)}
	if err := ctx.RegisterComponentResource("langflow:network:Network", name, n, opts...); err != nil {
		return nil, err
	}
	vpc, err := awsxec2.NewVpc(ctx, name, vpcArgs(args, n.VpcCidr), pulumi.Parent(n))
	if err != nil {
		return nil, err
	}
	n.VpcID = vpc.VpcId
	n.PublicSubnetIDs = vpc.PublicSubnetIds
	n.PrivateSubnetIDs = vpc.PrivateSubnetIds
	n.IsolatedSubnetIDs = vpc.IsolatedSubnetIds
	n.AppSubnetIDs, n.AppSubnetsPublic = vpc.PrivateSubnetIds, false
	if args.NATStrategy == stackconfig.NATNone {
		n.AppSubnetIDs, n.AppSubnetsPublic = vpc.PublicSubnetIds, true
	}

	if err := lockDefaultSecurityGroup(ctx, name, n); err != nil {
		return nil, err
	}
	if err := flowLogs(ctx, name, args, n); err != nil {
		return nil, err
	}
	if err := s3GatewayEndpoint(ctx, name, args.Region, n); err != nil {
		return nil, err
	}
	return n, ctx.RegisterResourceOutputs(n, pulumi.Map{
		"vpcId":             n.VpcID,
		"vpcCidr":           pulumi.String(n.VpcCidr),
		"publicSubnetIds":   n.PublicSubnetIDs,
		"privateSubnetIds":  n.PrivateSubnetIDs,
		"isolatedSubnetIds": n.IsolatedSubnetIDs,
		"appSubnetIds":      n.AppSubnetIDs,
		"appSubnetsPublic":  pulumi.Bool(n.AppSubnetsPublic),
	})
}
