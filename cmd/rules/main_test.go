package main

import (
	"os"
	"testing"

	"github.com/langflow-infra/langflow-infra/guardrails"
	"github.com/langflow-infra/langflow-infra/internal/readme"
)

// TestREADMETableIsCurrent: the committed rules table is what the command
// prints today. Regenerate with: go run ./cmd/rules -readme README.md
func TestREADMETableIsCurrent(t *testing.T) {
	reports, err := Reports("../..", []string{"dev", "prd"})
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
	if want := guardrails.MarkdownTable(reports); committed != want {
		t.Errorf("README's rules table is stale: run go run ./cmd/rules -readme README.md\n--- committed\n%s\n--- generated\n%s", committed, want)
	}
}
