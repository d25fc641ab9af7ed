package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/langflow-infra/langflow-infra/guardrails"
	"github.com/langflow-infra/langflow-infra/internal/mockrun"
	"github.com/langflow-infra/langflow-infra/internal/recorder"
	"github.com/langflow-infra/langflow-infra/pricing"
	"github.com/langflow-infra/langflow-infra/stackconfig"
)

// Options choose what to plan.
type Options struct {
	// Region prices the stack in another region than its own ("" = its own).
	Region       string
	Assumptions  Assumptions
	CompareGuide bool
}

// Plan is everything the command reports for one stack.
type Plan struct {
	Stack       string         `json:"stack"`
	Region      string         `json:"region"`
	Prices      pricing.Source `json:"prices"`
	Layers      []Layer        `json:"layers"`
	Counts      map[string]int `json:"countsByType"`
	Total       int            `json:"resourceCount"`
	Cost        Cost           `json:"cost"`
	Assumptions Assumptions    `json:"assumptions"`
	Budget      Budget         `json:"connectionBudget"`
	Deploy      DeployEstimate `json:"deploy"`
	Rules       RuleSummary    `json:"rules"`
	Guide       *Comparison    `json:"guide,omitempty"`
	config      *stackconfig.Config
}

// Layer is one component with the resources under it.
type Layer struct {
	Type      string     `json:"type"`
	Name      string     `json:"name"`
	Resources []Resource `json:"resources"`
}

// Resource is one planned resource with the settings that matter.
type Resource struct {
	Type     string `json:"type"`
	Name     string `json:"name"`
	Settings string `json:"settings,omitempty"`
}

// Budget is the connection budget with its formula's terms.
type Budget struct {
	PoolSize       int     `json:"poolSize"`
	MaxOverflow    int     `json:"maxOverflow"`
	Workers        int     `json:"workers"`
	MaxTasks       int     `json:"maxTasks"`
	MaxACU         float64 `json:"maxAcu"`
	Demand         int     `json:"demand"`
	MaxConnections int     `json:"maxConnections"`
	Allowed        int     `json:"allowed"`
	Headroom       int     `json:"headroom"`
	Fits           bool    `json:"fits"`
}

// RuleSummary is the guardrail report in short.
type RuleSummary struct {
	Rules       int      `json:"rules"`
	Passed      int      `json:"passed"`
	Excepted    []string `json:"excepted"`
	Unexplained []string `json:"unexplained"`
}

// Comparison sets the stack against the guide's deployment.
type Comparison struct {
	Cost          Cost        `json:"cost"`
	Steps         []GuideStep `json:"steps"`
	SerialMinutes float64     `json:"serialMinutes"`
	IdleRatio     float64     `json:"idleRatio"`
	ScaledRatio   float64     `json:"scaledOutRatio"`
	// Extras are, when the stack costs more than the guide at idle, the
	// lines that cost more, with what they buy.
	Extras  []Line   `json:"extras"`
	Targets []Target `json:"targets"`
}

// Target is one goal the stack must meet against the guide.
type Target struct {
	Goal   string `json:"goal"`
	Holds  bool   `json:"holds"`
	Detail string `json:"detail"`
}

// Build runs the stack offline and plans it.
func Build(dir, stack string, opts Options) (*Plan, error) {
	res, err := mockrun.Stack(dir, stack)
	if err != nil {
		return nil, err
	}
	cfg := res.Deployment.Config
	region := opts.Region
	if region == "" {
		region = cfg.Region
	}
	prices, err := pricing.For(region)
	if err != nil {
		return nil, err
	}
	p := &Plan{
		Stack: stack, Region: region, Prices: prices.Source, Assumptions: opts.Assumptions,
		config: cfg,
	}
	p.Layers, p.Counts, p.Total = layers(res.Recorder)
	p.Cost = Estimate(FromRecord(stack, res.Recorder), prices, opts.Assumptions)
	p.Budget = budgetOf(cfg)
	p.Deploy = CriticalPath(DeployNodes(res.Recorder, opts.Assumptions.ImageBuildMinutes))
	p.Rules = summarize(guardrails.Evaluate(guardrails.FromRun(res)))
	if opts.CompareGuide {
		p.Guide = compare(p, prices, opts.Assumptions)
	}
	return p, nil
}

func budgetOf(cfg *stackconfig.Config) Budget {
	b := stackconfig.Budget(cfg)
	s := cfg.Service
	return Budget{
		PoolSize: s.DBPoolSize, MaxOverflow: s.DBMaxOverflow, Workers: s.Workers, MaxTasks: s.MaxTasks(),
		MaxACU: cfg.Database.MaxCapacity, Demand: b.Demand, MaxConnections: b.MaxConnections,
		Allowed: b.Allowed, Headroom: b.Headroom(), Fits: b.Demand <= b.Allowed,
	}
}

func summarize(r guardrails.Report) RuleSummary {
	s := RuleSummary{Rules: len(r.Results), Excepted: []string{}, Unexplained: []string{}}
	for _, res := range r.Results {
		switch {
		case res.Passed():
			s.Passed++
		case res.Exception != nil:
			s.Excepted = append(s.Excepted, res.Rule.ID+": "+res.Exception.Reason)
		}
	}
	for _, f := range r.Unexplained() {
		s.Unexplained = append(s.Unexplained, f.String())
	}
	return s
}

// Target thresholds against the guide (us-east-1 prices, default assumptions).
const (
	DevIdleShare   = 0.30
	PrdScaledShare = 0.70
)

func compare(p *Plan, prices pricing.Prices, a Assumptions) *Comparison {
	guide := Estimate(Guide(), prices, a)
	steps, serial := GuideDeploy(a.ImageBuildMinutes)
	c := &Comparison{
		Cost: guide, Steps: steps, SerialMinutes: serial,
		IdleRatio: p.Cost.Idle / guide.Idle, ScaledRatio: p.Cost.Scaled / guide.Scaled,
	}
	if p.Cost.Idle > guide.Idle {
		ours, theirs := p.Cost.IdleByKey(), guide.IdleByKey()
		for _, l := range p.Cost.Lines {
			if l.Group == "" && ours[l.Key()] > theirs[l.Key()]+0.005 {
				extra := l
				extra.Idle = ours[l.Key()] - theirs[l.Key()]
				c.Extras = append(c.Extras, extra)
			}
		}
	}
	c.Targets = append(c.Targets, Target{
		Goal:   "connection budget fits at max scale",
		Holds:  p.Budget.Fits,
		Detail: fmt.Sprintf("%d of %d connections", p.Budget.Demand, p.Budget.Allowed),
	})
	switch p.config.Stage {
	case stackconfig.StagePrd:
		c.Targets = append(c.Targets,
			Target{
				Goal:   fmt.Sprintf("scaled-out cost <= %.0f %% of the guide's", PrdScaledShare*100),
				Holds:  c.ScaledRatio <= PrdScaledShare,
				Detail: fmt.Sprintf("%s vs %s = %.0f %%", usd(p.Cost.Scaled), usd(guide.Scaled), c.ScaledRatio*100),
			},
			Target{
				Goal:   "first deploy shorter than the guide's five serial steps",
				Holds:  p.Deploy.CriticalMinutes < serial,
				Detail: fmt.Sprintf("%.0f min vs %.0f min", p.Deploy.CriticalMinutes, serial),
			})
	default:
		c.Targets = append(c.Targets, Target{
			Goal:   fmt.Sprintf("idle cost <= %.0f %% of the guide's", DevIdleShare*100),
			Holds:  c.IdleRatio <= DevIdleShare,
			Detail: fmt.Sprintf("%s vs %s = %.0f %%", usd(p.Cost.Idle), usd(guide.Idle), c.IdleRatio*100),
		})
	}
	return c
}

// layers groups the resources under the langflow component above them.
func layers(rec *recorder.Recorder) ([]Layer, map[string]int, int) {
	var out []Layer
	counts := map[string]int{}
	index := map[string]int{}
	total := 0
	for _, r := range rec.Resources() {
		if strings.HasPrefix(r.Type, "langflow:") {
			index[r.URN] = len(out)
			out = append(out, Layer{Type: r.Type, Name: r.Name})
		}
	}
	for _, r := range rec.Resources() {
		if strings.HasPrefix(r.Type, "langflow:") {
			continue
		}
		counts[r.Type]++
		total++
		owner := r.Parent
		for owner != "" {
			if _, ok := index[owner]; ok {
				break
			}
			parent := rec.ByURN(owner)
			if parent == nil {
				owner = ""
				break
			}
			owner = parent.Parent
		}
		if i, ok := index[owner]; ok {
			out[i].Resources = append(out[i].Resources, Resource{Type: r.Type, Name: r.Name, Settings: settings(r)})
		}
	}
	order := []string{"langflow:encryption:StackKey", "langflow:network:Network", "langflow:database:Database", "langflow:platform:Platform", "langflow:service:Service"}
	slices.SortFunc(out, func(a, b Layer) int { return slices.Index(order, a.Type) - slices.Index(order, b.Type) })
	return out, counts, total
}

func usd(v float64) string { return fmt.Sprintf("$%.2f", v) }
