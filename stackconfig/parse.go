package stackconfig

import (
	"encoding/json"
	"os"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Load reads the stack's configuration from the Pulumi context, applies the
// defaults and validates it. On any problem it returns an *Error listing all
// of them, and the caller must register nothing.
func Load(ctx *pulumi.Context) (*Config, error) {
	keys := append(namespaced(ctx.Project(), ProjectKeys), KeyAWSRegion, KeyAWSDefaultTags)
	values := map[string]string{}
	for _, key := range append(keys, engineConfigKeys()...) {
		if v, ok := ctx.GetConfig(key); ok {
			values[key] = v
		}
	}
	return Parse(ctx.Project(), ctx.Stack(), values)
}

// engineConfigKeys lists every config key the engine handed the program in
// PULUMI_CONFIG (the SDK offers no way to enumerate them), so a key the
// project does not declare is reported instead of silently ignored.
func engineConfigKeys() []string {
	var all map[string]any
	if err := json.Unmarshal([]byte(os.Getenv(pulumi.EnvConfig)), &all); err != nil {
		return nil
	}
	keys := make([]string, 0, len(all))
	for key := range all {
		keys = append(keys, key)
	}
	return keys
}

// Parse builds a validated Config from raw config values keyed as Pulumi
// keys them ("<project>:network", "aws:region"); objects are JSON text.
func Parse(project, stack string, values map[string]string) (*Config, error) {
	cfg := Defaults()
	cfg.Project, cfg.Stack = project, stack
	var ps problems

	rejectUnknownKeys(project, values, &ps)
	get := func(key string) (string, bool) {
		v, ok := values[project+":"+key]
		return v, ok
	}
	if v, ok := get(KeyStage); ok {
		cfg.Stage = Stage(v)
	}
	if v, ok := get(KeyPrefix); ok {
		cfg.Prefix = v
	}
	if v, ok := get(KeyAlarmEmail); ok {
		cfg.AlarmEmail = v
	}
	if v, ok := get(KeyLogRetentionDays); ok {
		decodeInt(KeyLogRetentionDays, v, &cfg.LogRetentionDays, &ps)
	}
	objects := []struct {
		key string
		dst any
	}{
		{KeyNetwork, &cfg.Network},
		{KeyDatabase, &cfg.Database},
		{KeyService, &cfg.Service},
		{KeyDomain, &cfg.Domain},
		{KeyWAF, &cfg.WAF},
	}
	for _, o := range objects {
		if v, ok := get(o.key); ok {
			decodeObject(o.key, v, o.dst, &ps)
		}
	}
	cfg.Region = values[KeyAWSRegion]
	cfg.DefaultTags = decodeDefaultTags(values, &ps)

	validate(&cfg, &ps)
	if len(ps) > 0 {
		return nil, &Error{Stack: stack, Problems: ps}
	}
	return &cfg, nil
}

// rejectUnknownKeys reports project keys that Pulumi.yaml does not declare:
// a typo such as `databse` must not be silently ignored.
func rejectUnknownKeys(project string, values map[string]string, ps *problems) {
	var keys []string
	for key := range values {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	for _, key := range keys {
		name, ok := strings.CutPrefix(key, project+":")
		if ok && !slices.Contains(ProjectKeys, name) {
			ps.add(name, values[key], "unknown key%s; known keys: %s", suggestion(name, ProjectKeys), strings.Join(ProjectKeys, ", "))
		}
	}
}

func decodeDefaultTags(values map[string]string, ps *problems) map[string]string {
	raw, ok := values[KeyAWSDefaultTags]
	if !ok {
		return nil
	}
	var v struct {
		Tags map[string]string `json:"tags"`
	}
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		ps.add(KeyAWSDefaultTags, raw, "must be an object {tags: {Key: value}}")
		return nil
	}
	return v.Tags
}

func namespaced(project string, keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = project + ":" + k
	}
	return out
}
