package stackconfig_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/langflow-infra/langflow-infra/internal/stacktest"
	"github.com/langflow-infra/langflow-infra/stackconfig"
)

// TestPulumiYAMLDeclaresEveryKey: Pulumi.yaml declares exactly the keys
// the program reads, each typed and described, with the defaults in code.
func TestPulumiYAMLDeclaresEveryKey(t *testing.T) {
	declared, err := stackconfig.ProjectDeclarations(stacktest.RepoRoot())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name, decl := range declared {
		names = append(names, name)
		if !decl.IsExplicitlyTyped() || decl.Description == "" || decl.Default == nil {
			t.Errorf("%s: type %q, description %q, default %v: all three are required", name, decl.TypeName(), decl.Description, decl.Default)
		}
	}
	slices.Sort(names)
	if want := slices.Sorted(slices.Values(stackconfig.ProjectKeys)); !slices.Equal(names, want) {
		t.Errorf("Pulumi.yaml declares %q, the program reads %q", names, want)
	}
}

// TestPulumiYAMLDefaultsMatchCode: a stack that sets nothing but region,
// tags and AZs gets the same configuration from Pulumi.yaml's defaults as
// from the defaults in code.
func TestPulumiYAMLDefaultsMatchCode(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, filepath.Join(stacktest.RepoRoot(), "Pulumi.yaml"), filepath.Join(dir, "Pulumi.yaml"))
	writeFile(t, filepath.Join(dir, "Pulumi.bare.yaml"), `config:
  aws:region: us-east-1
  aws:defaultTags: {tags: {Project: langflow-infra, Stage: dev, ManagedBy: pulumi}}
  langflow-infra:network: {availabilityZones: [us-east-1a, us-east-1b], classB: 10, natStrategy: single}
`)
	files, err := stackconfig.LoadStackFiles(dir, "bare")
	if err != nil {
		t.Fatal(err)
	}
	got, err := files.Parse()
	if err != nil {
		t.Fatal(err)
	}
	want := stackconfig.Defaults()
	want.Project, want.Stack, want.Region = "langflow-infra", "bare", "us-east-1"
	want.DefaultTags = map[string]string{"Project": "langflow-infra", "Stage": "dev", "ManagedBy": "pulumi"}
	want.Network.AvailabilityZones = []string{"us-east-1a", "us-east-1b"}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("Pulumi.yaml defaults give\n%+v\ncode defaults give\n%+v", *got, want)
	}
}

// TestStackFileErrors: the loader refuses what the CLI would, and a typo'd
// key that the CLI would pass through silently.
func TestStackFileErrors(t *testing.T) {
	cases := []struct {
		name, stack, want string
	}{
		{"undeclared key", "config:\n  langflow-infra:databse: {readers: 1}\n", `databse is not declared in Pulumi.yaml (did you mean "database"?)`},
		{"wrong type", "config:\n  langflow-infra:logRetentionDays: a month\n", "logRetentionDays must be of type integer"},
		{"object as text", "config:\n  langflow-infra:service: big\n", "service must be of type object"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			copyFile(t, filepath.Join(stacktest.RepoRoot(), "Pulumi.yaml"), filepath.Join(dir, "Pulumi.yaml"))
			writeFile(t, filepath.Join(dir, "Pulumi.x.yaml"), tc.stack)
			_, err := stackconfig.LoadStackFiles(dir, "x")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestParseReportsEverything: one call reports decode and validation
// problems together, in a stable order.
func TestParseReportsEverything(t *testing.T) {
	values := map[string]string{
		"aws:region":                "ap-northeast-1",
		"aws:defaultTags":           `{"tags":{"Project":"p","Stage":"dev","ManagedBy":"pulumi"}}`,
		"langflow-infra:network":    `{"availabilityZones":["ap-northeast-1a","ap-northeast-1c"],"clasB":10}`,
		"langflow-infra:service":    `{"cpu":"1024","workers":2.5}`,
		"langflow-infra:waf":        `{"rateLimit":1}`,
		"langflow-infra:alarmEmail": "root@localhost",
	}
	_, err := stackconfig.Parse("langflow-infra", "dev", values)
	var cfgErr *stackconfig.Error
	if !errors.As(err, &cfgErr) {
		t.Fatalf("err = %v", err)
	}
	// Decoding problems come first, in key order, then validation's.
	want := []string{"network.clasB", "service.cpu", "service.workers", "alarmEmail", "waf.rateLimit"}
	if got := cfgErr.Keys(); !slices.Equal(got, want) {
		t.Errorf("keys = %q, want %q\n%v", got, want, err)
	}
	msg := err.Error()
	for _, part := range []string{`did you mean "classB"?`, `service.cpu = "1024": must be a whole number`, "service.workers = 2.5", `stack "dev" has 5 invalid`} {
		if !strings.Contains(msg, part) {
			t.Errorf("message lacks %q:\n%s", part, msg)
		}
	}
}

func TestConnectionBudget(t *testing.T) {
	cfg := stackconfig.Defaults()
	cfg.Service.Autoscaling = stackconfig.Autoscaling{Enabled: true, MinTasks: 2, MaxTasks: 10}
	cfg.Service.Workers, cfg.Service.DBPoolSize, cfg.Service.DBMaxOverflow = 2, 5, 5
	b := stackconfig.Budget(&cfg)
	if b.Demand != 200 || b.MaxConnections != 400 || b.Allowed != 395 || b.Headroom() != 195 {
		t.Errorf("budget = %+v", b)
	}
	cfg.Service.Autoscaling.Enabled = false
	cfg.Service.DesiredCount = 3
	if got := stackconfig.Budget(&cfg).Demand; got != 60 {
		t.Errorf("without autoscaling the desired count bounds the demand: %d", got)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, string(b))
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
