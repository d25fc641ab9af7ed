// Package awsfacts holds the AWS limits this program must respect, in one
// place, each with its source. Validation, the layers and the tests read them
// from here so a changed AWS limit is changed once.
//
// Source unless noted: ../shared/reference/aws-facts.md (read 2026-12-03),
// which cites the AWS documentation pages named next to each fact.
package awsfacts

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Fargate task sizes (ECS developer guide, "Task CPU and memory").
// Each CPU value maps to the memory range (MiB) and step that Fargate accepts.
type memoryRange struct{ Min, Max, Step int }

var fargateSizes = map[int]memoryRange{
	256:   {512, 2048, 0}, // 512, 1024, 2048 only: handled in ValidFargateMemory
	512:   {1024, 4096, 1024},
	1024:  {2048, 8192, 1024},
	2048:  {4096, 16384, 1024},
	4096:  {8192, 30720, 1024},
	8192:  {16384, 61440, 4096},
	16384: {32768, 122880, 8192},
}

// FargateCPUs lists the valid task CPU units in ascending order.
func FargateCPUs() []int {
	cpus := make([]int, 0, len(fargateSizes))
	for cpu := range fargateSizes {
		cpus = append(cpus, cpu)
	}
	slices.Sort(cpus)
	return cpus
}

// FargateMemories lists the memory values (MiB) Fargate accepts for cpu.
func FargateMemories(cpu int) []int {
	r, ok := fargateSizes[cpu]
	if !ok {
		return nil
	}
	if cpu == 256 {
		return []int{512, 1024, 2048}
	}
	var out []int
	for m := r.Min; m <= r.Max; m += r.Step {
		out = append(out, m)
	}
	return out
}

// ValidFargateSize reports whether cpu/memory is a task size Fargate runs.
// An invalid pair otherwise fails only at apply time.
func ValidFargateSize(cpu, memory int) bool {
	return slices.Contains(FargateMemories(cpu), memory)
}

// DescribeFargateMemories renders the allowed memory for cpu for an error message.
func DescribeFargateMemories(cpu int) string {
	r, ok := fargateSizes[cpu]
	if !ok {
		return ""
	}
	if cpu == 256 {
		return "512, 1024 or 2048"
	}
	return fmt.Sprintf("%d to %d in steps of %d", r.Min, r.Max, r.Step)
}

// Fargate Spot facts (ECS developer guide, "Fargate capacity providers").
const (
	// SpotInterruptionNotice is the warning Fargate Spot gives before it stops a task.
	SpotInterruptionNoticeSeconds = 120
	// MaxContainerStopTimeout is the largest stopTimeout Fargate honours.
	MaxContainerStopTimeoutSeconds = 120
	// SpotCPUArchitecture is the only architecture Fargate Spot runs.
	SpotCPUArchitecture = "X86_64"
)

// CPU architectures a Fargate task can ask for.
var CPUArchitectures = []string{"X86_64", "ARM64"}

// Aurora Serverless v2 capacity (Aurora user guide, "Aurora Serverless v2 capacity").
const (
	MinACU  = 0.0
	MaxACU  = 256.0
	ACUStep = 0.5
	// MinAutoPauseSeconds and MaxAutoPauseSeconds bound SecondsUntilAutoPause.
	MinAutoPauseSeconds = 300
	MaxAutoPauseSeconds = 86400
	// DefaultAutoPauseSeconds is what Aurora uses when the value is left out.
	DefaultAutoPauseSeconds = 300
	// MaxAuroraReplicas is the most reader instances one cluster can have.
	MaxAuroraReplicas = 15
	// MinBackupRetentionDays and MaxBackupRetentionDays bound the automated backup window.
	MinBackupRetentionDays = 1
	MaxBackupRetentionDays = 35
)

// autoPauseMinimums is the first minor version of each Aurora PostgreSQL
// major that supports 0 ACU (auto-pause).
var autoPauseMinimums = map[int]int{13: 15, 14: 12, 15: 7, 16: 3}

// SupportsAutoPause reports whether an Aurora PostgreSQL engine version
// ("16.6") can scale to 0 ACU. Majors after 16 support it from .0.
func SupportsAutoPause(engineVersion string) bool {
	major, minor, ok := ParseEngineVersion(engineVersion)
	if !ok {
		return false
	}
	if major > 16 {
		return true
	}
	min, known := autoPauseMinimums[major]
	return known && minor >= min
}

// AutoPauseVersions describes the versions that support auto-pause, for messages.
const AutoPauseVersions = "16.3+, 15.7+, 14.12+ or 13.15+ (or 17 and later)"

// ParseEngineVersion splits "16.6" into 16 and 6.
func ParseEngineVersion(v string) (major, minor int, ok bool) {
	parts := strings.Split(v, ".")
	if len(parts) != 2 {
		return 0, 0, false
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || major < 11 || minor < 0 {
		return 0, 0, false
	}
	return major, minor, true
}

// maxConnectionsRows is Aurora PostgreSQL's default max_connections by the
// cluster's maximum ACU. Between rows the limit follows instance memory, so it
// is interpolated linearly; below 1 ACU it scales down from the 1-ACU row.
var maxConnectionsRows = []struct {
	ACU         float64
	Connections float64
}{{1, 189}, {4, 823}, {8, 1669}, {16, 3360}, {32, 5000}}

const (
	// maxConnectionsLowMinCap applies when the minimum capacity is 0 or 0.5.
	maxConnectionsLowMinCap = 2000
	// ReservedConnections are kept free of the application's pools for the
	// superuser slots (superuser_reserved_connections 3, rds reserved 2), so
	// an operator can still connect when every pool is full.
	ReservedConnections = 5
)

// AuroraMaxConnections returns the default max_connections of an Aurora
// PostgreSQL Serverless v2 cluster scaling between minACU and maxACU.
func AuroraMaxConnections(minACU, maxACU float64) int {
	var conns float64
	rows := maxConnectionsRows
	switch {
	case maxACU <= rows[0].ACU:
		conns = rows[0].Connections * maxACU
	case maxACU >= rows[len(rows)-1].ACU:
		conns = rows[len(rows)-1].Connections
	default:
		for i := 1; i < len(rows); i++ {
			if maxACU <= rows[i].ACU {
				lo, hi := rows[i-1], rows[i]
				conns = lo.Connections + (hi.Connections-lo.Connections)*(maxACU-lo.ACU)/(hi.ACU-lo.ACU)
				break
			}
		}
	}
	if minACU <= 0.5 {
		conns = math.Min(conns, maxConnectionsLowMinCap)
	}
	return int(math.Floor(conns))
}

// ALB facts (ELB user guide, "Application Load Balancers").
const (
	// MaxListenerRulePriority bounds listener rule priorities (1 to 50000).
	MaxListenerRulePriority = 50000
	// ALBTLSPolicy is the TLS 1.3 + 1.2 policy AWS recommends for new listeners.
	// (The hybrid post-quantum successor is newer than the pinned provider's docs.)
	ALBTLSPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06"
)

// WAF facts (AWS WAF developer guide, "Rate-based rule statement").
const MinWAFRateLimit = 10

// WAFRateWindows are the evaluation windows a rate-based rule accepts.
var WAFRateWindows = []int{60, 120, 300, 600}

// LogRetentionDays are the retention periods CloudWatch Logs accepts.
var LogRetentionDays = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// SecretsManager recovery window bounds (Secrets Manager API, DeleteSecret).
const (
	MinSecretRecoveryDays = 7
	MaxSecretRecoveryDays = 30
)
