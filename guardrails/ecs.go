package guardrails

import (
	"regexp"
	"slices"

	"github.com/langflow-infra/langflow-infra/awsfacts"
	"github.com/langflow-infra/langflow-infra/internal/recorder"
	"github.com/langflow-infra/langflow-infra/langflow"
)

// secretLooking are environment names that must come from secrets.
var secretLooking = regexp.MustCompile(`(?i)(PASSWORD|SECRET|TOKEN|API_KEY|DATABASE_URL)`)

// containerRule checks every container definition.
func containerRule(id, requirement string, severity Severity, check func(c map[string]any) string) Rule {
	return Rule{ID: id, Requirement: requirement, Severity: severity, Check: func(g *Graph) []Finding {
		var out []Finding
		td := g.first(typeTaskDefinition)
		for _, c := range g.containers() {
			if problem := check(c); problem != "" {
				out = append(out, finding(id, td, "container %v: %s", c["name"], problem))
			}
		}
		return out
	}}
}

var ecsRules = []Rule{
	perResource("ECS.2", "Tasks get no public IP", High, typeECSService,
		func(svc *recorder.Resource) bool { return svc.Object("networkConfiguration")["assignPublicIp"] != true },
		"assigns public IPs"),
	containerRule("ECS.4", "No container is privileged", Critical, func(c map[string]any) string {
		if c["privileged"] == true {
			return "privileged"
		}
		return ""
	}),
	containerRule("ECS.5", "Containers have a read-only root filesystem", High, func(c map[string]any) string {
		if c["readonlyRootFilesystem"] != true {
			return "writable root filesystem"
		}
		return ""
	}),
	containerRule("ECS.8", "No secret is a plain environment value", Critical, func(c map[string]any) string {
		for _, e := range recorder.Maps(c["environment"]) {
			if name, _ := e["name"].(string); secretLooking.MatchString(name) {
				return "environment variable " + name + " looks like a secret"
			}
		}
		return ""
	}),
	containerRule("ECS.9", "Containers log to CloudWatch", Medium, func(c map[string]any) string {
		if logs, _ := c["logConfiguration"].(map[string]any); logs["logDriver"] != "awslogs" {
			return "no awslogs configuration"
		}
		return ""
	}),
	{
		ID: "ECS.10", Requirement: "The service runs on the latest Fargate platform version", Severity: Medium,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, svc := range g.OfType(typeECSService) {
				if v := svc.String("platformVersion"); v != "LATEST" {
					out = append(out, finding("ECS.10", svc, "pinned to platform %q", v))
				}
			}
			return out
		},
	},
	perResource("ECS.12", "The cluster has Container Insights", Low, typeECSCluster,
		func(c *recorder.Resource) bool {
			return slices.ContainsFunc(c.Objects("settings"), func(s map[string]any) bool {
				return s["name"] == "containerInsights" && (s["value"] == "enabled" || s["value"] == "enhanced")
			})
		}, "Container Insights is off"),
	{
		ID: "LF.ECS-DEPLOY", Requirement: "Deployments keep 100 % healthy, roll back on failure and wait out start-up", Severity: High,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, svc := range g.OfType(typeECSService) {
				breaker := svc.Object("deploymentCircuitBreaker")
				if breaker["enable"] != true || breaker["rollback"] != true {
					out = append(out, finding("LF.ECS-DEPLOY", svc, "no circuit breaker with rollback"))
				}
				if svc.Number("deploymentMinimumHealthyPercent") < 100 {
					out = append(out, finding("LF.ECS-DEPLOY", svc, "minimum healthy below 100 %%"))
				}
				if svc.Number("healthCheckGracePeriodSeconds") < langflow.StartupSeconds {
					out = append(out, finding("LF.ECS-DEPLOY", svc, "health-check grace shorter than Langflow's start-up"))
				}
			}
			return out
		},
	},
	{
		ID: "LF.SPOT-TIMING", Requirement: "Shutdown fits Fargate Spot's 120 s notice (stop timeout, deregistration delay)", Severity: Medium,
		Check: func(g *Graph) []Finding {
			var out []Finding
			td := g.first(typeTaskDefinition)
			for _, c := range g.containers() {
				if stop, ok := c["stopTimeout"].(float64); ok && stop > awsfacts.MaxContainerStopTimeoutSeconds {
					out = append(out, finding("LF.SPOT-TIMING", td, "container %v stop timeout %v s", c["name"], stop))
				}
			}
			for _, tg := range g.OfType(typeTargetGroup) {
				if tg.Number("deregistrationDelay") >= awsfacts.SpotInterruptionNoticeSeconds || tg.Get("deregistrationDelay") == nil {
					out = append(out, finding("LF.SPOT-TIMING", tg, "deregistration delay not below the Spot notice"))
				}
			}
			return out
		},
	},
	{
		ID: "LF.DESIRED-IGNORED", Requirement: "With autoscaling, a deploy does not reset the task count", Severity: Medium,
		Check: func(g *Graph) []Finding {
			if len(g.OfType(typeScalingTarget)) == 0 {
				return nil
			}
			var out []Finding
			for _, svc := range g.OfType(typeECSService) {
				if !slices.Contains(svc.IgnoreChanges, "desiredCount") {
					out = append(out, finding("LF.DESIRED-IGNORED", svc, "desiredCount is managed by both Pulumi and the autoscaler"))
				}
			}
			return out
		},
	},
}
