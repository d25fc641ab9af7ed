package main

import (
	"os"
	"testing"

	"github.com/langflow-infra/langflow-infra/internal/readme"
	"github.com/langflow-infra/langflow-infra/plan"
)

// TestREADMESectionIsCurrent: the README's "Before you deploy" figures are
// what the command prints today. Regenerate: go run ./cmd/plan --readme README.md
func TestREADMESectionIsCurrent(t *testing.T) {
	want, err := ReadmeSection("../..", plan.DefaultAssumptions())
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	committed, err := readme.Section(string(b), Section)
	if err != nil {
		t.Fatal(err)
	}
	if committed != want {
		t.Errorf("README's plan section is stale: run go run ./cmd/plan --readme README.md\n--- committed\n%s\n--- generated\n%s", committed, want)
	}
}
