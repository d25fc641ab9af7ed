package main

import (
	"testing"

	"github.com/langflow-infra/langflow-infra/internal/readme"
	"github.com/langflow-infra/langflow-infra/plan"
)

// TestREADMESectionIsCurrent: the README's "Before you deploy" figures are
// what the command prints today.
func TestREADMESectionIsCurrent(t *testing.T) {
	want, err := ReadmeSection("../..", plan.DefaultAssumptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := readme.Stale("../../README.md", Section, want, "go run ./cmd/plan --readme README.md"); err != nil {
		t.Error(err)
	}
}
