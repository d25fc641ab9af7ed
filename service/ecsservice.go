package service

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/langflow"
)

const (
	// ServiceName is the ECS service's name inside the stack's cluster.
	ServiceName = "langflow"
	// HealthCheckGraceSeconds: the ALB's verdict is ignored this long after
	// a task starts, covering Langflow's start-up and first migrations.
	HealthCheckGraceSeconds = 2*langflow.StartupSeconds + 60
)

// newECSService runs the tasks behind the ALB. A deployment keeps every
// healthy task until its replacement is healthy (minimum 100 %) and rolls
// back on its own if new tasks keep failing (circuit breaker). With
// autoscaling on, the desired count is the autoscaler's: a deploy must not
// reset it, so it is ignored after creation.
func newECSService(ctx *pulumi.Context, name string, args *Args, cluster *ecsCluster, taskDefinition *ecs.TaskDefinition, securityGroup *ec2.SecurityGroup, s *Service) (*ecs.Service, error) {
	settings := args.Settings
	var strategy ecs.ServiceCapacityProviderStrategyArray
	for _, share := range CapacityStrategy(settings) {
		strategy = append(strategy, &ecs.ServiceCapacityProviderStrategyArgs{
			CapacityProvider: pulumi.String(share.Provider),
			Base:             pulumi.Int(share.Base),
			Weight:           pulumi.Int(share.Weight),
		})
	}
	opts := []pulumi.ResourceOption{pulumi.Parent(s), pulumi.DependsOn([]pulumi.Resource{cluster.providers})}
	if settings.Autoscaling.Enabled {
		opts = append(opts, pulumi.IgnoreChanges([]string{"desiredCount"}))
	}
	return ecs.NewService(ctx, name, &ecs.ServiceArgs{
		Name:                       pulumi.String(ServiceName),
		Cluster:                    cluster.cluster.Arn,
		TaskDefinition:             taskDefinition.Arn,
		DesiredCount:               pulumi.Int(settings.DesiredCount),
		CapacityProviderStrategies: strategy,
		PlatformVersion:            pulumi.String("LATEST"),
		NetworkConfiguration: &ecs.ServiceNetworkConfigurationArgs{
			Subnets:        args.SubnetIDs,
			SecurityGroups: pulumi.StringArray{securityGroup.ID()},
			AssignPublicIp: pulumi.Bool(args.AssignPublicIP),
		},
		LoadBalancers: ecs.ServiceLoadBalancerArray{&ecs.ServiceLoadBalancerArgs{
			TargetGroupArn: args.TargetGroupArn,
			ContainerName:  pulumi.String(ContainerName),
			ContainerPort:  pulumi.Int(langflow.Port),
		}},
		HealthCheckGracePeriodSeconds: pulumi.Int(HealthCheckGraceSeconds),
		DeploymentCircuitBreaker: &ecs.ServiceDeploymentCircuitBreakerArgs{
			Enable:   pulumi.Bool(true),
			Rollback: pulumi.Bool(true),
		},
		DeploymentMinimumHealthyPercent: pulumi.Int(100),
		DeploymentMaximumPercent:        pulumi.Int(200),
		EnableExecuteCommand:            pulumi.Bool(true),
		EnableEcsManagedTags:            pulumi.Bool(true),
		PropagateTags:                   pulumi.String("SERVICE"),
	}, opts...)
}
