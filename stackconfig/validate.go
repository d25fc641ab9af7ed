package stackconfig

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/langflow-infra/langflow-infra/awsfacts"
)

// Limits of our own (not AWS's), each guarding against a costly mistake.
const (
	// MaxServiceTasks caps the autoscaling maximum: a typo such as 100 for 10
	// would multiply the Fargate bill and the database connections tenfold.
	MaxServiceTasks = 50
	// MaxAvailabilityZones: the VPC gives each AZ a /18 of the /16, so four fit.
	MaxAvailabilityZones = 4
	// MinTaskMemoryMiB: Langflow needs about 2 GiB per task (reference, #9168).
	MinTaskMemoryMiB = 2048
	// MaxWorkers bounds LANGFLOW_WORKERS; each worker holds its own DB pool.
	MaxWorkers = 16
	// MinProductionBackupDays: prd keeps at least a week of point-in-time recovery.
	MinProductionBackupDays = 7
	// MaxPrefixLength keeps "<prefix>-<stage>-<suffix>" inside the 32-character
	// limit of ALB and target group names.
	MaxPrefixLength = 16
)

var (
	prefixPattern     = regexp.MustCompile(`^[a-z][a-z0-9-]*[a-z0-9]$`)
	regionPattern     = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]$`)
	azPattern         = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9][a-z]$`)
	domainPattern     = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
	hostedZonePattern = regexp.MustCompile(`^Z[A-Z0-9]{4,31}$`)
	emailPattern      = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

// validate appends a Problem for every invalid setting in cfg.
func validate(cfg *Config, ps *problems) {
	validateIdentity(cfg, ps)
	validateNetwork(cfg, ps)
	validateDatabase(cfg, ps)
	validateService(cfg, ps)
	validateConnectionBudget(cfg, ps)
	validateDomain(cfg, ps)
	validateWAF(cfg, ps)
}

func validateIdentity(cfg *Config, ps *problems) {
	if !slices.Contains(Stages, cfg.Stage) {
		ps.add(KeyStage, string(cfg.Stage), "must be one of dev, stg, prd")
	}
	if len(cfg.Prefix) < 2 || len(cfg.Prefix) > MaxPrefixLength || !prefixPattern.MatchString(cfg.Prefix) || strings.Contains(cfg.Prefix, "--") {
		ps.add(KeyPrefix, cfg.Prefix, "must be 2 to %d lowercase letters, digits or single hyphens, starting with a letter", MaxPrefixLength)
	}
	if !slices.Contains(awsfacts.LogRetentionDays, cfg.LogRetentionDays) {
		ps.add(KeyLogRetentionDays, cfg.LogRetentionDays, "must be a CloudWatch Logs retention period: %s", joinInts(awsfacts.LogRetentionDays))
	}
	if cfg.AlarmEmail != "" && !emailPattern.MatchString(cfg.AlarmEmail) {
		ps.add(KeyAlarmEmail, cfg.AlarmEmail, "must be an e-mail address, or empty for no subscription")
	}
	if !regionPattern.MatchString(cfg.Region) {
		ps.add(KeyAWSRegion, cfg.Region, "must be set to an AWS region such as ap-northeast-1")
	}
	for _, tag := range RequiredTags {
		if cfg.DefaultTags[tag] == "" {
			ps.add(KeyAWSDefaultTags+".tags."+tag, "", "must be set: every resource carries %s", strings.Join(RequiredTags, ", "))
		}
	}
	if stage := cfg.DefaultTags["Stage"]; stage != "" && stage != string(cfg.Stage) {
		ps.add(KeyAWSDefaultTags+".tags.Stage", stage, "must equal stage (%q)", cfg.Stage)
	}
}

func validateNetwork(cfg *Config, ps *problems) {
	n := cfg.Network
	if n.ClassB < 0 || n.ClassB > 255 {
		ps.add("network.classB", n.ClassB, "must be 0 to 255 (the VPC is 10.N.0.0/16)")
	}
	if !slices.Contains(NATStrategies, n.NATStrategy) {
		ps.add("network.natStrategy", n.NATStrategy, "must be one of %s", strings.Join(NATStrategies, ", "))
	}
	if len(n.AvailabilityZones) < 2 || len(n.AvailabilityZones) > MaxAvailabilityZones {
		ps.add("network.availabilityZones", n.AvailabilityZones, "must name 2 to %d availability zones of %s (the ALB and a multi-AZ database need 2)", MaxAvailabilityZones, cfg.Region)
	}
	seen := map[string]bool{}
	for i, az := range n.AvailabilityZones {
		key := fmt.Sprintf("network.availabilityZones[%d]", i)
		switch {
		case !azPattern.MatchString(az) || !strings.HasPrefix(az, cfg.Region):
			ps.add(key, az, "must be an availability zone name in %s, such as %sa", cfg.Region, cfg.Region)
		case seen[az]:
			ps.add(key, az, "is listed twice")
		}
		seen[az] = true
	}
}

func validateDatabase(cfg *Config, ps *problems) {
	d := cfg.Database
	if _, _, ok := awsfacts.ParseEngineVersion(d.EngineVersion); !ok {
		ps.add("database.engineVersion", d.EngineVersion, "must be an Aurora PostgreSQL version MAJOR.MINOR such as 16.6")
	}
	for _, c := range []struct {
		key   string
		value float64
	}{{"database.minCapacity", d.MinCapacity}, {"database.maxCapacity", d.MaxCapacity}} {
		if c.value < awsfacts.MinACU || c.value > awsfacts.MaxACU || math.Mod(c.value, awsfacts.ACUStep) != 0 {
			ps.add(c.key, c.value, "must be %g to %g ACU in steps of %g", awsfacts.MinACU, awsfacts.MaxACU, awsfacts.ACUStep)
		}
	}
	if d.MaxCapacity < 1 {
		ps.add("database.maxCapacity", d.MaxCapacity, "must be at least 1 ACU (Aurora Serverless v2 minimum for the maximum)")
	}
	if d.MinCapacity > d.MaxCapacity {
		ps.add("database.minCapacity", d.MinCapacity, "must not exceed database.maxCapacity (%g)", d.MaxCapacity)
	}
	if d.MinCapacity == 0 && !awsfacts.SupportsAutoPause(d.EngineVersion) {
		ps.add("database.minCapacity", d.MinCapacity, "0 ACU (auto-pause) needs engine version %s; database.engineVersion is %q", awsfacts.AutoPauseVersions, d.EngineVersion)
	}
	if s := d.SecondsUntilAutoPause; s != 0 {
		if d.MinCapacity > 0 {
			ps.add("database.secondsUntilAutoPause", s, "applies only when database.minCapacity is 0 (it is %g): remove it or set 0", d.MinCapacity)
		}
		if s < awsfacts.MinAutoPauseSeconds || s > awsfacts.MaxAutoPauseSeconds {
			ps.add("database.secondsUntilAutoPause", s, "must be %d to %d seconds, or 0 for Aurora's default", awsfacts.MinAutoPauseSeconds, awsfacts.MaxAutoPauseSeconds)
		}
	}
	if d.Readers < 0 || d.Readers > awsfacts.MaxAuroraReplicas {
		ps.add("database.readers", d.Readers, "must be 0 to %d", awsfacts.MaxAuroraReplicas)
	}
	if cfg.IsProduction() && d.Readers < 1 {
		ps.add("database.readers", d.Readers, "must be at least 1 on prd: a reader in a second AZ is the failover target")
	}
	if d.BackupRetentionDays < awsfacts.MinBackupRetentionDays || d.BackupRetentionDays > awsfacts.MaxBackupRetentionDays {
		ps.add("database.backupRetentionDays", d.BackupRetentionDays, "must be %d to %d days", awsfacts.MinBackupRetentionDays, awsfacts.MaxBackupRetentionDays)
	} else if cfg.IsProduction() && d.BackupRetentionDays < MinProductionBackupDays {
		ps.add("database.backupRetentionDays", d.BackupRetentionDays, "must be at least %d days on prd", MinProductionBackupDays)
	}
}

func validateService(cfg *Config, ps *problems) {
	s := cfg.Service
	validateImage(s, ps)
	if len(awsfacts.FargateMemories(s.CPU)) == 0 {
		ps.add("service.cpu", s.CPU, "must be a Fargate CPU size: %s", joinInts(awsfacts.FargateCPUs()))
	} else if !awsfacts.ValidFargateSize(s.CPU, s.Memory) {
		ps.add("service.memory", s.Memory, "with service.cpu %d must be %s MiB (Fargate task sizes)", s.CPU, awsfacts.DescribeFargateMemories(s.CPU))
	}
	if s.Memory < MinTaskMemoryMiB {
		ps.add("service.memory", s.Memory, "must be at least %d MiB: Langflow needs about 2 GiB per task", MinTaskMemoryMiB)
	}
	if !slices.Contains(awsfacts.CPUArchitectures, s.CPUArchitecture) {
		ps.add("service.cpuArchitecture", s.CPUArchitecture, "must be one of %s", strings.Join(awsfacts.CPUArchitectures, ", "))
	} else if s.Spot && s.CPUArchitecture != awsfacts.SpotCPUArchitecture {
		ps.add("service.cpuArchitecture", s.CPUArchitecture, "must be %s when service.spot is true: Fargate Spot runs only x86_64", awsfacts.SpotCPUArchitecture)
	}
	validateTaskCounts(s, ps)
	if s.Workers < 1 || s.Workers > MaxWorkers {
		ps.add("service.workers", s.Workers, "must be 1 to %d", MaxWorkers)
	}
	if s.DBPoolSize < 1 {
		ps.add("service.dbPoolSize", s.DBPoolSize, "must be at least 1")
	}
	if s.DBMaxOverflow < 0 {
		ps.add("service.dbMaxOverflow", s.DBMaxOverflow, "must be 0 or more")
	}
}

func validateImage(s Service, ps *problems) {
	if s.Image != "" && s.BuildContext != "" {
		ps.add("service.image", s.Image, "must be empty when service.buildContext is set (%q): the built image is used", s.BuildContext)
	}
	if s.Image == "" {
		return
	}
	if strings.ContainsAny(s.Image, " \t\n") {
		ps.add("service.image", s.Image, "must be an image reference without spaces")
		return
	}
	_, tag, hasTag := strings.Cut(lastPathSegment(s.Image), ":")
	hasDigest := strings.Contains(s.Image, "@sha256:")
	if !hasDigest && (!hasTag || tag == "latest") {
		ps.add("service.image", s.Image, "must pin a version tag or @sha256 digest: a moving tag such as latest makes deploys unrepeatable")
	}
}

func validateTaskCounts(s Service, ps *problems) {
	a := s.Autoscaling
	if s.DesiredCount < 1 || s.DesiredCount > MaxServiceTasks {
		ps.add("service.desiredCount", s.DesiredCount, "must be 1 to %d", MaxServiceTasks)
	}
	if s.OnDemandBase < 0 || s.OnDemandBase > MaxServiceTasks {
		ps.add("service.onDemandBase", s.OnDemandBase, "must be 0 to %d", MaxServiceTasks)
	}
	if !a.Enabled {
		return
	}
	if a.MinTasks < 1 {
		ps.add("service.autoscaling.minTasks", a.MinTasks, "must be at least 1")
	}
	if a.MaxTasks < 1 || a.MaxTasks > MaxServiceTasks {
		ps.add("service.autoscaling.maxTasks", a.MaxTasks, "must be 1 to %d (our cap against runaway cost)", MaxServiceTasks)
	}
	if a.MinTasks > a.MaxTasks {
		ps.add("service.autoscaling.minTasks", a.MinTasks, "must not exceed service.autoscaling.maxTasks (%d)", a.MaxTasks)
	}
	if s.DesiredCount < a.MinTasks || s.DesiredCount > a.MaxTasks {
		ps.add("service.desiredCount", s.DesiredCount, "must lie between service.autoscaling.minTasks (%d) and maxTasks (%d)", a.MinTasks, a.MaxTasks)
	}
	for _, t := range []struct {
		key   string
		value float64
	}{{"service.autoscaling.cpuTarget", a.CPUTarget}, {"service.autoscaling.memoryTarget", a.MemoryTarget}} {
		if t.value < 10 || t.value > 95 {
			ps.add(t.key, t.value, "must be a utilisation percentage from 10 to 95")
		}
	}
}

// validateConnectionBudget checks that every pool of every worker of every
// task can open its connections at the same time without exhausting
// Aurora's max_connections (Langflow #6866): the failure otherwise shows up
// only under peak load.
func validateConnectionBudget(cfg *Config, ps *problems) {
	b := Budget(cfg)
	if b.Demand > b.Allowed {
		s := cfg.Service
		ps.add("service.dbPoolSize", fmt.Sprintf("(%d + %d overflow) x %d workers x %d tasks = %d connections", s.DBPoolSize, s.DBMaxOverflow, s.Workers, s.MaxTasks(), b.Demand),
			"must fit %d connections (Aurora max_connections %d at database.maxCapacity %g, less %d reserved): lower service.dbPoolSize, dbMaxOverflow, workers or the task maximum, or raise database.maxCapacity",
			b.Allowed, b.MaxConnections, cfg.Database.MaxCapacity, awsfacts.ReservedConnections)
	}
}

// ConnectionBudget compares what the service's pools may open at full scale
// with what the database accepts.
type ConnectionBudget struct {
	Demand         int // (pool + overflow) x workers x max tasks
	MaxConnections int // Aurora's max_connections at the max ACU
	Allowed        int // MaxConnections less the reserved superuser slots
}

// Headroom is how many connections remain at full scale.
func (b ConnectionBudget) Headroom() int { return b.Allowed - b.Demand }

// Budget computes the connection budget of cfg; validation and the plan
// command share this arithmetic.
func Budget(cfg *Config) ConnectionBudget {
	maxConns := awsfacts.AuroraMaxConnections(cfg.Database.MinCapacity, cfg.Database.MaxCapacity)
	return ConnectionBudget{
		Demand:         cfg.Service.ConnectionsPerTask() * cfg.Service.MaxTasks(),
		MaxConnections: maxConns,
		Allowed:        maxConns - awsfacts.ReservedConnections,
	}
}

func validateDomain(cfg *Config, ps *problems) {
	d := cfg.Domain
	switch {
	case d.Name != "" && d.HostedZoneID == "":
		ps.add("domain.hostedZoneId", "", "must be set with domain.name (%q): the certificate is validated through that Route53 zone", d.Name)
	case d.Name == "" && d.HostedZoneID != "":
		ps.add("domain.name", "", "must be set with domain.hostedZoneId (%q)", d.HostedZoneID)
	case d.Name == "" && cfg.IsProduction():
		ps.add("domain.name", "", "must be set on prd: production serves HTTPS only")
	}
	if d.Name != "" && (len(d.Name) > 253 || !domainPattern.MatchString(d.Name)) {
		ps.add("domain.name", d.Name, "must be a lowercase DNS name such as langflow.example.com")
	}
	if d.HostedZoneID != "" && !hostedZonePattern.MatchString(d.HostedZoneID) {
		ps.add("domain.hostedZoneId", d.HostedZoneID, "must be a Route53 hosted zone id such as Z0123456789ABC")
	}
}

func validateWAF(cfg *Config, ps *problems) {
	w := cfg.WAF
	if !w.Enabled {
		if cfg.IsProduction() {
			ps.add("waf.enabled", false, "must be true on prd: the ALB is internet-facing")
		}
		return
	}
	if w.RateLimit < awsfacts.MinWAFRateLimit || w.RateLimit > 2_000_000_000 {
		ps.add("waf.rateLimit", w.RateLimit, "must be %d to 2000000000 requests per IP per window", awsfacts.MinWAFRateLimit)
	}
	if !slices.Contains(awsfacts.WAFRateWindows, w.RateWindowSeconds) {
		ps.add("waf.rateWindowSeconds", w.RateWindowSeconds, "must be one of %s", joinInts(awsfacts.WAFRateWindows))
	}
}

func lastPathSegment(image string) string {
	return image[strings.LastIndex(image, "/")+1:]
}

func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = fmt.Sprint(n)
	}
	return strings.Join(parts, ", ")
}
