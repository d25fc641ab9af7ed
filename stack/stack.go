// Package stack is the langflow-infra program: it validates the stack's
// configuration, then wires the layers (encryption key, network, database,
// platform, service) through their Args and outputs, and exports what an
// operator needs. main.go runs it; the tests and the plan command run the
// same function under Pulumi's mock engine.
package stack

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/awsfacts"
	"github.com/langflow-infra/langflow-infra/database"
	"github.com/langflow-infra/langflow-infra/encryption"
	"github.com/langflow-infra/langflow-infra/network"
	"github.com/langflow-infra/langflow-infra/platform"
	"github.com/langflow-infra/langflow-infra/service"
	"github.com/langflow-infra/langflow-infra/stackconfig"
)

// Program is the Pulumi program. Invalid configuration fails before any
// resource is registered, with every problem listed.
func Program(ctx *pulumi.Context) error {
	d, err := Deploy(ctx)
	if err != nil {
		return err
	}
	for _, warning := range d.Warnings {
		if err := ctx.Log.Warn(warning, nil); err != nil {
			return err
		}
	}
	for name, value := range d.Outputs {
		ctx.Export(name, value)
	}
	return nil
}

// Deployment is what Deploy built: the stack outputs and the warnings to
// show at deploy time.
type Deployment struct {
	Config   *stackconfig.Config
	Outputs  map[string]pulumi.Output
	Warnings []string
}

// Deploy loads and validates the configuration and builds the layers.
func Deploy(ctx *pulumi.Context) (*Deployment, error) {
	cfg, err := stackconfig.Load(ctx)
	if err != nil {
		return nil, err
	}
	name := cfg.Stem()
	prd := cfg.IsProduction()

	key, err := encryption.New(ctx, name, &encryption.Args{Name: name, Region: cfg.Region, Production: prd})
	if err != nil {
		return nil, err
	}
	net, err := network.New(ctx, name, &network.Args{
		Name:              name,
		Region:            cfg.Region,
		AccountID:         key.AccountID,
		ClassB:            cfg.Network.ClassB,
		AvailabilityZones: cfg.Network.AvailabilityZones,
		NATStrategy:       cfg.Network.NATStrategy,
		LogRetentionDays:  cfg.LogRetentionDays,
		KMSKeyArn:         key.KeyArn,
	})
	if err != nil {
		return nil, err
	}
	db, err := database.New(ctx, name, &database.Args{
		Name:              name,
		Production:        prd,
		Settings:          cfg.Database,
		VpcID:             net.VpcID,
		IsolatedSubnetIDs: net.IsolatedSubnetIDs,
		AvailabilityZones: cfg.Network.AvailabilityZones,
		KMSKeyArn:         key.KeyArn,
		LogRetentionDays:  cfg.LogRetentionDays,
	})
	if err != nil {
		return nil, err
	}
	edge, err := platform.New(ctx, name, &platform.Args{
		Name:                name,
		Region:              cfg.Region,
		Production:          prd,
		AccountID:           key.AccountID,
		VpcID:               net.VpcID,
		PublicSubnetIDs:     net.PublicSubnetIDs,
		KMSKeyArn:           key.KeyArn,
		Domain:              cfg.Domain,
		WAF:                 cfg.WAF,
		MCPEnabled:          cfg.Service.MCPEnabled,
		LogRetentionDays:    cfg.LogRetentionDays,
		AlarmEmail:          cfg.AlarmEmail,
		DBClusterIdentifier: db.ClusterIdentifier,
		DBMaxConnections:    awsfacts.AuroraMaxConnections(cfg.Database.MinCapacity, cfg.Database.MaxCapacity),
	})
	if err != nil {
		return nil, err
	}
	app, err := service.New(ctx, name, &service.Args{
		Name:                name,
		Region:              cfg.Region,
		Production:          prd,
		AccountID:           key.AccountID,
		Settings:            cfg.Service,
		LogRetentionDays:    cfg.LogRetentionDays,
		KMSKeyArn:           key.KeyArn,
		VpcID:               net.VpcID,
		SubnetIDs:           net.AppSubnetIDs,
		AssignPublicIP:      net.AppSubnetsPublic,
		AlbSecurityGroupID:  edge.AlbSecurityGroupID,
		TargetGroupArn:      edge.TargetGroupArn,
		URL:                 edge.URL,
		HTTPS:               edge.HTTPS,
		DBSecurityGroupID:   db.SecurityGroupID,
		DBSecretArn:         db.SecretArn,
		ArtifactsBucketName: edge.ArtifactsBucketName,
		ArtifactsBucketArn:  edge.ArtifactsBucketArn,
		EcrRepositoryURL:    edge.EcrRepositoryURL,
		EcrRepositoryArn:    edge.EcrRepositoryArn,
		AlarmTopicArn:       edge.AlarmTopicArn,
	})
	if err != nil {
		return nil, err
	}
	return &Deployment{
		Config:   cfg,
		Warnings: edge.Warnings,
		Outputs: map[string]pulumi.Output{
			"url":                 edge.URL,
			"albDnsName":          edge.AlbDNSName,
			"targetGroupArn":      edge.TargetGroupArn,
			"ecrRepositoryUrl":    edge.EcrRepositoryURL,
			"dbSecretArn":         db.SecretArn,
			"dbClusterEndpoint":   db.Endpoint,
			"dbReaderEndpoint":    db.ReaderEndpoint,
			"ecsClusterName":      app.ClusterName,
			"ecsServiceName":      app.ServiceName,
			"containerName":       pulumi.String(service.ContainerName).ToStringOutput(),
			"logGroupName":        app.LogGroupName,
			"image":               app.Image,
			"webAclArn":           edge.WebACLArn,
			"artifactsBucketName": edge.ArtifactsBucketName,
			"albLogsBucketName":   edge.AlbLogsBucketName,
			"alarmTopicArn":       edge.AlarmTopicArn,
			"superuserSecretArn":  app.SuperuserSecretArn,
			"kmsKeyArn":           key.KeyArn,
			"vpcId":               net.VpcID,
		},
	}, nil
}
