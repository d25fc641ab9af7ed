package main

import (
	"testing"

	"github.com/langflow-infra/langflow-infra/guardrails"
	"github.com/langflow-infra/langflow-infra/internal/readme"
)

// TestREADMETableIsCurrent: the committed rules table is what the command
// prints today.
func TestREADMETableIsCurrent(t *testing.T) {
	reports, err := Reports("../..", []string{"dev", "prd"})
	if err != nil {
		t.Fatal(err)
	}
	if err := readme.Stale("../../README.md", Section, guardrails.MarkdownTable(reports), "go run ./cmd/rules -readme README.md"); err != nil {
		t.Error(err)
	}
}
