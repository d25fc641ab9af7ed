package plan_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/langflow-infra/langflow-infra/internal/mockrun"
	"github.com/langflow-infra/langflow-infra/internal/stacktest"
	"github.com/langflow-infra/langflow-infra/plan"
	"github.com/langflow-infra/langflow-infra/pricing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 0.005 }

func mustPrices(t *testing.T, region string) pricing.Prices {
	t.Helper()
	p, err := pricing.For(region)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestEstimateByHand prices a small inventory whose bill was worked out by
// hand, in both regions.
func TestEstimateByHand(t *testing.T) {
	inv := plan.Inventory{
		NATGateways: 1, ALBs: 1, ALBPublicIPs: 2,
		Tasks:   plan.Tasks{CPU: 1024, MemoryMiB: 2048, Min: 1, Max: 3},
		Aurora:  plan.Aurora{MinACU: 1, MaxACU: 1, Instances: []bool{true}},
		Secrets: 1, KMSKeys: 1,
	}
	a := plan.Assumptions{ALBLCUs: 1, NATGB: 10, DBStorageGB: 10}
	cases := []struct {
		region       string
		idle, scaled float64
	}{
		// us-east-1 idle: NAT 0.045*730=32.85 + 10*0.045=0.45; IPv4 3*0.005*730=10.95;
		// ALB 0.0225*730=16.425 + LCU 0.008*730=5.84; one task (0.04048+2*0.004445)*730=36.0401;
		// Aurora 1*0.12*730=87.6 + storage 10*0.10=1; secret 0.40; key 1.00.
		// Scaled: two more tasks, 72.0802.
		{"us-east-1", 192.5551, 264.6353},
		// ap-northeast-1: NAT 0.062*730=45.26 + 0.62; IPv4 10.95; ALB 0.0243*730=17.739 + 5.84;
		// task (0.05056+2*0.00553)*730=44.9826; Aurora 0.20*730=146 + 1.2; secret 0.40; key 1.00.
		{"ap-northeast-1", 273.9916, 363.9568},
	}
	for _, tc := range cases {
		c := plan.Estimate(inv, mustPrices(t, tc.region), a)
		if !near(c.Idle, tc.idle) || !near(c.Scaled, tc.scaled) {
			t.Errorf("%s: idle %.4f scaled %.4f, want %.4f %.4f\n%+v", tc.region, c.Idle, c.Scaled, tc.idle, tc.scaled, c.Lines)
		}
	}
}

func TestUnknownRegion(t *testing.T) {
	_, err := pricing.For("eu-south-2")
	if err == nil || !strings.Contains(err.Error(), "ap-northeast-1, us-east-1") {
		t.Errorf("err = %v", err)
	}
}

// TestGuideLinesMatchTheGuidesTable: the lines of the guide's own cost
// table (us-east-1) within 10 %, except where the guide's arithmetic is
// wrong.
func TestGuideLinesMatchTheGuidesTable(t *testing.T) {
	a := plan.DefaultAssumptions()
	a.DBStorageGB = 100 // the guide's table prices 100 GB
	c := plan.Estimate(plan.Guide(), mustPrices(t, "us-east-1"), a)
	sum := func(items ...string) float64 {
		total := 0.0
		for _, item := range items {
			l, ok := c.Line(item)
			if !ok {
				t.Fatalf("no line %s", item)
			}
			total += l.Idle
		}
		return total
	}
	cases := []struct {
		line  string
		ours  float64
		guide float64
		// wrong explains why the guide's figure is off, when it is.
		wrong string
	}{
		{"NAT gateway (2 AZs)", sum("NAT gateway hours"), 64, ""},
		{"Aurora 0.5 ACU minimum", sum("Aurora ACU-hours, writer"), 43, ""},
		{"Aurora storage (100 GB)", sum("Aurora storage"), 10, ""},
		{"2 tasks (2 vCPU, 4 GB)", sum("Fargate on-demand tasks"), 120,
			"2 x (2 x 0.04048 + 4 x 0.004445) x 730 = 144.16, not 120"},
		{"Load balancer", sum("ALB hours", "ALB capacity units"), 22, ""},
		{"WAF web ACL", sum("WAF web ACL"), 5, ""},
		{"WAF rules, 1 per rule", sum("WAF rules") / float64(plan.Guide().WAFRules), 1, ""},
	}
	for _, tc := range cases {
		off := math.Abs(tc.ours-tc.guide) / tc.guide
		switch {
		case tc.wrong == "" && off > 0.10:
			t.Errorf("%s: ours %.2f vs the guide's %.2f (%.0f %% off)", tc.line, tc.ours, tc.guide, off*100)
		case tc.wrong != "" && off <= 0.10:
			t.Errorf("%s is listed as the guide's error (%s) but agrees with it", tc.line, tc.wrong)
		case tc.wrong != "":
			t.Logf("%s: the guide says %.0f; %s", tc.line, tc.guide, tc.wrong)
		}
	}
}

// TestCommittedStacksMeetTheTargets: us-east-1 prices, default assumptions.
func TestCommittedStacksMeetTheTargets(t *testing.T) {
	plans := map[string]*plan.Plan{}
	for _, stack := range stacktest.Stacks {
		p, err := plan.Build(stacktest.RepoRoot(), stack, plan.Options{Region: "us-east-1", Assumptions: plan.DefaultAssumptions(), CompareGuide: true})
		if err != nil {
			t.Fatal(err)
		}
		plans[stack] = p
		for _, target := range p.Guide.Targets {
			if !target.Holds {
				t.Errorf("%s: target %q does not hold: %s", stack, target.Goal, target.Detail)
			}
		}
		if p.Cost.Idle >= p.Cost.Scaled {
			t.Errorf("%s: idle %.2f not below scaled out %.2f", stack, p.Cost.Idle, p.Cost.Scaled)
		}
		if len(p.Rules.Unexplained) != 0 {
			t.Errorf("%s: unexplained findings %q", stack, p.Rules.Unexplained)
		}
	}
	dev, prd := plans["dev"], plans["prd"]
	if dev.Cost.Idle >= prd.Cost.Idle || dev.Cost.Scaled >= prd.Cost.Scaled {
		t.Errorf("dev (%.2f/%.2f) must cost less than prd (%.2f/%.2f)", dev.Cost.Idle, dev.Cost.Scaled, prd.Cost.Idle, prd.Cost.Scaled)
	}
	if len(prd.Guide.Targets) != 3 || len(dev.Guide.Targets) != 2 {
		t.Errorf("targets: dev %d, prd %d", len(dev.Guide.Targets), len(prd.Guide.Targets))
	}
	// prd costs more than the guide at idle: every extra line says what it buys.
	if prd.Cost.Idle > prd.Guide.Cost.Idle {
		if len(prd.Guide.Extras) == 0 {
			t.Error("prd costs more than the guide at idle but lists no extra line")
		}
		for _, e := range prd.Guide.Extras {
			if e.Buys == "" {
				t.Errorf("extra line %s does not say what it buys", e.Item)
			}
		}
	}
}

// TestCostReactsToConfig runs the whole program with one change at a time
// and checks the estimate and budget move the right way.
func TestCostReactsToConfig(t *testing.T) {
	prices := mustPrices(t, "us-east-1")
	estimate := func(t *testing.T, stack string, edit func(map[string]any)) (plan.Cost, int) {
		project, values := stacktest.Values(t, stack)
		if edit != nil {
			for key, raw := range values {
				if !strings.HasPrefix(key, "langflow-infra:") || !strings.HasPrefix(raw, "{") {
					continue
				}
				var obj map[string]any
				_ = json.Unmarshal([]byte(raw), &obj)
				edit(map[string]any{strings.TrimPrefix(key, "langflow-infra:"): obj})
				b, _ := json.Marshal(obj)
				values[key] = string(b)
			}
		}
		res, err := mockrun.RunValues(project, stack, values)
		if err != nil {
			t.Fatal(err)
		}
		budget := res.Deployment.Config
		return plan.Estimate(plan.FromRecord(stack, res.Recorder), prices, plan.DefaultAssumptions()),
			budget.Service.ConnectionsPerTask() * budget.Service.MaxTasks()
	}
	within := func(key string, fn func(obj map[string]any)) func(map[string]any) {
		return func(m map[string]any) {
			if obj, ok := m[key].(map[string]any); ok {
				fn(obj)
			}
		}
	}
	base, baseDemand := estimate(t, "prd", nil)
	moreTasks, moreDemand := estimate(t, "prd", within("service", func(o map[string]any) {
		o["autoscaling"].(map[string]any)["maxTasks"] = 15
	}))
	moreACU, _ := estimate(t, "prd", within("database", func(o map[string]any) { o["maxCapacity"] = 4 }))
	noNAT, _ := estimate(t, "prd", within("network", func(o map[string]any) { o["natStrategy"] = "none" }))
	if moreTasks.Scaled <= base.Scaled || moreDemand <= baseDemand {
		t.Errorf("more tasks: scaled %.2f -> %.2f, demand %d -> %d", base.Scaled, moreTasks.Scaled, baseDemand, moreDemand)
	}
	if moreACU.Scaled <= base.Scaled || moreACU.Idle != base.Idle {
		t.Errorf("more ACU: scaled %.2f -> %.2f, idle %.2f -> %.2f", base.Scaled, moreACU.Scaled, base.Idle, moreACU.Idle)
	}
	if noNAT.Idle >= base.Idle {
		t.Errorf("NAT none (%.2f) must be cheaper than one per AZ (%.2f)", noNAT.Idle, base.Idle)
	}
}

// TestCriticalPathByHand: A(2) -> B(3) -> D(1) and A -> C(5) -> D, E(4)
// alone. Longest: A, C, D = 8; serial sum 15.
func TestCriticalPathByHand(t *testing.T) {
	nodes := []plan.Node{
		{ID: "a", Label: "A", Minutes: 2},
		{ID: "b", Label: "B", Minutes: 3, DependsOn: []string{"a"}},
		{ID: "c", Label: "C", Minutes: 5, DependsOn: []string{"a"}},
		{ID: "d", Label: "D", Minutes: 1, DependsOn: []string{"b", "c", "outside-the-graph"}},
		{ID: "e", Label: "E", Minutes: 4},
	}
	est := plan.CriticalPath(nodes)
	var path []string
	for _, s := range est.CriticalPath {
		path = append(path, s.Resource)
	}
	if est.CriticalMinutes != 8 || est.SerialMinutes != 15 || strings.Join(path, ",") != "A,C,D" {
		t.Errorf("critical %v serial %v path %v", est.CriticalMinutes, est.SerialMinutes, path)
	}
}

func TestFormats(t *testing.T) {
	p, err := plan.Build(stacktest.RepoRoot(), "dev", plan.Options{Assumptions: plan.DefaultAssumptions()})
	if err != nil {
		t.Fatal(err)
	}
	out, err := p.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var decoded map[string]any
	if err := json.Unmarshal([]byte(out), &decoded); err != nil || decoded["region"] != "ap-northeast-1" || decoded["resourceCount"].(float64) != float64(p.Total) {
		t.Errorf("json: %v %v", err, decoded["region"])
	}
	text, md := p.Text(), p.Markdown()
	for _, want := range []string{"langflow:network:Network", "awsx:ec2:Vpc", "MONTHLY COST", "CONNECTION BUDGET", "FIRST DEPLOY", "--active-hours 200"} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q", want)
		}
	}
	if !strings.Contains(md, "| monthly cost (USD) |") || !strings.Contains(md, "**Connection budget:**") {
		t.Errorf("markdown output:\n%s", md)
	}
}
