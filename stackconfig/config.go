// Package stackconfig is the typed stack configuration of langflow-infra:
// what Pulumi.yaml declares, the defaults, strict decoding and validation.
//
// Every layer receives its settings from a validated Config; nothing else in
// the program reads Pulumi config.
package stackconfig

import (
	"fmt"

	"github.com/langflow-infra/langflow-infra/awsfacts"
)

// Stage names the deployment stage. Production-only safety nets (deletion
// protection, retained data, final snapshots) key off StagePrd.
type Stage string

const (
	StageDev Stage = "dev"
	StageStg Stage = "stg"
	StagePrd Stage = "prd"
)

// Stages lists the allowed stages.
var Stages = []Stage{StageDev, StageStg, StagePrd}

// NAT strategies for the private subnets.
const (
	// NATNone runs the tasks in the public subnets with public IPs (still
	// reachable only from the ALB): no NAT gateway hours, the cheapest setup.
	NATNone     = "none"
	NATSingle   = "single"
	NATOnePerAZ = "onePerAz"
)

// NATStrategies lists the allowed NAT strategies.
var NATStrategies = []string{NATNone, NATSingle, NATOnePerAZ}

// Config is the whole, validated stack configuration.
type Config struct {
	// Project and Stack are the Pulumi project and stack names.
	Project string
	Stack   string
	// Region is aws:region.
	Region string
	// DefaultTags is aws:defaultTags.tags: every taggable resource carries them.
	DefaultTags map[string]string

	Stage            Stage
	Prefix           string
	LogRetentionDays int
	AlarmEmail       string

	Network  Network
	Database Database
	Service  Service
	Domain   Domain
	WAF      WAF
}

// Network is the `network` config object.
type Network struct {
	// ClassB is N in the VPC CIDR 10.N.0.0/16.
	ClassB            int      `json:"classB"`
	AvailabilityZones []string `json:"availabilityZones"`
	NATStrategy       string   `json:"natStrategy"`
}

// Database is the `database` config object.
type Database struct {
	EngineVersion string  `json:"engineVersion"`
	MinCapacity   float64 `json:"minCapacity"`
	MaxCapacity   float64 `json:"maxCapacity"`
	// SecondsUntilAutoPause applies only with MinCapacity 0; 0 means Aurora's default.
	SecondsUntilAutoPause int `json:"secondsUntilAutoPause"`
	Readers               int `json:"readers"`
	BackupRetentionDays   int `json:"backupRetentionDays"`
}

// Service is the `service` config object.
type Service struct {
	// Image is a full image reference; empty means the pinned Langflow release.
	Image string `json:"image"`
	// BuildContext, when set, is a Docker build context built and pushed to
	// the stack's ECR repository during `pulumi up`.
	BuildContext    string      `json:"buildContext"`
	CPU             int         `json:"cpu"`
	Memory          int         `json:"memory"`
	CPUArchitecture string      `json:"cpuArchitecture"`
	DesiredCount    int         `json:"desiredCount"`
	Autoscaling     Autoscaling `json:"autoscaling"`
	// OnDemandBase tasks run on FARGATE; the rest on FARGATE_SPOT when Spot is on.
	OnDemandBase int  `json:"onDemandBase"`
	Spot         bool `json:"spot"`
	// Workers, DBPoolSize and DBMaxOverflow size Langflow's per-process pools.
	Workers       int  `json:"workers"`
	DBPoolSize    int  `json:"dbPoolSize"`
	DBMaxOverflow int  `json:"dbMaxOverflow"`
	MCPEnabled    bool `json:"mcpEnabled"`
}

// Autoscaling is `service.autoscaling`.
type Autoscaling struct {
	Enabled      bool    `json:"enabled"`
	MinTasks     int     `json:"minTasks"`
	MaxTasks     int     `json:"maxTasks"`
	CPUTarget    float64 `json:"cpuTarget"`
	MemoryTarget float64 `json:"memoryTarget"`
}

// Domain is the `domain` config object. Both fields or neither.
type Domain struct {
	Name         string `json:"name"`
	HostedZoneID string `json:"hostedZoneId"`
}

// WAF is the `waf` config object.
type WAF struct {
	Enabled           bool `json:"enabled"`
	RateLimit         int  `json:"rateLimit"`
	RateWindowSeconds int  `json:"rateWindowSeconds"`
}

// IsProduction reports whether production safety nets apply.
func (c *Config) IsProduction() bool { return c.Stage == StagePrd }

// HasDomain reports whether the stack serves HTTPS on its own domain.
func (c *Config) HasDomain() bool { return c.Domain.Name != "" }

// Stem is "<prefix>-<stage>": the name every resource of the stack starts with.
func (c *Config) Stem() string {
	return fmt.Sprintf("%s-%s", c.Prefix, c.Stage)
}

// MaxTasks is the most tasks the service can run: the autoscaling maximum,
// or the fixed desired count without autoscaling.
func (s *Service) MaxTasks() int {
	if s.Autoscaling.Enabled {
		return s.Autoscaling.MaxTasks
	}
	return s.DesiredCount
}

// MinTasks is the fewest tasks the service runs when idle.
func (s *Service) MinTasks() int {
	if s.Autoscaling.Enabled {
		return s.Autoscaling.MinTasks
	}
	return s.DesiredCount
}

// ConnectionsPerTask is what one task's pools may open:
// (pool size + overflow) per worker process, times the workers.
func (s *Service) ConnectionsPerTask() int {
	return (s.DBPoolSize + s.DBMaxOverflow) * s.Workers
}

// AutoPauseSeconds is the effective auto-pause delay, 0 when the cluster
// never pauses (minimum capacity above 0).
func (d *Database) AutoPauseSeconds() int {
	if d.MinCapacity != 0 {
		return 0
	}
	if d.SecondsUntilAutoPause == 0 {
		return awsfacts.DefaultAutoPauseSeconds
	}
	return d.SecondsUntilAutoPause
}
