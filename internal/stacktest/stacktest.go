// Package stacktest runs the whole program for a committed stack file under
// the mock engine, the way `pulumi up --stack <name>` would run it, and
// hands the tests the record, the stack outputs and the warnings.
package stacktest

import (
	"encoding/json"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/langflow-infra/langflow-infra/internal/mockrun"
	"github.com/langflow-infra/langflow-infra/internal/recorder"
	"github.com/langflow-infra/langflow-infra/stackconfig"
)

// Stacks are the committed stack files every whole-program test runs.
var Stacks = []string{"dev", "prd"}

// RepoRoot is the directory holding Pulumi.yaml.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Values loads a committed stack's config values as the CLI assembles them.
func Values(t testing.TB, stackName string) (project string, values map[string]string) {
	t.Helper()
	files, err := stackconfig.LoadStackFiles(RepoRoot(), stackName)
	if err != nil {
		t.Fatalf("loading stack %s: %v", stackName, err)
	}
	return files.Project, files.Values
}

// Result is one run of the program, with assertion helpers.
type Result struct{ *mockrun.Result }

// RunValues runs the program with explicit config values.
func RunValues(project, stackName string, values map[string]string) (*Result, error) {
	res, err := mockrun.RunValues(project, stackName, values)
	return &Result{res}, err
}

// Run runs a committed stack and fails the test on any error.
func Run(t testing.TB, stackName string) *Result {
	t.Helper()
	project, values := Values(t, stackName)
	res, err := RunValues(project, stackName, values)
	if err != nil {
		t.Fatalf("running stack %s: %v", stackName, err)
	}
	return res
}

// One returns the only resource of type typ, failing the test otherwise.
func (r *Result) One(t testing.TB, typ string) *recorder.Resource {
	t.Helper()
	found := r.OfType(typ)
	if len(found) != 1 {
		t.Fatalf("want exactly one %s, got %d", typ, len(found))
	}
	return found[0]
}

// Named returns the resource of type typ with logical name name.
func (r *Result) Named(t testing.TB, typ, name string) *recorder.Resource {
	t.Helper()
	res := r.Find(typ, name)
	if res == nil {
		t.Fatalf("no %s named %s", typ, name)
	}
	return res
}

// ArnOf returns the ARN the mock gave a resource.
func ArnOf(res *recorder.Resource) string {
	s, _ := res.Output("arn").(string)
	return s
}

// Statements parses the policy document in input key of r, by Sid.
func Statements(t testing.TB, r *recorder.Resource, key string) map[string]map[string]any {
	t.Helper()
	var doc struct{ Statement []map[string]any }
	if err := json.Unmarshal([]byte(r.String(key)), &doc); err != nil {
		t.Fatalf("%s %s: %v", r.Name, key, err)
	}
	out := map[string]map[string]any{}
	for _, s := range doc.Statement {
		sid, _ := s["Sid"].(string)
		out[sid] = s
	}
	return out
}
