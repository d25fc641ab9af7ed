package service

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/stackconfig"
)

// Capacity providers.
const (
	Fargate     = "FARGATE"
	FargateSpot = "FARGATE_SPOT"
)

// ProviderShare is one entry of a capacity provider strategy: Base tasks
// first on Provider, then the rest split by Weight.
type ProviderShare struct {
	Provider string
	Base     int
	Weight   int
}

// CapacityStrategy places the first OnDemandBase tasks on FARGATE and,
// with Spot on, every further task on FARGATE_SPOT (about 70 % cheaper,
// interrupted with a 2-minute notice). Without Spot all tasks are on-demand.
func CapacityStrategy(s stackconfig.Service) []ProviderShare {
	if !s.Spot {
		return []ProviderShare{{Provider: Fargate, Base: 0, Weight: 1}}
	}
	var shares []ProviderShare
	if s.OnDemandBase > 0 {
		shares = append(shares, ProviderShare{Provider: Fargate, Base: s.OnDemandBase, Weight: 0})
	}
	return append(shares, ProviderShare{Provider: FargateSpot, Base: 0, Weight: 1})
}

type ecsCluster struct {
	cluster   *ecs.Cluster
	providers *ecs.ClusterCapacityProviders
}

// newCluster creates the cluster with Container Insights (FSBP ECS.12; it
// also feeds the running-task alarm) and both Fargate capacity providers.
func newCluster(ctx *pulumi.Context, name string, args *Args, s *Service) (*ecsCluster, error) {
	cluster, err := ecs.NewCluster(ctx, name, &ecs.ClusterArgs{
		Name: pulumi.String(args.Name),
		Settings: ecs.ClusterSettingArray{&ecs.ClusterSettingArgs{
			Name: pulumi.String("containerInsights"), Value: pulumi.String("enabled"),
		}},
	}, pulumi.Parent(s))
	if err != nil {
		return nil, err
	}
	var defaults ecs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArray
	for _, share := range CapacityStrategy(args.Settings) {
		defaults = append(defaults, &ecs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs{
			CapacityProvider: pulumi.String(share.Provider),
			Base:             pulumi.Int(share.Base),
			Weight:           pulumi.Int(share.Weight),
		})
	}
	providers, err := ecs.NewClusterCapacityProviders(ctx, name, &ecs.ClusterCapacityProvidersArgs{
		ClusterName:                       cluster.Name,
		CapacityProviders:                 pulumi.StringArray{pulumi.String(Fargate), pulumi.String(FargateSpot)},
		DefaultCapacityProviderStrategies: defaults,
	}, pulumi.Parent(s))
	if err != nil {
		return nil, err
	}
	return &ecsCluster{cluster: cluster, providers: providers}, nil
}

// newLogGroup is the guide's /ecs/<name> group, encrypted and expiring.
func newLogGroup(ctx *pulumi.Context, name string, args *Args, s *Service) (*cloudwatch.LogGroup, error) {
	return cloudwatch.NewLogGroup(ctx, name, &cloudwatch.LogGroupArgs{
		Name:            pulumi.String("/ecs/" + args.Name),
		RetentionInDays: pulumi.Int(args.LogRetentionDays),
		KmsKeyId:        args.KMSKeyArn,
	}, pulumi.Parent(s))
}
