package database

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi-random/sdk/v4/go/random"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/awsfacts"
)

const (
	instanceClass = "db.serverless"
	// performanceInsightsDays is the free retention tier.
	performanceInsightsDays = 7
)

// newCluster creates the cluster with its subnet group, security group,
// parameter group and log group. On prd it is protected from `pulumi
// destroy`, kept if removed from the program, deletion-protected and
// snapshotted on delete; on other stages it goes away cleanly.
func newCluster(ctx *pulumi.Context, name string, args *Args, password *random.RandomPassword, d *Database) (*rds.Cluster, error) {
	subnetGroup, err := rds.NewSubnetGroup(ctx, name, &rds.SubnetGroupArgs{
		Description: pulumi.Sprintf("%s Aurora: isolated subnets, no route to the internet", args.Name),
		SubnetIds:   args.IsolatedSubnetIDs,
	}, pulumi.Parent(d))
	if err != nil {
		return nil, err
	}
	securityGroup, err := ec2.NewSecurityGroup(ctx, name, &ec2.SecurityGroupArgs{
		VpcId:       args.VpcID,
		Description: pulumi.Sprintf("%s Aurora: ingress granted only to the Langflow tasks", args.Name),
	}, pulumi.Parent(d))
	if err != nil {
		return nil, err
	}
	d.SecurityGroupID = securityGroup.ID().ToStringOutput()
	parameterGroup, err := clusterParameterGroup(ctx, name, args, d)
	if err != nil {
		return nil, err
	}
	logGroup, err := postgresLogGroup(ctx, name, args, d)
	if err != nil {
		return nil, err
	}

	s := args.Settings
	clusterOpts := []pulumi.ResourceOption{pulumi.Parent(d), pulumi.DependsOn([]pulumi.Resource{logGroup})}
	if args.Production {
		clusterOpts = append(clusterOpts, pulumi.Protect(true), pulumi.RetainOnDelete(true))
	}
	scaling := &rds.ClusterServerlessv2ScalingConfigurationArgs{
		MinCapacity: pulumi.Float64(s.MinCapacity),
		MaxCapacity: pulumi.Float64(s.MaxCapacity),
	}
	if seconds := s.AutoPauseSeconds(); seconds > 0 {
		scaling.SecondsUntilAutoPause = pulumi.IntPtr(seconds)
	}
	return rds.NewCluster(ctx, name, &rds.ClusterArgs{
		ClusterIdentifier:                pulumi.String(args.Name),
		Engine:                           pulumi.String("aurora-postgresql"),
		EngineMode:                       pulumi.String("provisioned"),
		EngineVersion:                    pulumi.String(s.EngineVersion),
		Serverlessv2ScalingConfiguration: scaling,
		DatabaseName:                     pulumi.String(DatabaseName),
		MasterUsername:                   pulumi.String(MasterUsername),
		MasterPassword:                   password.Result,
		Port:                             pulumi.Int(Port),
		DbSubnetGroupName:                subnetGroup.Name,
		VpcSecurityGroupIds:              pulumi.StringArray{securityGroup.ID()},
		DbClusterParameterGroupName:      parameterGroup.Name,
		StorageEncrypted:                 pulumi.Bool(true),
		KmsKeyId:                         args.KMSKeyArn,
		IamDatabaseAuthenticationEnabled: pulumi.Bool(true),
		CopyTagsToSnapshot:               pulumi.Bool(true),
		EnabledCloudwatchLogsExports:     pulumi.StringArray{pulumi.String("postgresql")},
		BackupRetentionPeriod:            pulumi.Int(s.BackupRetentionDays),
		// UTC windows that do not overlap: backups, then maintenance, at night in Japan (the guide's region).
		PreferredBackupWindow:      pulumi.String("17:00-18:00"),
		PreferredMaintenanceWindow: pulumi.String("sun:18:30-sun:19:30"),
		AllowMajorVersionUpgrade:   pulumi.Bool(false),
		DeletionProtection:         pulumi.Bool(args.Production),
		SkipFinalSnapshot:          pulumi.Bool(!args.Production),
		FinalSnapshotIdentifier:    finalSnapshotIdentifier(args),
		ApplyImmediately:           pulumi.Bool(!args.Production),
	}, clusterOpts...)
}

// finalSnapshotIdentifier names the snapshot prd takes when the cluster is
// deleted; other stages skip it so `pulumi destroy` needs no manual step.
func finalSnapshotIdentifier(args *Args) pulumi.StringPtrInput {
	if !args.Production {
		return nil
	}
	return pulumi.String(args.Name + "-final")
}

// clusterParameterGroup forces TLS for every connection (rds.force_ssl).
func clusterParameterGroup(ctx *pulumi.Context, name string, args *Args, d *Database) (*rds.ClusterParameterGroup, error) {
	major, _, _ := awsfacts.ParseEngineVersion(args.Settings.EngineVersion)
	return rds.NewClusterParameterGroup(ctx, name, &rds.ClusterParameterGroupArgs{
		Family:      pulumi.String(fmt.Sprintf("aurora-postgresql%d", major)),
		Description: pulumi.Sprintf("%s Aurora: TLS required", args.Name),
		Parameters: rds.ClusterParameterGroupParameterArray{
			&rds.ClusterParameterGroupParameterArgs{Name: pulumi.String("rds.force_ssl"), Value: pulumi.String("1")},
		},
	}, pulumi.Parent(d))
}

// postgresLogGroup exists before the cluster so the exported PostgreSQL
// log gets our retention and key instead of RDS's never-expiring default.
func postgresLogGroup(ctx *pulumi.Context, name string, args *Args, d *Database) (*cloudwatch.LogGroup, error) {
	return cloudwatch.NewLogGroup(ctx, name+"-postgresql", &cloudwatch.LogGroupArgs{
		Name:            pulumi.String(fmt.Sprintf("/aws/rds/cluster/%s/postgresql", args.Name)),
		RetentionInDays: pulumi.Int(args.LogRetentionDays),
		KmsKeyId:        args.KMSKeyArn,
	}, pulumi.Parent(d))
}

// Promotion tiers. Langflow sends no query to readers, so a reader is a
// failover target only: in tier 2 it scales on its own load (none) and
// idles at the minimum capacity instead of mirroring the writer's ACUs;
// after a failover it scales up within seconds.
const (
	writerPromotionTier = 0
	ReaderPromotionTier = 2
)

// newInstances creates the writer and the readers, each in the next AZ,
// and returns the writer: nothing can use the database before it exists.
func newInstances(ctx *pulumi.Context, name string, args *Args, cluster *rds.Cluster, d *Database) (*rds.ClusterInstance, error) {
	s := args.Settings
	var writer *rds.ClusterInstance
	for i := 0; i <= s.Readers; i++ {
		role, tier := "writer", writerPromotionTier
		if i > 0 {
			role, tier = fmt.Sprintf("reader-%d", i), ReaderPromotionTier
		}
		instance, err := rds.NewClusterInstance(ctx, fmt.Sprintf("%s-%s", name, role), &rds.ClusterInstanceArgs{
			Identifier:                         pulumi.Sprintf("%s-%s", args.Name, role),
			ClusterIdentifier:                  cluster.ID(),
			InstanceClass:                      pulumi.String(instanceClass),
			Engine:                             cluster.Engine,
			EngineVersion:                      cluster.EngineVersion,
			AvailabilityZone:                   pulumi.String(args.AvailabilityZones[i%len(args.AvailabilityZones)]),
			PromotionTier:                      pulumi.Int(tier),
			PubliclyAccessible:                 pulumi.Bool(false),
			AutoMinorVersionUpgrade:            pulumi.Bool(true),
			CopyTagsToSnapshot:                 pulumi.Bool(true),
			PerformanceInsightsEnabled:         pulumi.Bool(performanceInsights(s.MinCapacity)),
			PerformanceInsightsKmsKeyId:        performanceInsightsKey(s.MinCapacity, args.KMSKeyArn),
			PerformanceInsightsRetentionPeriod: performanceInsightsRetention(s.MinCapacity),
			ApplyImmediately:                   pulumi.Bool(!args.Production),
		}, pulumi.Parent(d))
		if err != nil {
			return nil, err
		}
		if writer == nil {
			writer = instance
		}
	}
	return writer, nil
}

// performanceInsights is on for clusters that never pause: the guide enables
// it, and on a cluster scaling to 0 it would be an always-on cost for a
// database that is meant to sleep.
func performanceInsights(minCapacity float64) bool { return minCapacity > 0 }

func performanceInsightsKey(minCapacity float64, key pulumi.StringInput) pulumi.StringPtrInput {
	if !performanceInsights(minCapacity) {
		return nil
	}
	return key.ToStringOutput().ToStringPtrOutput()
}

func performanceInsightsRetention(minCapacity float64) pulumi.IntPtrInput {
	if !performanceInsights(minCapacity) {
		return nil
	}
	return pulumi.Int(performanceInsightsDays)
}
