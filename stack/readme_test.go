package stack_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/langflow-infra/langflow-infra/internal/stacktest"
	"github.com/langflow-infra/langflow-infra/stackconfig"
)

// TestREADMEDocumentsEveryKeyAndOutput keeps the README's configuration and
// output tables in step with the code.
func TestREADMEDocumentsEveryKeyAndOutput(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(stacktest.RepoRoot(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	keys := []string{stackconfig.KeyAWSRegion, stackconfig.KeyAWSDefaultTags, stackconfig.KeyStage, stackconfig.KeyPrefix,
		stackconfig.KeyLogRetentionDays, stackconfig.KeyAlarmEmail}
	defaults := stackconfig.Defaults()
	for key, object := range map[string]any{
		stackconfig.KeyNetwork: defaults.Network, stackconfig.KeyDatabase: defaults.Database,
		stackconfig.KeyService: defaults.Service, stackconfig.KeyDomain: defaults.Domain, stackconfig.KeyWAF: defaults.WAF,
	} {
		keys = append(keys, leafKeys(key, reflect.TypeOf(object))...)
	}
	for _, key := range keys {
		if !strings.Contains(readme, "| `"+key+"` |") {
			t.Errorf("README's configuration table lacks `%s`", key)
		}
	}
	res := stacktest.Run(t, "dev")
	for output := range res.Outputs {
		if !strings.Contains(readme, "`"+output+"`") {
			t.Errorf("README's outputs table lacks `%s`", output)
		}
	}
}

// leafKeys lists the dotted key paths of a config object's fields.
func leafKeys(prefix string, t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" {
			continue
		}
		if f.Type.Kind() == reflect.Struct {
			keys = append(keys, leafKeys(prefix+"."+name, f.Type)...)
			continue
		}
		keys = append(keys, prefix+"."+name)
	}
	return keys
}
