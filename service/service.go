// Package service is the application layer: the ECS cluster and the
// Langflow Fargate service behind the ALB, its task definition, secrets,
// IAM roles, security group, autoscaling, logs and ECS alarms.
package service

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/stackconfig"
)

// Args configure the service.
type Args struct {
	// Name is the stack's resource name stem; it is also the ECS cluster name.
	Name       string
	Region     string
	Production bool
	AccountID  pulumi.StringInput
	Settings   stackconfig.Service

	LogRetentionDays int
	KMSKeyArn        pulumi.StringInput

	VpcID     pulumi.StringInput
	SubnetIDs pulumi.StringArrayInput
	// AssignPublicIP is set when the tasks run in public subnets (no NAT).
	AssignPublicIP bool

	AlbSecurityGroupID pulumi.StringInput
	TargetGroupArn     pulumi.StringInput
	// URL is the address users open; it is Langflow's only CORS origin.
	URL   pulumi.StringInput
	HTTPS bool

	DBSecurityGroupID pulumi.StringInput
	DBSecretArn       pulumi.StringInput

	ArtifactsBucketName pulumi.StringInput
	ArtifactsBucketArn  pulumi.StringInput
	EcrRepositoryURL    pulumi.StringInput
	EcrRepositoryArn    pulumi.StringInput

	AlarmTopicArn pulumi.StringInput
}

// Service is the `langflow:service:Service` component.
type Service struct {
	pulumi.ResourceState

	ClusterName        pulumi.StringOutput `pulumi:"clusterName"`
	ServiceName        pulumi.StringOutput `pulumi:"serviceName"`
	LogGroupName       pulumi.StringOutput `pulumi:"logGroupName"`
	Image              pulumi.StringOutput `pulumi:"image"`
	SecurityGroupID    pulumi.StringOutput `pulumi:"securityGroupId"`
	SuperuserSecretArn pulumi.StringOutput `pulumi:"superuserSecretArn"`
	SecretKeySecretArn pulumi.StringOutput `pulumi:"secretKeySecretArn"`
}

// ContainerName is the Langflow container in the task (ECS Exec targets it).
const ContainerName = "langflow"

// New builds the service.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*Service, error) {
	s := &Service{}
	if err := ctx.RegisterComponentResource("langflow:service:Service", name, s, opts...); err != nil {
		return nil, err
	}
	cluster, err := newCluster(ctx, name, args, s)
	if err != nil {
		return nil, err
	}
	logGroup, err := newLogGroup(ctx, name, args, s)
	if err != nil {
		return nil, err
	}
	secrets, err := newAppSecrets(ctx, name, args, s)
	if err != nil {
		return nil, err
	}
	roles, err := newRoles(ctx, name, args, logGroup.Arn, secrets, s)
	if err != nil {
		return nil, err
	}
	image, err := containerImage(ctx, name, args, s)
	if err != nil {
		return nil, err
	}
	taskDefinition, err := newTaskDefinition(ctx, name, args, taskInputs{
		image: image, logGroupName: logGroup.Name, roles: roles, secrets: secrets,
	}, s)
	if err != nil {
		return nil, err
	}
	securityGroup, err := newTaskSecurityGroup(ctx, name, args, s)
	if err != nil {
		return nil, err
	}
	ecsService, err := newECSService(ctx, name, args, cluster, taskDefinition, securityGroup, s)
	if err != nil {
		return nil, err
	}
	if err := newAutoscaling(ctx, name, args, cluster, ecsService, s); err != nil {
		return nil, err
	}
	if err := newAlarms(ctx, name, args, cluster, ecsService, s); err != nil {
		return nil, err
	}
	s.ClusterName, s.ServiceName, s.LogGroupName, s.Image = cluster.cluster.Name, ecsService.Name, logGroup.Name, image
	s.SecurityGroupID = securityGroup.ID().ToStringOutput()
	s.SuperuserSecretArn, s.SecretKeySecretArn = secrets.superuserPassword.Arn, secrets.secretKey.Arn
	return s, ctx.RegisterResourceOutputs(s, pulumi.Map{
		"clusterName":        s.ClusterName,
		"serviceName":        s.ServiceName,
		"logGroupName":       s.LogGroupName,
		"image":              s.Image,
		"securityGroupId":    s.SecurityGroupID,
		"superuserSecretArn": s.SuperuserSecretArn,
		"secretKeySecretArn": s.SecretKeySecretArn,
	})
}
