package network_test

import (
	"slices"
	"testing"

	"github.com/langflow-infra/langflow-infra/internal/stacktest"
)

func TestVPC(t *testing.T) {
	cases := []struct {
		stack string
		nat   string
	}{
		{"dev", "None"},
		{"prd", "OnePerAz"},
	}
	for _, tc := range cases {
		t.Run(tc.stack, func(t *testing.T) {
			res := stacktest.Run(t, tc.stack)
			vpc := res.One(t, "awsx:ec2:Vpc")
			if !vpc.Remote {
				t.Error("the awsx VPC must be a remote component")
			}
			checks := map[string]any{
				"cidrBlock":                "10.10.0.0/16",
				"subnetStrategy":           "Auto",
				"availabilityZoneCidrMask": 18.0,
				"enableDnsHostnames":       true,
			}
			for key, want := range checks {
				if got := vpc.Get(key); got != want {
					t.Errorf("%s = %v, want %v", key, got, want)
				}
			}
			if got := vpc.Strings("availabilityZoneNames"); !slices.Equal(got, []string{"ap-northeast-1a", "ap-northeast-1c"}) {
				t.Errorf("availabilityZoneNames = %q", got)
			}
			if got := vpc.Object("natGateways")["strategy"]; got != tc.nat {
				t.Errorf("NAT strategy = %v, want %s", got, tc.nat)
			}
			specs := vpc.Objects("subnetSpecs")
			wantSpecs := map[string]float64{"Public": 22, "Private": 19, "Isolated": 24}
			if len(specs) != len(wantSpecs) {
				t.Fatalf("subnetSpecs = %v", specs)
			}
			for _, spec := range specs {
				if want := wantSpecs[spec["type"].(string)]; spec["cidrMask"] != want {
					t.Errorf("%v subnet mask = %v, want %v", spec["type"], spec["cidrMask"], want)
				}
			}
		})
	}
}

func TestFlowLogsAndEndpoint(t *testing.T) {
	for _, tc := range []struct {
		stack     string
		retention float64
	}{{"dev", 14}, {"prd", 90}} {
		t.Run(tc.stack, func(t *testing.T) {
			res := stacktest.Run(t, tc.stack)
			key := stacktest.ArnOf(res.One(t, "aws:kms/key:Key"))
			group := res.Named(t, "aws:cloudwatch/logGroup:LogGroup", "langflow-"+tc.stack+"-flow-logs")
			if group.Number("retentionInDays") != tc.retention || group.String("kmsKeyId") != key {
				t.Errorf("flow log group retention %v key %q", group.Number("retentionInDays"), group.String("kmsKeyId"))
			}
			flow := res.One(t, "aws:ec2/flowLog:FlowLog")
			if flow.String("trafficType") != "ALL" || flow.String("logDestination") != stacktest.ArnOf(group) ||
				flow.String("vpcId") != "vpc-langflow-"+tc.stack {
				t.Errorf("flow log = %v", flow.Inputs)
			}
			endpoint := res.One(t, "aws:ec2/vpcEndpoint:VpcEndpoint")
			if endpoint.String("serviceName") != "com.amazonaws.ap-northeast-1.s3" || endpoint.String("vpcEndpointType") != "Gateway" ||
				len(endpoint.Strings("routeTableIds")) == 0 {
				t.Errorf("S3 endpoint = %v", endpoint.Inputs)
			}
			defaultSG := res.One(t, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")
			if len(defaultSG.Objects("ingress")) != 0 || len(defaultSG.Objects("egress")) != 0 || defaultSG.Get("ingress") == nil {
				t.Errorf("default security group must be set to no rules: %v", defaultSG.Inputs)
			}
		})
	}
}
