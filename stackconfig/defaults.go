package stackconfig

// Project config keys, as declared in Pulumi.yaml (namespace: the project).
const (
	KeyStage            = "stage"
	KeyPrefix           = "prefix"
	KeyLogRetentionDays = "logRetentionDays"
	KeyAlarmEmail       = "alarmEmail"
	KeyNetwork          = "network"
	KeyDatabase         = "database"
	KeyService          = "service"
	KeyDomain           = "domain"
	KeyWAF              = "waf"
)

// ProjectKeys lists every project config key; Pulumi.yaml declares exactly these.
var ProjectKeys = []string{
	KeyStage, KeyPrefix, KeyLogRetentionDays, KeyAlarmEmail,
	KeyNetwork, KeyDatabase, KeyService, KeyDomain, KeyWAF,
}

// Provider config keys the program reads.
const (
	KeyAWSRegion      = "aws:region"
	KeyAWSDefaultTags = "aws:defaultTags"
)

// RequiredTags must be in aws:defaultTags.tags, so every taggable resource
// carries them (cost allocation and ownership).
var RequiredTags = []string{"Project", "Stage", "ManagedBy"}

// Defaults returns the configuration a stack gets for every key it leaves
// out. Pulumi.yaml declares the same defaults (a test keeps them equal);
// object keys take these field by field, so a stack sets only what differs.
func Defaults() Config {
	return Config{
		Stage:            StageDev,
		Prefix:           "langflow",
		LogRetentionDays: 30,
		Network: Network{
			ClassB:            10,
			AvailabilityZones: []string{},
			NATStrategy:       NATSingle,
		},
		Database: Database{
			EngineVersion:       "16.6",
			MinCapacity:         0.5,
			MaxCapacity:         2,
			Readers:             0,
			BackupRetentionDays: 7,
		},
		Service: Service{
			CPU:             1024,
			Memory:          2048,
			CPUArchitecture: "X86_64",
			DesiredCount:    1,
			Autoscaling: Autoscaling{
				Enabled:      false,
				MinTasks:     1,
				MaxTasks:     2,
				CPUTarget:    70,
				MemoryTarget: 75,
			},
			OnDemandBase:  1,
			Spot:          false,
			Workers:       1,
			DBPoolSize:    5,
			DBMaxOverflow: 5,
		},
		WAF: WAF{
			Enabled:           true,
			RateLimit:         2000,
			RateWindowSeconds: 300,
		},
	}
}
