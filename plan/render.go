package plan

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// JSON renders the plan for scripts.
func (p *Plan) JSON() (string, error) {
	b, err := json.MarshalIndent(p, "", "  ")
	return string(b) + "\n", err
}

// Text renders the plan for a terminal.
func (p *Plan) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Plan for stack %s (%d resources), priced in %s (figures read %s from %s)\n\n", p.Stack, p.Total, p.Region, p.Prices.Read, p.Prices.From)
	b.WriteString("RESOURCES\n")
	for _, l := range p.Layers {
		fmt.Fprintf(&b, "%s %s (%d)\n", l.Type, l.Name, len(l.Resources))
		for _, r := range l.Resources {
			fmt.Fprintf(&b, "  %-58s %-30s %s\n", r.Type, r.Name, r.Settings)
		}
	}
	b.WriteString("\nCOUNTS BY TYPE\n")
	for _, t := range sortedKeys(p.Counts) {
		fmt.Fprintf(&b, "  %3d %s\n", p.Counts[t], t)
	}
	b.WriteString("\nMONTHLY COST (USD)\n")
	fmt.Fprintf(&b, "  %-34s %-42s %10s %10s\n", "item", "quantity", "idle", "scaled out")
	for _, l := range p.Cost.Lines {
		fmt.Fprintf(&b, "  %-34s %-42s %10.2f %10.2f\n", l.Item, l.Quantity, l.Idle, l.Scaled)
	}
	fmt.Fprintf(&b, "  %-34s %-42s %10.2f %10.2f\n", "total", "", p.Cost.Idle, p.Cost.Scaled)
	b.WriteString("  assumptions: " + p.assumptionsLine() + "\n")
	if len(p.Prices.Unconfirmed) > 0 {
		b.WriteString("  unconfirmed prices in " + p.Region + ": " + strings.Join(p.Prices.Unconfirmed, ", ") + "\n")
	}
	b.WriteString("\nCONNECTION BUDGET\n  " + p.budgetLine() + "\n")
	b.WriteString("\nFIRST DEPLOY\n")
	fmt.Fprintf(&b, "  critical path %.1f min, strictly serial %.1f min\n", p.Deploy.CriticalMinutes, p.Deploy.SerialMinutes)
	for _, s := range p.Deploy.CriticalPath {
		if s.Minutes > 0 {
			fmt.Fprintf(&b, "    %5.1f min  %s\n", s.Minutes, s.Resource)
		}
	}
	b.WriteString("\nGUARDRAILS\n  " + p.rulesLine() + "\n")
	for _, f := range p.Rules.Unexplained {
		b.WriteString("  FAIL " + f + "\n")
	}
	if g := p.Guide; g != nil {
		b.WriteString("\nAGAINST THE GUIDE (same region, same assumptions)\n")
		fmt.Fprintf(&b, "  idle       %10.2f vs %10.2f  (%.0f %%)\n", p.Cost.Idle, g.Cost.Idle, g.IdleRatio*100)
		fmt.Fprintf(&b, "  scaled out %10.2f vs %10.2f  (%.0f %%)\n", p.Cost.Scaled, g.Cost.Scaled, g.ScaledRatio*100)
		fmt.Fprintf(&b, "  first deploy: critical path %.0f min vs the guide's five serial steps %.0f min\n", p.Deploy.CriticalMinutes, g.SerialMinutes)
		for _, s := range g.Steps {
			fmt.Fprintf(&b, "    %5.1f min  %s (%s)\n", s.Minutes, s.Name, strings.Join(s.Chain, " -> "))
		}
		if len(g.Extras) > 0 {
			b.WriteString("  what costs more than the guide at idle, and what it buys:\n")
			for _, e := range g.Extras {
				fmt.Fprintf(&b, "    +%7.2f  %s: %s\n", e.Idle, e.Item, e.Buys)
			}
		}
		b.WriteString("  targets:\n")
		for _, t := range g.Targets {
			fmt.Fprintf(&b, "    [%s] %s: %s\n", holds(t.Holds), t.Goal, t.Detail)
		}
	}
	return b.String()
}

// Markdown renders the plan for a pull-request comment or the README.
func (p *Plan) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "### Stack `%s`: %d resources, priced in %s\n\n", p.Stack, p.Total, p.Region)
	b.WriteString("<details><summary>Resources by type</summary>\n\n| count | type |\n|---:|---|\n")
	for _, t := range sortedKeys(p.Counts) {
		fmt.Fprintf(&b, "| %d | `%s` |\n", p.Counts[t], t)
	}
	b.WriteString("\n</details>\n\n")
	b.WriteString("| monthly cost (USD) | quantity | idle | scaled out |")
	if p.Guide != nil {
		b.WriteString(" guide idle | guide scaled out |")
	}
	b.WriteString("\n|---|---|---:|---:|")
	if p.Guide != nil {
		b.WriteString("---:|---:|")
	}
	b.WriteString("\n")
	for _, item := range p.items() {
		ours, _ := p.Cost.Line(item)
		fmt.Fprintf(&b, "| %s | %s | %s | %s |", item, ours.Quantity, money(ours.Idle), money(ours.Scaled))
		if p.Guide != nil {
			g, _ := p.Guide.Cost.Line(item)
			fmt.Fprintf(&b, " %s | %s |", money(g.Idle), money(g.Scaled))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "| **total** | | **%.2f** | **%.2f** |", p.Cost.Idle, p.Cost.Scaled)
	if p.Guide != nil {
		fmt.Fprintf(&b, " **%.2f** | **%.2f** |", p.Guide.Cost.Idle, p.Guide.Cost.Scaled)
	}
	b.WriteString("\n\nAssumptions: " + p.assumptionsLine() + ". Prices read " + p.Prices.Read + " from " + p.Prices.From + ".\n\n")
	b.WriteString("**Connection budget:** " + p.budgetLine() + "\n\n")
	fmt.Fprintf(&b, "**First deploy:** critical path %.0f min (strictly serial: %.0f min):", p.Deploy.CriticalMinutes, p.Deploy.SerialMinutes)
	var steps []string
	for _, s := range p.Deploy.CriticalPath {
		if s.Minutes > 0 {
			steps = append(steps, fmt.Sprintf("`%s` %.1f", s.Resource, s.Minutes))
		}
	}
	b.WriteString(" " + strings.Join(steps, " -> ") + ".\n\n")
	b.WriteString("**Guardrails:** " + p.rulesLine() + "\n")
	if g := p.Guide; g != nil {
		fmt.Fprintf(&b, "\n**Against the guide:** idle %.0f %%, scaled out %.0f %% of the guide's; first deploy %.0f min against the guide's five serial steps, %.0f min (",
			g.IdleRatio*100, g.ScaledRatio*100, p.Deploy.CriticalMinutes, g.SerialMinutes)
		var parts []string
		for _, s := range g.Steps {
			parts = append(parts, fmt.Sprintf("%s %.0f", s.Name, s.Minutes))
		}
		b.WriteString(strings.Join(parts, ", ") + ").\n\n")
		if len(g.Extras) > 0 {
			b.WriteString("Costs more than the guide at idle, and what it buys:\n\n")
			for _, e := range g.Extras {
				fmt.Fprintf(&b, "- +%.2f %s: %s\n", e.Idle, e.Item, e.Buys)
			}
			b.WriteString("\n")
		}
		b.WriteString("| target | holds | figures |\n|---|---|---|\n")
		for _, t := range g.Targets {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", t.Goal, holds(t.Holds), t.Detail)
		}
	}
	return b.String()
}

// items lists every cost line of ours and the guide's, ours first.
func (p *Plan) items() []string {
	var items []string
	for _, l := range p.Cost.Lines {
		items = append(items, l.Item)
	}
	if p.Guide != nil {
		for _, l := range p.Guide.Cost.Lines {
			if !slices.Contains(items, l.Item) {
				items = append(items, l.Item)
			}
		}
	}
	return items
}

func (p *Plan) assumptionsLine() string {
	a := p.Assumptions
	return fmt.Sprintf("--alb-lcu %g, --nat-gb %g, --db-storage-gb %g, --db-io-millions %g, --waf-requests-millions %g, "+
		"--app-log-gb %g, --flow-log-gb %g, --waf-log-gb %g, --ecr-gb %g, --active-hours %g, --spot-discount %g, --image-build-minutes %g; "+
		"scaled out = maximum tasks and ACU all month",
		a.ALBLCUs, a.NATGB, a.DBStorageGB, a.DBIOMillions, a.WAFRequestsMillions, a.AppLogGB, a.FlowLogGB, a.WAFLogGB,
		a.ECRGB, a.ActiveHours, a.SpotDiscount, a.ImageBuildMinutes)
}

func (p *Plan) budgetLine() string {
	b := p.Budget
	verdict := "fits"
	if !b.Fits {
		verdict = "DOES NOT FIT"
	}
	return fmt.Sprintf("(%d pool + %d overflow) x %d workers x %d tasks = %d connections; Aurora max_connections at %g ACU = %d, %d usable: %s, headroom %d.",
		b.PoolSize, b.MaxOverflow, b.Workers, b.MaxTasks, b.Demand, b.MaxACU, b.MaxConnections, b.Allowed, verdict, b.Headroom)
}

func (p *Plan) rulesLine() string {
	r := p.Rules
	line := fmt.Sprintf("%d rules, %d pass or do not apply, %d excepted, %d unexplained findings.", r.Rules, r.Passed, len(r.Excepted), len(r.Unexplained))
	if len(r.Excepted) > 0 {
		line += " Exceptions: " + strings.Join(r.Excepted, "; ") + "."
	}
	return line
}

func money(v float64) string {
	if v == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", v)
}

func holds(ok bool) string {
	if ok {
		return "yes"
	}
	return "**NO**"
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
