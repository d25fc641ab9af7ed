package guardrails

import (
	"slices"
	"strings"

	"github.com/langflow-infra/langflow-infra/awsfacts"
	"github.com/langflow-infra/langflow-infra/internal/recorder"
	"github.com/langflow-infra/langflow-infra/stackconfig"
)

// AlarmMetrics are the seven signals every stack alarms on.
var AlarmMetrics = []string{
	"HTTPCode_ELB_5XX_Count", "UnHealthyHostCount", "CPUUtilization", "MemoryUtilization",
	"RunningTaskCount", "ACUUtilization", "DatabaseConnections",
}

var operationsRules = []Rule{
	perResource("LF.LOG-RETENTION", "Every log group expires its events", Low, typeLogGroup,
		func(lg *recorder.Resource) bool { return lg.Number("retentionInDays") > 0 }, "keeps logs forever"),
	{
		ID: "LF.TAGS", Requirement: "Every taggable resource carries Project, Stage and ManagedBy", Severity: Low,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, tag := range stackconfig.RequiredTags {
				if g.Config.DefaultTags[tag] == "" {
					out = append(out, Finding{Rule: "LF.TAGS", Resource: "stack", Detail: "aws:defaultTags lacks " + tag})
				}
			}
			// Default tags reach only resources on the default provider.
			for _, r := range g.Resources() {
				if strings.HasPrefix(r.Type, "aws:") && r.Provider != "" {
					out = append(out, finding("LF.TAGS", r, "uses provider %s, which does not carry aws:defaultTags", r.Provider))
				}
			}
			return out
		},
	},
	{
		ID: "LF.ALARMS", Requirement: "Alarms watch the seven signals and notify a topic", Severity: Medium,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, metric := range AlarmMetrics {
				if !slices.ContainsFunc(g.OfType(typeAlarm), func(a *recorder.Resource) bool {
					return a.String("metricName") == metric && len(a.Strings("alarmActions")) > 0
				}) {
					out = append(out, Finding{Rule: "LF.ALARMS", Resource: "stack", Detail: "no notifying alarm on " + metric})
				}
			}
			return out
		},
	},
	{
		ID: "LF.DATA-RETAINED", Requirement: "The database and its key survive `pulumi destroy` (protected, retained)", Severity: High,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, typ := range []string{typeCluster, typeKey} {
				for _, r := range g.OfType(typ) {
					if !r.Protect || !r.RetainOnDelete {
						out = append(out, finding("LF.DATA-RETAINED", r, "not protected and retained"))
					}
				}
			}
			return out
		},
	},
	{
		ID: "LF.SECRET-RECOVERY", Requirement: "Deleted secrets stay recoverable for at least 7 days", Severity: Medium,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, s := range g.OfType(typeSecret) {
				if s.Number("recoveryWindowInDays") < awsfacts.MinSecretRecoveryDays {
					out = append(out, finding("LF.SECRET-RECOVERY", s, "recovery window %v days", s.Number("recoveryWindowInDays")))
				}
			}
			return out
		},
	},
	{
		ID: "LF.CLEAN-DESTROY", Requirement: "Non-production stacks destroy without manual steps", Severity: Low,
		Applies: notProduction,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, r := range g.Resources() {
				if r.Protect {
					out = append(out, finding("LF.CLEAN-DESTROY", r, "is protected"))
				}
			}
			for _, c := range g.OfType(typeCluster) {
				if c.Bool("deletionProtection") || !c.Bool("skipFinalSnapshot") {
					out = append(out, finding("LF.CLEAN-DESTROY", c, "deletion protection on or final snapshot required"))
				}
			}
			for _, b := range g.OfType(typeBucket) {
				if !b.Bool("forceDestroy") {
					out = append(out, finding("LF.CLEAN-DESTROY", b, "not force-destroyed"))
				}
			}
			for _, repo := range g.OfType(typeRepository) {
				if !repo.Bool("forceDelete") {
					out = append(out, finding("LF.CLEAN-DESTROY", repo, "not force-deleted"))
				}
			}
			for _, lb := range g.OfType(typeLoadBalancer) {
				if lb.Bool("enableDeletionProtection") {
					out = append(out, finding("LF.CLEAN-DESTROY", lb, "deletion protection on"))
				}
			}
			return out
		},
	},
}

// Rules returns every rule, in report order.
func Rules() []Rule {
	var all []Rule
	for _, group := range [][]Rule{networkRules, databaseRules, edgeRules, ecsRules, storageRules, securityRules, operationsRules} {
		all = append(all, group...)
	}
	return all
}
