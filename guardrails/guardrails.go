// Package guardrails checks the security and reliability promises of the
// guide (and the ones Langflow needs beyond them) against the resources the
// program registers. Each rule has an id (the Security Hub FSBP control id
// where one exists, LF.* otherwise), a one-line requirement and a severity;
// it returns findings naming the resource. Exceptions are explicit.
package guardrails

import (
	"fmt"
	"slices"
	"strings"

	"github.com/langflow-infra/langflow-infra/internal/mockrun"
	"github.com/langflow-infra/langflow-infra/internal/recorder"
	"github.com/langflow-infra/langflow-infra/stackconfig"
)

// Severity ranks a rule.
type Severity string

const (
	Critical Severity = "critical"
	High     Severity = "high"
	Medium   Severity = "medium"
	Low      Severity = "low"
)

// Finding is one violation of a rule by one resource.
type Finding struct {
	Rule     string
	Resource string // "<type> <logical name>", or "stack" for config-level findings
	Detail   string
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s", f.Rule, f.Resource, f.Detail)
}

// Rule is one requirement.
type Rule struct {
	ID          string
	Requirement string
	Severity    Severity
	// Applies limits a rule to some stages; nil means every stage.
	Applies func(stackconfig.Stage) bool
	Check   func(g *Graph) []Finding
}

// Exception accepts a rule's findings on one stack, for a stated reason.
type Exception struct {
	Rule   string
	Stack  string
	Reason string
}

// Exceptions are the accepted findings. Anything else that fails is a
// defect (the tests fail on it).
var Exceptions = []Exception{
	{"ECS.2", "dev", "natStrategy none: tasks run in public subnets with public IPs, admitted only from the ALB (no NAT gateway bill)"},
	{"LF.APP-SUBNETS", "dev", "natStrategy none: tasks run in public subnets, admitted only from the ALB"},
	{"ELB.1", "dev", "no domain: served over HTTP on the ALB's DNS name, with a warning at deploy time"},
	{"RDS.7", "dev", "dev must be destroyable without manual steps"},
	{"ELB.6", "dev", "dev must be destroyable without manual steps"},
	{"RDS.15", "dev", "cost: dev runs a single writer that scales to 0"},
	{"LF.DB-BACKUPS", "dev", "cost: dev keeps 1 day of backups"},
	{"LF.DB-FINAL-SNAPSHOT", "dev", "dev must be destroyable without manual steps"},
	{"LF.DATA-RETAINED", "dev", "dev must be destroyable without manual steps"},
	{"LF.SECRET-RECOVERY", "dev", "dev secrets are deleted at once so a re-created stack can reuse their names"},
}

// Result is one rule's outcome on one stack.
type Result struct {
	Rule     Rule
	Findings []Finding
	// Applicable is false when the rule does not apply to the stage.
	Applicable bool
	// Exception is set when the findings are accepted.
	Exception *Exception
}

// Passed reports whether the rule holds (or does not apply).
func (r Result) Passed() bool { return !r.Applicable || len(r.Findings) == 0 }

// Report is every rule's result on one stack.
type Report struct {
	Stack   string
	Results []Result
}

// Evaluate runs every rule over the graph.
func Evaluate(g *Graph) Report {
	report := Report{Stack: g.Stack}
	for _, rule := range Rules() {
		res := Result{Rule: rule, Applicable: rule.Applies == nil || rule.Applies(g.Config.Stage)}
		if res.Applicable {
			res.Findings = rule.Check(g)
			if len(res.Findings) > 0 {
				res.Exception = exceptionFor(rule.ID, g.Stack)
			}
		}
		report.Results = append(report.Results, res)
	}
	return report
}

// Unexplained returns the findings no exception covers.
func (r Report) Unexplained() []Finding {
	var out []Finding
	for _, res := range r.Results {
		if res.Exception == nil {
			out = append(out, res.Findings...)
		}
	}
	return out
}

// Excepted returns the results whose findings an exception accepts.
func (r Report) Excepted() []Result {
	var out []Result
	for _, res := range r.Results {
		if res.Exception != nil {
			out = append(out, res)
		}
	}
	return out
}

// String renders the report: counts, then every finding, then the exceptions.
func (r Report) String() string {
	var b strings.Builder
	failed, excepted := 0, 0
	for _, res := range r.Results {
		switch {
		case res.Passed():
		case res.Exception != nil:
			excepted++
		default:
			failed++
		}
	}
	fmt.Fprintf(&b, "stack %s: %d rules, %d failed, %d excepted\n", r.Stack, len(r.Results), failed, excepted)
	for _, f := range r.Unexplained() {
		fmt.Fprintf(&b, "  FAIL %s\n", f)
	}
	for _, res := range r.Excepted() {
		fmt.Fprintf(&b, "  EXCEPTION %s (%d findings): %s\n", res.Rule.ID, len(res.Findings), res.Exception.Reason)
	}
	return b.String()
}

func exceptionFor(rule, stack string) *Exception {
	i := slices.IndexFunc(Exceptions, func(e Exception) bool { return e.Rule == rule && e.Stack == stack })
	if i < 0 {
		return nil
	}
	return &Exceptions[i]
}

// Graph is what rules read: the stack's configuration and the record of
// every resource the program registered.
type Graph struct {
	Stack  string
	Config *stackconfig.Config
	*recorder.Recorder
}

func notProduction(s stackconfig.Stage) bool { return s != stackconfig.StagePrd }

// perResource is a rule that every resource of type typ must satisfy.
func perResource(id, requirement string, severity Severity, typ string, ok func(r *recorder.Resource) bool, detail string) Rule {
	return Rule{ID: id, Requirement: requirement, Severity: severity, Check: func(g *Graph) []Finding {
		var out []Finding
		for _, r := range g.OfType(typ) {
			if !ok(r) {
				out = append(out, finding(id, r, "%s", detail))
			}
		}
		return out
	}}
}

// finding builds a Finding about a resource.
func finding(rule string, r *recorder.Resource, format string, args ...any) Finding {
	return Finding{Rule: rule, Resource: r.Type + " " + r.Name, Detail: fmt.Sprintf(format, args...)}
}

// FromRun builds the graph of one offline run of the program.
func FromRun(res *mockrun.Result) *Graph {
	return &Graph{Stack: res.Stack, Config: res.Deployment.Config, Recorder: res.Recorder}
}

// MarkdownTable renders every rule with its outcome on each stack: the
// README's "Security and reliability" table.
func MarkdownTable(reports []Report) string {
	var b strings.Builder
	b.WriteString("| id | requirement | severity |")
	for _, r := range reports {
		fmt.Fprintf(&b, " %s |", r.Stack)
	}
	b.WriteString(" exception |\n|---|---|---|")
	for range reports {
		b.WriteString("---|")
	}
	b.WriteString("---|\n")
	for i, rule := range Rules() {
		fmt.Fprintf(&b, "| %s | %s | %s |", rule.ID, rule.Requirement, rule.Severity)
		var reasons []string
		for _, r := range reports {
			res := r.Results[i]
			switch {
			case !res.Applicable:
				b.WriteString(" n/a |")
			case res.Passed():
				b.WriteString(" pass |")
			case res.Exception != nil:
				b.WriteString(" exception |")
				reasons = append(reasons, r.Stack+": "+res.Exception.Reason)
			default:
				b.WriteString(" **FAIL** |")
			}
		}
		fmt.Fprintf(&b, " %s |\n", strings.Join(reasons, "; "))
	}
	return b.String()
}
