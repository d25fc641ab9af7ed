package stack_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/langflow-infra/langflow-infra/internal/stacktest"
	"github.com/langflow-infra/langflow-infra/stackconfig"
)

// edit changes one stack's config values before a run.
type edit func(t *testing.T, values map[string]string)

// field sets one field of a structured key ("service", "autoscaling.maxTasks").
func field(key, path string, value any) edit {
	return func(t *testing.T, values map[string]string) {
		full := "langflow-infra:" + key
		object := map[string]any{}
		if raw, ok := values[full]; ok {
			if err := json.Unmarshal([]byte(raw), &object); err != nil {
				t.Fatalf("%s is not an object: %v", key, err)
			}
		}
		parts := strings.Split(path, ".")
		target := object
		for _, p := range parts[:len(parts)-1] {
			next, ok := target[p].(map[string]any)
			if !ok {
				next = map[string]any{}
				target[p] = next
			}
			target = next
		}
		target[parts[len(parts)-1]] = value
		b, err := json.Marshal(object)
		if err != nil {
			t.Fatal(err)
		}
		values[full] = string(b)
	}
}

// raw sets a whole key to raw text, as the engine would pass it.
func raw(key, text string) edit {
	return func(_ *testing.T, values map[string]string) { values[key] = text }
}

func unset(key string) edit {
	return func(_ *testing.T, values map[string]string) { delete(values, key) }
}

// TestInvalidConfigRegistersNothing runs the whole program with one bad
// setting at a time (or several at once) and checks that every problem is
// reported with its key and value, and that no resource was registered.
func TestInvalidConfigRegistersNothing(t *testing.T) {
	cases := []struct {
		name  string
		base  string
		edits []edit
		// want are the problem keys, in order; value must appear in the message.
		want  []string
		value string
	}{
		{"unknown stage", "dev", []edit{raw("langflow-infra:stage", "qa")}, []string{"stage", "aws:defaultTags.tags.Stage"}, `"qa"`},
		{"min ACU above max", "prd", []edit{field("database", "minCapacity", 4)}, []string{"database.minCapacity"}, "4"},
		{"max ACU above 256", "dev", []edit{field("database", "maxCapacity", 300)}, []string{"database.maxCapacity"}, "300"},
		{"ACU not a multiple of 0.5", "prd", []edit{field("database", "minCapacity", 0.3)}, []string{"database.minCapacity"}, "0.3"},
		{"negative ACU", "prd", []edit{field("database", "minCapacity", -1)}, []string{"database.minCapacity"}, "-1"},
		{"max ACU below 1", "prd", []edit{field("database", "minCapacity", 0), field("database", "maxCapacity", 0.5)}, []string{"database.maxCapacity", "service.dbPoolSize"}, "0.5"},
		{"auto-pause with min above 0", "prd", []edit{field("database", "secondsUntilAutoPause", 600)}, []string{"database.secondsUntilAutoPause"}, "600"},
		{"auto-pause seconds out of range", "dev", []edit{field("database", "secondsUntilAutoPause", 100)}, []string{"database.secondsUntilAutoPause"}, "100"},
		{"auto-pause on an engine without it", "dev", []edit{field("database", "engineVersion", "15.4")}, []string{"database.minCapacity"}, "15.4"},
		{"engine version not MAJOR.MINOR", "dev", []edit{field("database", "engineVersion", "sixteen")}, []string{"database.engineVersion", "database.minCapacity"}, `"sixteen"`},
		{"readers above 15", "prd", []edit{field("database", "readers", 16)}, []string{"database.readers"}, "16"},
		{"prd without a reader", "prd", []edit{field("database", "readers", 0)}, []string{"database.readers"}, "0"},
		{"prd backups under a week", "prd", []edit{field("database", "backupRetentionDays", 3)}, []string{"database.backupRetentionDays"}, "3"},
		{"memory not valid for the CPU", "dev", []edit{field("service", "memory", 1536)}, []string{"service.memory", "service.memory"}, "1536"},
		{"CPU not a Fargate size", "dev", []edit{field("service", "cpu", 300)}, []string{"service.cpu"}, "300"},
		{"Spot on ARM64", "dev", []edit{field("service", "cpuArchitecture", "ARM64")}, []string{"service.cpuArchitecture"}, `"ARM64"`},
		{"unknown CPU architecture", "dev", []edit{field("service", "cpuArchitecture", "x86")}, []string{"service.cpuArchitecture"}, `"x86"`},
		{"min tasks above max", "prd", []edit{field("service", "autoscaling.minTasks", 5), field("service", "autoscaling.maxTasks", 3)}, []string{"service.autoscaling.minTasks", "service.desiredCount"}, "5"},
		{"max tasks above our cap", "prd", []edit{field("service", "autoscaling.maxTasks", 100)}, []string{"service.autoscaling.maxTasks", "service.dbPoolSize"}, "100"},
		{"negative desired count", "dev", []edit{field("service", "desiredCount", -1)}, []string{"service.desiredCount"}, "-1"},
		{"fractional desired count", "dev", []edit{field("service", "desiredCount", 1.5)}, []string{"service.desiredCount"}, "1.5"},
		{"workers zero", "dev", []edit{field("service", "workers", 0)}, []string{"service.workers"}, "0"},
		{"connection budget exceeded", "prd", []edit{field("service", "workers", 4), field("service", "dbPoolSize", 20), field("service", "dbMaxOverflow", 30)}, []string{"service.dbPoolSize"}, "2000 connections"},
		{"image on latest", "dev", []edit{field("service", "image", "langflowai/langflow:latest")}, []string{"service.image"}, "langflow:latest"},
		{"image and build context", "dev", []edit{field("service", "image", "langflowai/langflow:1.7.1"), field("service", "buildContext", "./app")}, []string{"service.image"}, "1.7.1"},
		{"one availability zone", "dev", []edit{field("network", "availabilityZones", []string{"ap-northeast-1a"})}, []string{"network.availabilityZones"}, "ap-northeast-1a"},
		{"availability zone of another region", "dev", []edit{field("network", "availabilityZones", []string{"ap-northeast-1a", "us-east-1a"})}, []string{"network.availabilityZones[1]"}, `"us-east-1a"`},
		{"class-B octet 256", "dev", []edit{field("network", "classB", 256)}, []string{"network.classB"}, "256"},
		{"class-B octet negative", "dev", []edit{field("network", "classB", -1)}, []string{"network.classB"}, "-1"},
		{"unknown NAT strategy", "dev", []edit{field("network", "natStrategy", "double")}, []string{"network.natStrategy"}, `"double"`},
		{"domain without hosted zone", "dev", []edit{field("domain", "name", "langflow.example.com")}, []string{"domain.hostedZoneId"}, "langflow.example.com"},
		{"hosted zone without domain", "dev", []edit{field("domain", "hostedZoneId", "Z0123456789ABC")}, []string{"domain.name"}, "Z0123456789ABC"},
		{"no domain on prd", "prd", []edit{field("domain", "name", ""), field("domain", "hostedZoneId", "")}, []string{"domain.name"}, "prd"},
		{"domain not a DNS name", "prd", []edit{field("domain", "name", "not a domain")}, []string{"domain.name"}, `"not a domain"`},
		{"hosted zone id malformed", "prd", []edit{field("domain", "hostedZoneId", "abc")}, []string{"domain.hostedZoneId"}, `"abc"`},
		{"WAF rate limit below 10", "dev", []edit{field("waf", "rateLimit", 5)}, []string{"waf.rateLimit"}, "5"},
		{"WAF window not allowed", "dev", []edit{field("waf", "rateWindowSeconds", 100)}, []string{"waf.rateWindowSeconds"}, "100"},
		{"WAF off on prd", "prd", []edit{field("waf", "enabled", false)}, []string{"waf.enabled"}, "false"},
		{"empty prefix", "dev", []edit{raw("langflow-infra:prefix", "")}, []string{"prefix"}, `""`},
		{"prefix too long", "dev", []edit{raw("langflow-infra:prefix", "a-very-long-prefix-name")}, []string{"prefix"}, "a-very-long-prefix-name"},
		{"retention not a CloudWatch period", "dev", []edit{raw("langflow-infra:logRetentionDays", "10")}, []string{"logRetentionDays"}, "10"},
		{"retention not a number", "dev", []edit{raw("langflow-infra:logRetentionDays", "month")}, []string{"logRetentionDays"}, "month"},
		{"alarm e-mail malformed", "dev", []edit{raw("langflow-infra:alarmEmail", "ops")}, []string{"alarmEmail"}, `"ops"`},
		{"unknown top-level key", "dev", []edit{raw("langflow-infra:databse", `{"readers":1}`)}, []string{"databse"}, `did you mean "database"`},
		{"unknown nested key", "dev", []edit{field("database", "maxCapasity", 4)}, []string{"database.maxCapasity"}, `did you mean "maxCapacity"`},
		{"string where a number goes", "dev", []edit{field("service", "cpu", "big")}, []string{"service.cpu"}, "a whole number"},
		{"object given as text", "dev", []edit{raw("langflow-infra:network", `"10.10.0.0/16"`)}, []string{"network", "network.availabilityZones"}, "must be an object"},
		{"missing region", "dev", []edit{unset("aws:region")}, []string{"aws:region"}, "AWS region"},
		{"stage tag disagrees", "dev", []edit{raw("aws:defaultTags", `{"tags":{"Project":"langflow-infra","Stage":"prd","ManagedBy":"pulumi"}}`)}, []string{"aws:defaultTags.tags.Stage"}, `"prd"`},
		{"several problems at once", "dev", []edit{
			raw("langflow-infra:stage", "qa"), field("network", "classB", 300), field("service", "memory", 1000),
		}, []string{"stage", "aws:defaultTags.tags.Stage", "network.classB", "service.memory", "service.memory"}, "300"},
	}
	if len(cases) < 30 {
		t.Fatalf("the bad-input table must keep at least 30 cases, has %d", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			project, values := stacktest.Values(t, tc.base)
			for _, e := range tc.edits {
				e(t, values)
			}
			res, err := stacktest.RunValues(project, tc.base, values)
			var cfgErr *stackconfig.Error
			if !errors.As(err, &cfgErr) {
				t.Fatalf("want a config error, got %v", err)
			}
			if got := cfgErr.Keys(); !slices.Equal(got, tc.want) {
				t.Errorf("problem keys = %q, want %q\n%v", got, tc.want, err)
			}
			if msg := err.Error(); !strings.Contains(msg, tc.want[0]+" = ") || !strings.Contains(msg, tc.value) {
				t.Errorf("message does not name %s with %s:\n%s", tc.want[0], tc.value, msg)
			}
			if n := len(res.Resources()); n != 0 {
				t.Errorf("invalid config registered %d resources, want none", n)
			}
		})
	}
}
