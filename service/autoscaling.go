package service

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/appautoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Scaling reacts fast to load and slowly to its absence, so a burst does
// not flap the task count.
const (
	scaleOutCooldownSeconds = 60
	scaleInCooldownSeconds  = 300
)

// newAutoscaling tracks the configured CPU and memory targets between the
// minimum and maximum task counts (the guide's CPU/memory policies).
func newAutoscaling(ctx *pulumi.Context, name string, args *Args, cluster *ecsCluster, service *ecs.Service, s *Service) error {
	a := args.Settings.Autoscaling
	if !a.Enabled {
		return nil
	}
	target, err := appautoscaling.NewTarget(ctx, name, &appautoscaling.TargetArgs{
		ServiceNamespace:  pulumi.String("ecs"),
		ScalableDimension: pulumi.String("ecs:service:DesiredCount"),
		ResourceId:        pulumi.Sprintf("service/%s/%s", cluster.cluster.Name, service.Name),
		MinCapacity:       pulumi.Int(a.MinTasks),
		MaxCapacity:       pulumi.Int(a.MaxTasks),
	}, pulumi.Parent(s))
	if err != nil {
		return err
	}
	policies := []struct {
		suffix string
		metric string
		target float64
	}{
		{"cpu", "ECSServiceAverageCPUUtilization", a.CPUTarget},
		{"memory", "ECSServiceAverageMemoryUtilization", a.MemoryTarget},
	}
	for _, p := range policies {
		_, err := appautoscaling.NewPolicy(ctx, name+"-"+p.suffix, &appautoscaling.PolicyArgs{
			PolicyType:        pulumi.String("TargetTrackingScaling"),
			ServiceNamespace:  target.ServiceNamespace,
			ScalableDimension: target.ScalableDimension,
			ResourceId:        target.ResourceId,
			TargetTrackingScalingPolicyConfiguration: &appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationArgs{
				PredefinedMetricSpecification: &appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs{
					PredefinedMetricType: pulumi.String(p.metric),
				},
				TargetValue:      pulumi.Float64(p.target),
				ScaleOutCooldown: pulumi.Int(scaleOutCooldownSeconds),
				ScaleInCooldown:  pulumi.Int(scaleInCooldownSeconds),
			},
		}, pulumi.Parent(s))
		if err != nil {
			return err
		}
	}
	return nil
}
