package guardrails

import (
	"slices"

	"github.com/langflow-infra/langflow-infra/database"
	"github.com/langflow-infra/langflow-infra/internal/recorder"
	"github.com/langflow-infra/langflow-infra/langflow"
)

var networkRules = []Rule{
	{
		ID: "EC2.2", Requirement: "The VPC's default security group allows no traffic", Severity: High,
		Check: func(g *Graph) []Finding {
			sg := g.first(typeDefaultSG)
			if sg == nil {
				return []Finding{{Rule: "EC2.2", Resource: "stack", Detail: "the default security group is not adopted and stripped"}}
			}
			if sg.Get("ingress") == nil || len(sg.Objects("ingress")) > 0 || len(sg.Objects("egress")) > 0 {
				return []Finding{finding("EC2.2", sg, "has rules (or leaves AWS's defaults in place)")}
			}
			return nil
		},
	},
	{
		ID: "EC2.6", Requirement: "VPC flow logs record all traffic", Severity: Medium,
		Check: func(g *Graph) []Finding {
			for _, f := range g.OfType(typeFlowLog) {
				if f.String("trafficType") == "ALL" && f.String("logDestination") != "" {
					return nil
				}
			}
			return []Finding{{Rule: "EC2.6", Resource: "stack", Detail: "no flow log with trafficType ALL"}}
		},
	},
	{
		ID: "EC2.18", Requirement: "No security group admits 0.0.0.0/0 or ::/0 except the ALB on 80/443", Severity: High,
		Check: func(g *Graph) []Finding {
			var out []Finding
			alb := g.albSecurityGroup()
			for _, r := range g.OfType(typeIngressRule) {
				open := r.String("cidrIpv4") == "0.0.0.0/0" || r.String("cidrIpv6") == "::/0"
				port := r.Number("fromPort")
				allowed := r.String("securityGroupId") == alb && (port == 80 || port == 443) && r.Number("toPort") == port
				if open && !allowed {
					out = append(out, finding("EC2.18", r, "admits the internet on %v-%v", port, r.Number("toPort")))
				}
			}
			for _, sg := range g.OfType(typeSecurityGroup) {
				if len(sg.Objects("ingress")) > 0 {
					out = append(out, finding("EC2.18", sg, "has inline ingress rules; rules must be separate resources the guardrails can read"))
				}
			}
			return out
		},
	},
	{
		ID: "LF.DB-INGRESS", Requirement: "The database admits 5432 from the task security group only", Severity: Critical,
		Check: func(g *Graph) []Finding {
			return onlyFrom(g, "LF.DB-INGRESS", g.databaseSecurityGroup(), g.taskSecurityGroup(), database.Port)
		},
	},
	{
		ID: "LF.TASK-INGRESS", Requirement: "The tasks admit 7860 from the ALB security group only", Severity: Critical,
		Check: func(g *Graph) []Finding {
			return onlyFrom(g, "LF.TASK-INGRESS", g.taskSecurityGroup(), g.albSecurityGroup(), langflow.Port)
		},
	},
	{
		ID: "LF.DB-SUBNETS", Requirement: "The database lives in isolated subnets (no route to the internet)", Severity: Critical,
		Check: func(g *Graph) []Finding {
			isolated := g.subnets("isolated")
			var out []Finding
			for _, sg := range g.OfType(typeSubnetGroup) {
				for _, id := range sg.Strings("subnetIds") {
					if !slices.Contains(isolated, id) {
						out = append(out, finding("LF.DB-SUBNETS", sg, "uses subnet %s, not an isolated one", id))
					}
				}
			}
			return out
		},
	},
	{
		ID: "LF.APP-SUBNETS", Requirement: "The tasks run in private subnets (NAT strategy none: public, as a documented exception)", Severity: High,
		Check: func(g *Graph) []Finding {
			private := g.subnets("private")
			var out []Finding
			for _, svc := range g.OfType(typeECSService) {
				for _, id := range recorder.StringList(svc.Object("networkConfiguration")["subnets"]) {
					if !slices.Contains(private, id) {
						out = append(out, finding("LF.APP-SUBNETS", svc, "runs in subnet %s, not a private one", id))
					}
				}
			}
			return out
		},
	},
}

// onlyFrom checks that every ingress rule of group admits only port from
// source, and that such a rule exists.
func onlyFrom(g *Graph, rule, group, source string, port float64) []Finding {
	var out []Finding
	found := false
	for _, r := range g.OfType(typeIngressRule) {
		if r.String("securityGroupId") != group {
			continue
		}
		if !admitsExactly(r, source, port) {
			out = append(out, finding(rule, r, "admits %v-%v from %q %q, want %v from %s only",
				r.Number("fromPort"), r.Number("toPort"), r.String("referencedSecurityGroupId"), r.String("cidrIpv4"), port, source))
			continue
		}
		found = true
	}
	if !found && len(out) == 0 {
		out = append(out, Finding{Rule: rule, Resource: "stack", Detail: "no rule admits the expected traffic"})
	}
	return out
}

func admitsExactly(r *recorder.Resource, source string, port float64) bool {
	return r.String("ipProtocol") == "tcp" && r.Number("fromPort") == port && r.Number("toPort") == port &&
		r.String("referencedSecurityGroupId") == source && r.Get("cidrIpv4") == nil && r.Get("cidrIpv6") == nil
}
