package guardrails

import (
	"slices"
	"strings"

	"github.com/langflow-infra/langflow-infra/awsfacts"
	"github.com/langflow-infra/langflow-infra/internal/recorder"
	"github.com/langflow-infra/langflow-infra/langflow"
)

// mcpPaths must be unreachable unless service.mcpEnabled.
var mcpPaths = []string{"/api/v1/mcp*", "/api/v2/mcp*", "/tenant/*/api/v1/mcp*", "/tenant/*/api/v2/mcp*"}

// requiredWAFGroups are the managed groups every web ACL carries.
var requiredWAFGroups = []string{
	"AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet",
	"AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesSQLiRuleSet",
}

var edgeRules = []Rule{
	{
		ID: "ELB.1", Requirement: "Plain HTTP redirects to HTTPS", Severity: High,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, l := range g.OfType(typeListener) {
				if l.String("protocol") != "HTTP" {
					continue
				}
				actions := l.Objects("defaultActions")
				if len(actions) != 1 || actions[0]["type"] != "redirect" {
					out = append(out, finding("ELB.1", l, "serves HTTP instead of redirecting to HTTPS"))
				}
			}
			return out
		},
	},
	{
		ID: "ELB.17", Requirement: "HTTPS listeners use a TLS 1.3 policy", Severity: High,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, l := range g.OfType(typeListener) {
				if l.String("protocol") == "HTTPS" && !strings.HasPrefix(l.String("sslPolicy"), "ELBSecurityPolicy-TLS13-") {
					out = append(out, finding("ELB.17", l, "uses TLS policy %q", l.String("sslPolicy")))
				}
			}
			return out
		},
	},
	perResource("ELB.4", "The ALB drops invalid header fields", Medium, typeLoadBalancer,
		func(lb *recorder.Resource) bool { return lb.Bool("dropInvalidHeaderFields") }, "keeps invalid header fields"),
	perResource("ELB.5", "The ALB writes access logs", Medium, typeLoadBalancer,
		func(lb *recorder.Resource) bool { return lb.Object("accessLogs")["enabled"] == true }, "access logs are off"),
	perResource("ELB.6", "The ALB has deletion protection", Medium, typeLoadBalancer,
		func(lb *recorder.Resource) bool { return lb.Bool("enableDeletionProtection") }, "deletion protection is off"),
	perResource("ELB.12", "The ALB mitigates desync attacks (defensive or strictest)", Medium, typeLoadBalancer,
		func(lb *recorder.Resource) bool {
			return slices.Contains([]string{"defensive", "strictest"}, lb.String("desyncMitigationMode"))
		}, "desync mitigation is not defensive or strictest"),
	perResource("ELB.13", "The ALB spans at least two AZs", Medium, typeLoadBalancer,
		func(lb *recorder.Resource) bool { return len(lb.Strings("subnets")) >= 2 }, "fewer than two subnets"),
	perResource("LF.ALB-IDLE", "The ALB waits at least Langflow's worker timeout for silent builds", Medium, typeLoadBalancer,
		func(lb *recorder.Resource) bool { return lb.Number("idleTimeout") >= langflow.WorkerTimeoutSeconds },
		"idle timeout shorter than Langflow's 300 s worker timeout"),
	{
		ID: "ELB.16", Requirement: "A WAF web ACL protects the ALB", Severity: High,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, lb := range g.OfType(typeLoadBalancer) {
				if !slices.ContainsFunc(g.OfType(typeWebACLAssoc), func(a *recorder.Resource) bool { return a.String("resourceArn") == arn(lb) }) {
					out = append(out, finding("ELB.16", lb, "no web ACL is associated"))
				}
			}
			return out
		},
	},
	{
		ID: "LF.MCP-BLOCKED", Requirement: "Langflow's unauthenticated MCP endpoints answer 403 unless enabled", Severity: Critical,
		Check: func(g *Graph) []Finding {
			if g.Config.Service.MCPEnabled {
				return nil
			}
			for _, listener := range appListeners(g) {
				if !blocksMCP(g, arn(listener)) {
					return []Finding{finding("LF.MCP-BLOCKED", listener, "MCP paths reach Langflow")}
				}
			}
			return nil
		},
	},
	{
		ID: "WAF.10", Requirement: "The web ACL has the four managed groups and the rate rule", Severity: High,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, acl := range g.OfType(typeWebACL) {
				names := wafRuleNames(acl)
				for _, group := range requiredWAFGroups {
					if !slices.Contains(names, group) {
						out = append(out, finding("WAF.10", acl, "lacks %s", group))
					}
				}
				if !slices.ContainsFunc(acl.Objects("rules"), func(r map[string]any) bool {
					s, _ := r["statement"].(map[string]any)
					return s["rateBasedStatement"] != nil
				}) {
					out = append(out, finding("WAF.10", acl, "has no rate-based rule"))
				}
			}
			return out
		},
	},
	{
		ID: "WAF.12", Requirement: "Every web ACL rule emits CloudWatch metrics", Severity: Low,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, acl := range g.OfType(typeWebACL) {
				for _, r := range acl.Objects("rules") {
					if v, _ := r["visibilityConfig"].(map[string]any); v["cloudwatchMetricsEnabled"] != true {
						out = append(out, finding("WAF.12", acl, "rule %v has no metrics", r["name"]))
					}
				}
			}
			return out
		},
	},
	{
		ID: "LF.WAF-LOGGING", Requirement: "The web ACL logs to an aws-waf-logs- log group", Severity: Medium,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, acl := range g.OfType(typeWebACL) {
				logged := slices.ContainsFunc(g.OfType(typeWebACLLogging), func(l *recorder.Resource) bool {
					return l.String("resourceArn") == arn(acl) && slices.ContainsFunc(l.Strings("logDestinationConfigs"), func(dest string) bool {
						return strings.Contains(dest, "aws-waf-logs-")
					})
				})
				if !logged {
					out = append(out, finding("LF.WAF-LOGGING", acl, "no logging to an aws-waf-logs- group"))
				}
			}
			return out
		},
	},
	{
		ID: "LF.WAF-BODY", Requirement: "SizeRestrictions_BODY does not block (flows are tens of KB)", Severity: High,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, acl := range g.OfType(typeWebACL) {
				for _, r := range acl.Objects("rules") {
					stmt, _ := r["statement"].(map[string]any)
					managed, _ := stmt["managedRuleGroupStatement"].(map[string]any)
					if managed["name"] != "AWSManagedRulesCommonRuleSet" {
						continue
					}
					counted := slices.ContainsFunc(recorder.Maps(managed["ruleActionOverrides"]), func(o map[string]any) bool {
						action, _ := o["actionToUse"].(map[string]any)
						return o["name"] == "SizeRestrictions_BODY" && action["count"] != nil
					})
					if !counted {
						out = append(out, finding("LF.WAF-BODY", acl, "SizeRestrictions_BODY blocks bodies over 8 KB"))
					}
				}
			}
			return out
		},
	},
}

// appListeners are the listeners that serve Langflow (not redirects).
func appListeners(g *Graph) []*recorder.Resource {
	var out []*recorder.Resource
	for _, l := range g.OfType(typeListener) {
		if actions := l.Objects("defaultActions"); len(actions) > 0 && actions[0]["type"] == "forward" {
			out = append(out, l)
		}
	}
	return out
}

// blocksMCP: a fixed-response rule on the listener covers every MCP path
// at a higher precedence than every forwarding rule.
func blocksMCP(g *Graph, listenerArn string) bool {
	blockPriority, forwardPriority := float64(awsfacts.MaxListenerRulePriority+1), float64(awsfacts.MaxListenerRulePriority+1)
	for _, r := range g.OfType(typeListenerRule) {
		if r.String("listenerArn") != listenerArn {
			continue
		}
		actions := r.Objects("actions")
		if len(actions) == 0 {
			continue
		}
		priority := r.Number("priority")
		switch actions[0]["type"] {
		case "fixed-response":
			response, _ := actions[0]["fixedResponse"].(map[string]any)
			if response["statusCode"] == "403" && coversAll(rulePaths(r), mcpPaths) {
				blockPriority = min(blockPriority, priority)
			}
		case "forward":
			forwardPriority = min(forwardPriority, priority)
		}
	}
	return blockPriority < forwardPriority
}

func rulePaths(r *recorder.Resource) []string {
	var out []string
	for _, c := range r.Objects("conditions") {
		if p, ok := c["pathPattern"].(map[string]any); ok {
			out = append(out, recorder.StringList(p["values"])...)
		}
	}
	return out
}

func coversAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

func wafRuleNames(acl *recorder.Resource) []string {
	var names []string
	for _, r := range acl.Objects("rules") {
		stmt, _ := r["statement"].(map[string]any)
		if managed, ok := stmt["managedRuleGroupStatement"].(map[string]any); ok {
			names = append(names, managed["name"].(string))
		}
	}
	return names
}
