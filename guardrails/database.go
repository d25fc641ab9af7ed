package guardrails

import (
	"slices"

	"github.com/langflow-infra/langflow-infra/internal/recorder"
	"github.com/langflow-infra/langflow-infra/stackconfig"
)

// defaultAdminNames are the user names RDS.24 treats as defaults.
var defaultAdminNames = []string{"postgres", "admin", "root", "rdsadmin", "master"}

var databaseRules = []Rule{
	perResource("RDS.27", "Aurora storage is encrypted", Critical, typeCluster,
		func(c *recorder.Resource) bool { return c.Bool("storageEncrypted") }, "storage is not encrypted"),
	perResource("RDS.7", "Aurora has deletion protection", High, typeCluster,
		func(c *recorder.Resource) bool { return c.Bool("deletionProtection") }, "deletion protection is off"),
	perResource("RDS.12", "Aurora accepts IAM authentication", Medium, typeCluster,
		func(c *recorder.Resource) bool { return c.Bool("iamDatabaseAuthenticationEnabled") }, "IAM authentication is off"),
	perResource("RDS.16", "Aurora copies tags to snapshots", Low, typeCluster,
		func(c *recorder.Resource) bool { return c.Bool("copyTagsToSnapshot") }, "tags are not copied to snapshots"),
	perResource("RDS.24", "Aurora's admin user is not a default name", Medium, typeCluster,
		func(c *recorder.Resource) bool {
			return !slices.Contains(defaultAdminNames, c.String("masterUsername"))
		},
		"the admin user has a default name"),
	perResource("RDS.37", "Aurora exports PostgreSQL logs to CloudWatch", Medium, typeCluster,
		func(c *recorder.Resource) bool {
			return slices.Contains(c.Strings("enabledCloudwatchLogsExports"), "postgresql")
		},
		"the postgresql log is not exported"),
	perResource("LF.DB-BACKUPS", "Aurora keeps at least 7 days of backups", Medium, typeCluster,
		func(c *recorder.Resource) bool {
			return c.Number("backupRetentionPeriod") >= stackconfig.MinProductionBackupDays
		}, "backups are kept under 7 days"),
	perResource("LF.DB-FINAL-SNAPSHOT", "Deleting Aurora takes a final snapshot", High, typeCluster,
		func(c *recorder.Resource) bool {
			return !c.Bool("skipFinalSnapshot") && c.String("finalSnapshotIdentifier") != ""
		},
		"no final snapshot on delete"),
	perResource("RDS.2", "No Aurora instance is publicly accessible (RDS.2, RDS.46)", Critical, typeInstance,
		func(i *recorder.Resource) bool { return !i.Bool("publiclyAccessible") }, "publicly accessible"),
	perResource("RDS.13", "Aurora instances take minor upgrades automatically (RDS.13, RDS.35)", Medium, typeInstance,
		func(i *recorder.Resource) bool { return i.Bool("autoMinorVersionUpgrade") }, "automatic minor upgrades are off"),
	{
		ID: "RDS.15", Requirement: "Aurora has instances in at least two AZs", Severity: Medium,
		Check: func(g *Graph) []Finding {
			azs := map[string]bool{}
			for _, i := range g.OfType(typeInstance) {
				azs[i.String("availabilityZone")] = true
			}
			if len(azs) < 2 {
				return []Finding{{Rule: "RDS.15", Resource: "stack", Detail: "all Aurora instances are in one AZ"}}
			}
			return nil
		},
	},
	{
		ID: "LF.DB-TLS", Requirement: "Aurora refuses connections without TLS (rds.force_ssl)", Severity: High,
		Check: func(g *Graph) []Finding {
			for _, pg := range g.OfType(typeParameterGroup) {
				for _, p := range pg.Objects("parameters") {
					if p["name"] == "rds.force_ssl" && p["value"] == "1" {
						return nil
					}
				}
			}
			return []Finding{{Rule: "LF.DB-TLS", Resource: "stack", Detail: "no cluster parameter group sets rds.force_ssl=1"}}
		},
	},
	{
		ID: "LF.DB-BUDGET", Requirement: "The service's pools fit Aurora's max_connections at full scale", Severity: High,
		Check: func(g *Graph) []Finding {
			b := stackconfig.Budget(g.Config)
			if b.Demand > b.Allowed {
				return []Finding{{Rule: "LF.DB-BUDGET", Resource: "stack", Detail: "pools may open more connections than Aurora allows"}}
			}
			return nil
		},
	},
}
