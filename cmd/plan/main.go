// Command plan shows, without an AWS account, what a stack builds, what it
// costs per month, whether Aurora holds the connections the service may
// open, how long the first deploy takes, and what the guardrails find.
//
//	go run ./cmd/plan --stack dev
//	go run ./cmd/plan --stack prd --region us-east-1 --compare guide --format markdown
//	go run ./cmd/plan --readme README.md   # regenerate the README's "Before you deploy"
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/langflow-infra/langflow-infra/internal/readme"
	"github.com/langflow-infra/langflow-infra/plan"
)

// README section and how it is generated: both committed stacks, against
// the guide, at us-east-1 prices (where the targets are set), default
// assumptions.
const (
	Section      = "plan"
	ReadmeRegion = "us-east-1"
)

var ReadmeStacks = []string{"dev", "prd"}

func main() {
	fs := flag.NewFlagSet("plan", flag.ExitOnError)
	dir := fs.String("dir", ".", "directory holding Pulumi.yaml and the stack files")
	stack := fs.String("stack", "", "stack to plan (dev, prd, ...)")
	format := fs.String("format", "text", "output format: text, json or markdown")
	region := fs.String("region", "", "price in this region instead of the stack's aws:region")
	compare := fs.String("compare", "", `"guide" sets the stack against the CloudFormation guide's deployment`)
	readmePath := fs.String("readme", "", "rewrite the README's plan section (dev and prd, us-east-1, against the guide)")
	assumptions := plan.DefaultAssumptions()
	assumptions.Register(fs)
	_ = fs.Parse(os.Args[1:])

	if *readmePath != "" {
		text, err := ReadmeSection(*dir, assumptions)
		exitOn(err)
		exitOn(readme.Write(*readmePath, Section, text))
		return
	}
	if *stack == "" {
		exitOn(fmt.Errorf("--stack is required"))
	}
	if *compare != "" && *compare != "guide" {
		exitOn(fmt.Errorf("--compare takes only \"guide\", not %q", *compare))
	}
	p, err := plan.Build(*dir, *stack, plan.Options{Region: *region, Assumptions: assumptions, CompareGuide: *compare == "guide"})
	exitOn(err)
	switch *format {
	case "text":
		fmt.Print(p.Text())
	case "markdown":
		fmt.Print(p.Markdown())
	case "json":
		out, err := p.JSON()
		exitOn(err)
		fmt.Print(out)
	default:
		exitOn(fmt.Errorf("--format must be text, json or markdown, not %q", *format))
	}
}

// ReadmeSection is the README's "Before you deploy" content.
func ReadmeSection(dir string, a plan.Assumptions) (string, error) {
	var parts []string
	for _, stack := range ReadmeStacks {
		p, err := plan.Build(dir, stack, plan.Options{Region: ReadmeRegion, Assumptions: a, CompareGuide: true})
		if err != nil {
			return "", err
		}
		parts = append(parts, p.Markdown())
	}
	return strings.Join(parts, "\n"), nil
}

func exitOn(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "plan:", err)
		os.Exit(2)
	}
}
