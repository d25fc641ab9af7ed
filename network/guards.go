package network

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// lockDefaultSecurityGroup adopts the VPC's default security group and
// strips every rule from it (FSBP EC2.2): anything launched without an
// explicit group then reaches nothing and is reached by nothing.
func lockDefaultSecurityGroup(ctx *pulumi.Context, name string, n *Network) error {
	_, err := ec2.NewDefaultSecurityGroup(ctx, name+"-default", &ec2.DefaultSecurityGroupArgs{
		VpcId:   n.VpcID,
		Ingress: ec2.DefaultSecurityGroupIngressArray{},
		Egress:  ec2.DefaultSecurityGroupEgressArray{},
	}, pulumi.Parent(n))
	return err
}

// s3GatewayEndpoint routes S3 traffic (image layers, the artifacts bucket)
// through a gateway endpoint: free, and it keeps that traffic off the NAT
// gateway's per-GB charge. awsx does not attach gateway endpoints to its
// route tables, so the endpoint looks them up; the awsx VPC's outputs
// resolve only after all of its route tables exist, so none is missed.
func s3GatewayEndpoint(ctx *pulumi.Context, name, region string, n *Network) error {
	routeTables := ec2.GetRouteTablesOutput(ctx, ec2.GetRouteTablesOutputArgs{VpcId: n.VpcID}, pulumi.Parent(n))
	_, err := ec2.NewVpcEndpoint(ctx, name+"-s3", &ec2.VpcEndpointArgs{
		VpcId:           n.VpcID,
		ServiceName:     pulumi.String(fmt.Sprintf("com.amazonaws.%s.s3", region)),
		VpcEndpointType: pulumi.String("Gateway"),
		RouteTableIds:   routeTables.Ids(),
	}, pulumi.Parent(n))
	return err
}
