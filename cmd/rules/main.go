// Command rules runs the guardrail rule set over the committed stacks,
// offline, and prints the report, or the README's rules table.
//
//	go run ./cmd/rules                 # report per stack; exit 1 on an unexplained finding
//	go run ./cmd/rules -markdown       # the rules table
//	go run ./cmd/rules -readme README.md  # rewrite the README's rules table
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/langflow-infra/langflow-infra/guardrails"
	"github.com/langflow-infra/langflow-infra/internal/mockrun"
	"github.com/langflow-infra/langflow-infra/internal/readme"
)

// Section is the README section the rules table fills.
const Section = "rules"

func main() {
	dir := flag.String("dir", ".", "directory holding Pulumi.yaml and the stack files")
	markdown := flag.Bool("markdown", false, "print the rules table as Markdown")
	readmePath := flag.String("readme", "", "rewrite the rules table in this README")
	flag.Parse()
	stacks := flag.Args()
	if len(stacks) == 0 {
		stacks = []string{"dev", "prd"}
	}
	reports, err := Reports(*dir, stacks)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	switch {
	case *readmePath != "":
		if err := readme.Write(*readmePath, Section, guardrails.MarkdownTable(reports)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	case *markdown:
		fmt.Print(guardrails.MarkdownTable(reports))
	default:
		failed := false
		for _, r := range reports {
			fmt.Print(r.String())
			failed = failed || len(r.Unexplained()) > 0
		}
		if failed {
			os.Exit(1)
		}
	}
}

// Reports evaluates the rules on each stack.
func Reports(dir string, stacks []string) ([]guardrails.Report, error) {
	var reports []guardrails.Report
	for _, name := range stacks {
		res, err := mockrun.Stack(dir, name)
		if err != nil {
			return nil, fmt.Errorf("stack %s: %w", name, err)
		}
		reports = append(reports, guardrails.Evaluate(guardrails.FromRun(res)))
	}
	return reports, nil
}
