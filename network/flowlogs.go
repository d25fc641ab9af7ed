package network

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/internal/policy"
)

// flowLogs records all VPC traffic (accepted and rejected) to an encrypted
// CloudWatch log group with a retention (FSBP EC2.6): the record needed to
// investigate what a task or a flow reached.
func flowLogs(ctx *pulumi.Context, name string, args *Args, n *Network) error {
	logGroup, err := cloudwatch.NewLogGroup(ctx, name+"-flow-logs", &cloudwatch.LogGroupArgs{
		Name:            pulumi.Sprintf("/vpc/%s/flow-logs", args.Name),
		RetentionInDays: pulumi.Int(args.LogRetentionDays),
		KmsKeyId:        args.KMSKeyArn,
	}, pulumi.Parent(n))
	if err != nil {
		return err
	}
	role, err := iam.NewRole(ctx, name+"-flow-logs", &iam.RoleArgs{
		Description:      pulumi.String("VPC flow logs delivery to CloudWatch Logs"),
		AssumeRolePolicy: policy.AssumeRole("vpc-flow-logs.amazonaws.com", args.AccountID),
	}, pulumi.Parent(n))
	if err != nil {
		return err
	}
	_, err = iam.NewRolePolicy(ctx, name+"-flow-logs", &iam.RolePolicyArgs{
		Role: role.ID(),
		Policy: policy.Document(policy.Statement{
			Sid:       "WriteFlowLogGroup",
			Actions:   []string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
			Resources: []pulumi.StringInput{logGroup.Arn, pulumi.Sprintf("%s:*", logGroup.Arn)},
		}),
	}, pulumi.Parent(n))
	if err != nil {
		return err
	}
	_, err = ec2.NewFlowLog(ctx, name, &ec2.FlowLogArgs{
		VpcId:              n.VpcID,
		TrafficType:        pulumi.String("ALL"),
		LogDestinationType: pulumi.String("cloud-watch-logs"),
		LogDestination:     logGroup.Arn,
		IamRoleArn:         role.Arn,
	}, pulumi.Parent(n))
	return err
}
