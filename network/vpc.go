package network

import (
	awsxec2 "github.com/pulumi/pulumi-awsx/sdk/v2/go/awsx/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/stackconfig"
)

// Subnet layout. Each AZ gets a /18 of the /16, so up to four AZs fit and
// adding one later does not move the existing subnets. Inside an AZ:
// private /19 (8,192 addresses for tasks), public /22 (ALB, NAT), isolated
// /24 (Aurora). The three tiers exist whatever the NAT strategy, so changing
// the strategy never re-lays out (replaces) a subnet.
const (
	azCidrMask       = 18
	publicCidrMask   = 22
	privateCidrMask  = 19
	isolatedCidrMask = 24
)

var natStrategies = map[string]awsxec2.NatGatewayStrategy{
	stackconfig.NATNone:     awsxec2.NatGatewayStrategyNone,
	stackconfig.NATSingle:   awsxec2.NatGatewayStrategySingle,
	stackconfig.NATOnePerAZ: awsxec2.NatGatewayStrategyOnePerAz,
}

// vpcArgs pins everything awsx would otherwise decide: the subnet strategy
// (its default, Legacy, warns and changes in the next major), the AZ names
// (a lookup would need credentials even to preview) and the subnet sizes.
func vpcArgs(args *Args, cidr string) *awsxec2.VpcArgs {
	subnetStrategy := awsxec2.SubnetAllocationStrategyAuto
	return &awsxec2.VpcArgs{
		CidrBlock:                pulumi.StringRef(cidr),
		AvailabilityZoneNames:    args.AvailabilityZones,
		AvailabilityZoneCidrMask: pulumi.IntRef(azCidrMask),
		SubnetStrategy:           &subnetStrategy,
		EnableDnsHostnames:       pulumi.Bool(true),
		EnableDnsSupport:         pulumi.Bool(true),
		NatGateways:              &awsxec2.NatGatewayConfigurationArgs{Strategy: natStrategies[args.NATStrategy]},
		SubnetSpecs: []awsxec2.SubnetSpecArgs{
			{Type: awsxec2.SubnetTypePublic, Name: pulumi.StringRef("public"), CidrMask: pulumi.IntRef(publicCidrMask)},
			{Type: awsxec2.SubnetTypePrivate, Name: pulumi.StringRef("private"), CidrMask: pulumi.IntRef(privateCidrMask)},
			{Type: awsxec2.SubnetTypeIsolated, Name: pulumi.StringRef("isolated"), CidrMask: pulumi.IntRef(isolatedCidrMask)},
		},
	}
}
