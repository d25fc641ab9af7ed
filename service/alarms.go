package service

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/internal/alarm"
)

// utilizationPercent is where CPU or memory pressure needs a look: above
// the autoscaling targets, so it fires when scaling is not keeping up (or
// is off).
const utilizationPercent = 85

// newAlarms adds the ECS signals to the platform's alarm topic: CPU, memory
// and fewer running tasks than the service's minimum.
func newAlarms(ctx *pulumi.Context, name string, args *Args, cluster *ecsCluster, service *ecs.Service, s *Service) error {
	dims := pulumi.StringMap{"ClusterName": cluster.cluster.Name, "ServiceName": service.Name}
	specs := []struct {
		suffix string
		spec   alarm.Spec
	}{
		{"ecs-cpu", alarm.Spec{
			Description: "Langflow tasks run hot on CPU.",
			Namespace:   "AWS/ECS", Metric: "CPUUtilization", Dimensions: dims,
			Statistic: "Average", Comparison: alarm.Above, Threshold: utilizationPercent, Periods: 3,
		}},
		{"ecs-memory", alarm.Spec{
			Description: "Langflow tasks run out of memory (Langflow's memory grows under load).",
			Namespace:   "AWS/ECS", Metric: "MemoryUtilization", Dimensions: dims,
			Statistic: "Average", Comparison: alarm.Above, Threshold: utilizationPercent, Periods: 3,
		}},
		{"ecs-running-tasks", alarm.Spec{
			Description: "Fewer Langflow tasks run than the service's minimum (crash loop, Spot reclaim, failed deploy).",
			Namespace:   "ECS/ContainerInsights", Metric: "RunningTaskCount", Dimensions: dims,
			Statistic: "Minimum", Comparison: alarm.Below, Threshold: float64(args.Settings.MinTasks()),
			Periods: 3, PeriodSeconds: 60, MissingDataBreaches: true,
		}},
	}
	for _, a := range specs {
		if _, err := alarm.New(ctx, name+"-"+a.suffix, a.spec, args.AlarmTopicArn, pulumi.Parent(s)); err != nil {
			return err
		}
	}
	return nil
}
