// Package database is the data layer: an Aurora PostgreSQL Serverless v2
// cluster in the isolated subnets, its writer and readers, and the
// credentials secret Langflow reads its connection URL from.
package database

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/internal/order"
	"github.com/langflow-infra/langflow-infra/stackconfig"
)

// Args configure the database.
type Args struct {
	// Name is the stack's resource name stem; it is also the cluster identifier.
	Name              string
	Production        bool
	Settings          stackconfig.Database
	VpcID             pulumi.StringInput
	IsolatedSubnetIDs pulumi.StringArrayInput
	// AvailabilityZones spread the writer and readers, one AZ after another.
	AvailabilityZones []string
	KMSKeyArn         pulumi.StringInput
	LogRetentionDays  int
}

// Database is the `langflow:database:Database` component.
type Database struct {
	pulumi.ResourceState

	ClusterIdentifier pulumi.StringOutput `pulumi:"clusterIdentifier"`
	Endpoint          pulumi.StringOutput `pulumi:"endpoint"`
	ReaderEndpoint    pulumi.StringOutput `pulumi:"readerEndpoint"`
	Port              pulumi.IntOutput    `pulumi:"port"`
	// SecretArn is the credentials secret: JSON with username, password,
	// host, port, dbname and a ready `url`.
	SecretArn pulumi.StringOutput `pulumi:"secretArn"`
	// SecurityGroupID admits nothing by itself; the service grants its tasks 5432.
	SecurityGroupID pulumi.StringOutput `pulumi:"securityGroupId"`
}

// Fixed names: Langflow's database and a non-default admin user (FSBP RDS.24).
const (
	DatabaseName   = "langflow"
	MasterUsername = "langflow_admin"
	Port           = 5432
)

// New builds the database.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*Database, error) {
	d := &Database{}
	if err := ctx.RegisterComponentResource("langflow:database:Database", name, d, opts...); err != nil {
		return nil, err
	}
	password, err := masterPassword(ctx, name, d)
	if err != nil {
		return nil, err
	}
	cluster, err := newCluster(ctx, name, args, password, d)
	if err != nil {
		return nil, err
	}
	d.ClusterIdentifier = cluster.ClusterIdentifier
	d.Endpoint, d.ReaderEndpoint, d.Port = cluster.Endpoint, cluster.ReaderEndpoint, cluster.Port
	writer, err := newInstances(ctx, name, args, cluster, d)
	if err != nil {
		return nil, err
	}
	secret, err := credentialsSecret(ctx, name, args, password, cluster, d)
	if err != nil {
		return nil, err
	}
	// The secret's ARN resolves only once the writer exists, so the service
	// (which reads it) does not start tasks against a cluster with no
	// instance: they would fail and trip the circuit breaker.
	d.SecretArn = order.After(secret.Arn, writer.Arn)
	return d, ctx.RegisterResourceOutputs(d, pulumi.Map{
		"clusterIdentifier": d.ClusterIdentifier,
		"endpoint":          d.Endpoint,
		"readerEndpoint":    d.ReaderEndpoint,
		"port":              d.Port,
		"secretArn":         d.SecretArn,
		"securityGroupId":   d.SecurityGroupID,
	})
}
