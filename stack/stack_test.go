package stack_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/langflow-infra/langflow-infra/internal/stacktest"
	"github.com/langflow-infra/langflow-infra/platform"
)

// TestCommittedStacksValidate loads each committed stack file as the CLI
// does and checks the capacity it promises.
func TestCommittedStacksValidate(t *testing.T) {
	for _, name := range stacktest.Stacks {
		t.Run(name, func(t *testing.T) {
			res := stacktest.Run(t, name)
			cfg := res.Deployment.Config
			if string(cfg.Stage) != name || cfg.Region != "ap-northeast-1" {
				t.Errorf("stage/region = %s/%s", cfg.Stage, cfg.Region)
			}
			for _, tag := range []string{"Project", "Stage", "ManagedBy"} {
				if cfg.DefaultTags[tag] == "" {
					t.Errorf("aws:defaultTags lacks %s", tag)
				}
			}
		})
	}
}

// TestExports checks every output the README documents, on both stacks.
func TestExports(t *testing.T) {
	want := []string{
		"url", "albDnsName", "targetGroupArn", "ecrRepositoryUrl", "dbSecretArn", "dbClusterEndpoint", "dbReaderEndpoint",
		"ecsClusterName", "ecsServiceName", "containerName", "logGroupName", "image", "webAclArn",
		"artifactsBucketName", "albLogsBucketName", "alarmTopicArn", "superuserSecretArn", "kmsKeyArn", "vpcId",
	}
	for _, name := range stacktest.Stacks {
		t.Run(name, func(t *testing.T) {
			res := stacktest.Run(t, name)
			var got []string
			for k := range res.Outputs {
				got = append(got, k)
			}
			slices.Sort(got)
			sorted := slices.Sorted(slices.Values(want))
			if !slices.Equal(got, sorted) {
				t.Fatalf("exports = %q, want %q", got, sorted)
			}
			for _, k := range want {
				if s, _ := res.Outputs[k].(string); s == "" {
					t.Errorf("export %s is empty", k)
				}
			}
			alb := stacktest.ArnOf(res.One(t, "aws:lb/loadBalancer:LoadBalancer"))
			if alb == "" || res.Outputs["albDnsName"] != res.One(t, "aws:lb/loadBalancer:LoadBalancer").Output("dnsName") {
				t.Errorf("albDnsName = %v", res.Outputs["albDnsName"])
			}
			if res.Outputs["dbSecretArn"] != stacktest.ArnOf(res.Named(t, "aws:secretsmanager/secret:Secret", "langflow-"+name+"-credentials")) {
				t.Errorf("dbSecretArn = %v", res.Outputs["dbSecretArn"])
			}
			if res.Outputs["ecrRepositoryUrl"] != res.One(t, "aws:ecr/repository:Repository").Output("repositoryUrl") {
				t.Errorf("ecrRepositoryUrl = %v", res.Outputs["ecrRepositoryUrl"])
			}
		})
	}
}

// TestURLAndWarning: prd is served on its domain over HTTPS; dev, without
// a domain, on the ALB's name over HTTP, with a warning at deploy time.
func TestURLAndWarning(t *testing.T) {
	dev, prd := stacktest.Run(t, "dev"), stacktest.Run(t, "prd")
	if got := prd.Outputs["url"]; got != "https://langflow.example.com" {
		t.Errorf("prd url = %v", got)
	}
	if len(prd.Deployment.Warnings) != 0 {
		t.Errorf("prd warnings = %q", prd.Deployment.Warnings)
	}
	if got, _ := dev.Outputs["url"].(string); !strings.HasPrefix(got, "http://") || !strings.HasSuffix(got, ".elb.amazonaws.com") {
		t.Errorf("dev url = %v", got)
	}
	if !slices.Equal(dev.Deployment.Warnings, []string{platform.PlainHTTPWarning("dev")}) {
		t.Errorf("dev warnings = %q", dev.Deployment.Warnings)
	}
}

// TestEveryResourceIsParented: each layer is a langflow component at the
// top of the stack, and every other resource sits under one of them.
func TestEveryResourceIsParented(t *testing.T) {
	wantLayers := []string{
		"langflow:database:Database", "langflow:encryption:StackKey", "langflow:network:Network",
		"langflow:platform:Platform", "langflow:service:Service",
	}
	for _, name := range stacktest.Stacks {
		t.Run(name, func(t *testing.T) {
			res := stacktest.Run(t, name)
			var layers []string
			for _, r := range res.Resources() {
				if strings.HasPrefix(r.Type, "langflow:") {
					layers = append(layers, r.Type)
					if !strings.Contains(r.Parent, "pulumi:pulumi:Stack") {
						t.Errorf("layer %s is parented to %s, want the stack", r.Type, r.Parent)
					}
					continue
				}
				owner := res.ByURN(r.Parent)
				if owner == nil || !strings.HasPrefix(owner.Type, "langflow:") {
					t.Errorf("%s %s is parented to %q, want a langflow layer", r.Type, r.Name, r.Parent)
				}
			}
			slices.Sort(layers)
			if !slices.Equal(layers, wantLayers) {
				t.Errorf("layers = %q, want %q", layers, wantLayers)
			}
		})
	}
}

// TestTagsReachEveryResource: tags come from aws:defaultTags on the default
// provider, so no AWS resource may name a provider of its own (the mock
// engine reports the default provider as an empty reference).
func TestTagsReachEveryResource(t *testing.T) {
	for _, name := range stacktest.Stacks {
		t.Run(name, func(t *testing.T) {
			res := stacktest.Run(t, name)
			for _, r := range res.Resources() {
				if !strings.HasPrefix(r.Type, "aws:") {
					continue
				}
				if r.Provider != "" {
					t.Errorf("%s %s uses provider %q, not the default provider carrying aws:defaultTags", r.Type, r.Name, r.Provider)
				}
			}
		})
	}
}

// TestStackDifferences pins what separates dev from prd, resource by resource.
func TestStackDifferences(t *testing.T) {
	dev, prd := stacktest.Run(t, "dev"), stacktest.Run(t, "prd")
	cases := []struct {
		typ      string
		dev, prd int
	}{
		{"aws:rds/clusterInstance:ClusterInstance", 1, 2},
		{"aws:lb/listener:Listener", 1, 2},
		{"aws:acm/certificate:Certificate", 0, 1},
		{"aws:route53/record:Record", 0, 2},
		{"aws:appautoscaling/target:Target", 0, 1},
		{"aws:appautoscaling/policy:Policy", 0, 2},
		{"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", 3, 4},
		{"aws:wafv2/webAcl:WebAcl", 1, 1},
		{"aws:cloudwatch/metricAlarm:MetricAlarm", 7, 7},
	}
	for _, tc := range cases {
		if got := len(dev.OfType(tc.typ)); got != tc.dev {
			t.Errorf("dev has %d %s, want %d", got, tc.typ, tc.dev)
		}
		if got := len(prd.OfType(tc.typ)); got != tc.prd {
			t.Errorf("prd has %d %s, want %d", got, tc.typ, tc.prd)
		}
	}
}

// TestServiceWaitsForWriterAndListener: the ECS service is created only
// after the Aurora writer (its tasks would fail against an instance-less
// cluster) and the application listener (ECS refuses an unattached target
// group).
func TestServiceWaitsForWriterAndListener(t *testing.T) {
	for _, name := range stacktest.Stacks {
		t.Run(name, func(t *testing.T) {
			res := stacktest.Run(t, name)
			svc := res.One(t, "aws:ecs/service:Service")
			reached := map[string]bool{}
			var walk func(urn string)
			walk = func(urn string) {
				if reached[urn] {
					return
				}
				reached[urn] = true
				if r := res.ByURN(urn); r != nil {
					for _, dep := range r.Dependencies() {
						walk(dep)
					}
				}
			}
			walk(svc.URN)
			writer := res.Named(t, "aws:rds/clusterInstance:ClusterInstance", "langflow-"+name+"-writer")
			app := "langflow-" + name + "-http"
			if name == "prd" {
				app = "langflow-" + name + "-https"
			}
			listener := res.Named(t, "aws:lb/listener:Listener", app)
			if !reached[writer.URN] || !reached[listener.URN] {
				t.Errorf("service waits for writer %v, listener %v", reached[writer.URN], reached[listener.URN])
			}
		})
	}
}
