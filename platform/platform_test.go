package platform_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/langflow-infra/langflow-infra/awsfacts"
	"github.com/langflow-infra/langflow-infra/internal/recorder"
	"github.com/langflow-infra/langflow-infra/internal/stacktest"
	"github.com/langflow-infra/langflow-infra/platform"
)

func TestRegistry(t *testing.T) {
	for _, tc := range []struct {
		stack       string
		forceDelete bool
	}{{"dev", true}, {"prd", false}} {
		t.Run(tc.stack, func(t *testing.T) {
			res := stacktest.Run(t, tc.stack)
			repo := res.One(t, "aws:ecr/repository:Repository")
			enc := repo.Objects("encryptionConfigurations")
			if repo.String("imageTagMutability") != "IMMUTABLE" || repo.Object("imageScanningConfiguration")["scanOnPush"] != true ||
				repo.Bool("forceDelete") != tc.forceDelete || len(enc) != 1 || enc[0]["encryptionType"] != "KMS" {
				t.Errorf("repository = %v", repo.Inputs)
			}
			var lifecycle struct {
				Rules []struct {
					Selection map[string]any `json:"selection"`
				} `json:"rules"`
			}
			if err := json.Unmarshal([]byte(res.One(t, "aws:ecr/lifecyclePolicy:LifecyclePolicy").String("policy")), &lifecycle); err != nil || len(lifecycle.Rules) != 2 {
				t.Errorf("lifecycle = %+v (%v)", lifecycle, err)
			}
		})
	}
}

func TestBuckets(t *testing.T) {
	for _, tc := range []struct {
		stack        string
		forceDestroy bool
	}{{"dev", true}, {"prd", false}} {
		t.Run(tc.stack, func(t *testing.T) {
			res := stacktest.Run(t, tc.stack)
			key := stacktest.ArnOf(res.One(t, "aws:kms/key:Key"))
			buckets := map[string]struct {
				sse, kms string
			}{
				"langflow-" + tc.stack + "-artifacts": {"aws:kms", key},
				"langflow-" + tc.stack + "-alb-logs":  {"AES256", ""},
			}
			for name, want := range buckets {
				bucket := res.Named(t, "aws:s3/bucketV2:BucketV2", name)
				if bucket.Bool("forceDestroy") != tc.forceDestroy || !strings.HasPrefix(bucket.String("bucketPrefix"), name+"-") {
					t.Errorf("%s = %v", name, bucket.Inputs)
				}
				block := res.Named(t, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name)
				for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
					if !block.Bool(k) {
						t.Errorf("%s: %s is off", name, k)
					}
				}
				if got := res.Named(t, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", name).Object("rule")["objectOwnership"]; got != "BucketOwnerEnforced" {
					t.Errorf("%s ownership = %v", name, got)
				}
				if got := res.Named(t, "aws:s3/bucketVersioningV2:BucketVersioningV2", name).Object("versioningConfiguration")["status"]; got != "Enabled" {
					t.Errorf("%s versioning = %v", name, got)
				}
				rule := res.Named(t, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", name).Objects("rules")[0]
				sse := rule["applyServerSideEncryptionByDefault"].(map[string]any)
				if sse["sseAlgorithm"] != want.sse || (want.kms != "" && sse["kmsMasterKeyId"] != want.kms) {
					t.Errorf("%s encryption = %v", name, sse)
				}
				lifecycle := res.Named(t, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", name).Objects("rules")
				if len(lifecycle) != 1 || lifecycle[0]["status"] != "Enabled" || lifecycle[0]["abortIncompleteMultipartUpload"] == nil {
					t.Errorf("%s lifecycle = %v", name, lifecycle)
				}
				deny := stacktest.Statements(t, res.Named(t, "aws:s3/bucketPolicy:BucketPolicy", name), "policy")["DenyInsecureTransport"]
				if deny == nil || deny["Effect"] != "Deny" {
					t.Errorf("%s policy lacks the TLS-only denial", name)
				}
			}
			elb := stacktest.Statements(t, res.Named(t, "aws:s3/bucketPolicy:BucketPolicy", "langflow-"+tc.stack+"-alb-logs"), "policy")["RegionalELBAccountWritesAccessLogs"]
			if elb == nil || elb["Principal"].(map[string]any)["AWS"].([]any)[0] != "arn:aws:iam::582318560864:root" ||
				!strings.HasSuffix(elb["Resource"].([]any)[0].(string), "/alb/AWSLogs/123456789012/*") {
				t.Errorf("ELB log delivery statement = %v", elb)
			}
		})
	}
}

func TestLoadBalancer(t *testing.T) {
	for _, tc := range []struct {
		stack      string
		production bool
		ports      []float64
	}{{"dev", false, []float64{80}}, {"prd", true, []float64{80, 443}}} {
		t.Run(tc.stack, func(t *testing.T) {
			res := stacktest.Run(t, tc.stack)
			alb := res.One(t, "aws:lb/loadBalancer:LoadBalancer")
			albSG := res.Named(t, "aws:ec2/securityGroup:SecurityGroup", "langflow-"+tc.stack+"-alb")
			logs := res.Named(t, "aws:s3/bucketV2:BucketV2", "langflow-"+tc.stack+"-alb-logs")
			if alb.Number("idleTimeout") < 300 || !alb.Bool("dropInvalidHeaderFields") || alb.String("desyncMitigationMode") != "defensive" ||
				alb.Bool("enableDeletionProtection") != tc.production || alb.Bool("internal") ||
				!slices.Equal(alb.Strings("securityGroups"), []string{albSG.ID}) ||
				!slices.Equal(alb.Strings("subnets"), []string{"subnet-public-ap-northeast-1a", "subnet-public-ap-northeast-1c"}) {
				t.Errorf("ALB = %v", alb.Inputs)
			}
			if access := alb.Object("accessLogs"); access["enabled"] != true || access["bucket"] != logs.Output("bucket") {
				t.Errorf("access logs = %v", access)
			}
			var ports []float64
			for _, rule := range res.OfType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
				if rule.String("securityGroupId") == albSG.ID {
					ports = append(ports, rule.Number("fromPort"))
					if rule.String("cidrIpv4") != "0.0.0.0/0" || rule.Number("toPort") != rule.Number("fromPort") {
						t.Errorf("ALB ingress = %v", rule.Inputs)
					}
				}
			}
			slices.Sort(ports)
			if !slices.Equal(ports, tc.ports) {
				t.Errorf("ALB open ports = %v, want %v", ports, tc.ports)
			}
			tg := res.One(t, "aws:lb/targetGroup:TargetGroup")
			hc, sticky := tg.Object("healthCheck"), tg.Object("stickiness")
			if tg.Number("port") != 7860 || tg.String("targetType") != "ip" || hc["path"] != "/health" ||
				tg.Number("deregistrationDelay") >= awsfacts.SpotInterruptionNoticeSeconds ||
				sticky["enabled"] != true || sticky["type"] != "lb_cookie" {
				t.Errorf("target group = %v", tg.Inputs)
			}
		})
	}
}

// TestListenerRules pins the guide's routing table (in its order), the MCP
// block ahead of it, and the listener the rules hang on.
func TestListenerRules(t *testing.T) {
	type rule struct {
		priority float64
		paths    []string
		action   string
	}
	mcp := []string{"/api/v1/mcp*", "/api/v2/mcp*", "/tenant/*/api/v1/mcp*", "/tenant/*/api/v2/mcp*"}
	want := map[string]rule{
		"mcp-block": {1, mcp, "fixed-response"},
		"tenant":    {10, []string{"/tenant/*"}, "forward"},
		"health":    {20, []string{"/health"}, "forward"},
		"api-v1":    {30, []string{"/api/v1/*"}, "forward"},
	}
	for _, tc := range []struct {
		stack       string
		appListener string
	}{{"dev", "langflow-dev-http"}, {"prd", "langflow-prd-https"}} {
		t.Run(tc.stack, func(t *testing.T) {
			res := stacktest.Run(t, tc.stack)
			tgArn := stacktest.ArnOf(res.One(t, "aws:lb/targetGroup:TargetGroup"))
			app := res.Named(t, "aws:lb/listener:Listener", tc.appListener)
			if action := app.Objects("defaultActions")[0]; action["type"] != "forward" || action["targetGroupArn"] != tgArn {
				t.Errorf("default action = %v, want forward to the Langflow target group (the UI lives at /)", action)
			}
			for name, w := range want {
				r := res.Named(t, "aws:lb/listenerRule:ListenerRule", "langflow-"+tc.stack+"-"+name)
				action := r.Objects("actions")[0]
				paths := r.Objects("conditions")[0]["pathPattern"].(map[string]any)["values"]
				if r.Number("priority") != w.priority || r.String("listenerArn") != stacktest.ArnOf(app) || action["type"] != w.action {
					t.Errorf("%s: priority %v listener %s action %v", name, r.Number("priority"), r.String("listenerArn"), action)
				}
				if got := recorder.StringList(paths); !slices.Equal(got, w.paths) {
					t.Errorf("%s paths = %q, want %q", name, got, w.paths)
				}
				if w.action == "forward" && action["targetGroupArn"] != tgArn {
					t.Errorf("%s forwards to %v", name, action["targetGroupArn"])
				}
				if w.action == "fixed-response" && action["fixedResponse"].(map[string]any)["statusCode"] != "403" {
					t.Errorf("%s answers %v", name, action["fixedResponse"])
				}
			}
		})
	}
}

func TestRoutesWithMCPEnabled(t *testing.T) {
	if got := platform.Routes(true); len(got) != 3 || slices.ContainsFunc(got, func(r platform.Route) bool { return r.Deny }) {
		t.Errorf("with MCP on, routes = %+v", got)
	}
	if got := platform.Routes(false); got[0].Name != "mcp-block" || got[0].Priority >= got[1].Priority {
		t.Errorf("with MCP off, the block must come first: %+v", got)
	}
}

func TestHTTPSOnPrd(t *testing.T) {
	res := stacktest.Run(t, "prd")
	https := res.Named(t, "aws:lb/listener:Listener", "langflow-prd-https")
	validation := res.One(t, "aws:acm/certificateValidation:CertificateValidation")
	if https.Number("port") != 443 || https.String("protocol") != "HTTPS" || https.String("sslPolicy") != awsfacts.ALBTLSPolicy ||
		!strings.Contains(https.String("sslPolicy"), "TLS13") || https.String("certificateArn") != validation.Output("certificateArn") ||
		https.String("routingHttpResponseStrictTransportSecurityHeaderValue") != platform.HSTSHeader {
		t.Errorf("HTTPS listener = %v", https.Inputs)
	}
	redirect := res.Named(t, "aws:lb/listener:Listener", "langflow-prd-http").Objects("defaultActions")[0]
	if redirect["type"] != "redirect" || redirect["redirect"].(map[string]any)["protocol"] != "HTTPS" ||
		redirect["redirect"].(map[string]any)["statusCode"] != "HTTP_301" {
		t.Errorf("HTTP listener = %v", redirect)
	}
	cert := res.One(t, "aws:acm/certificate:Certificate")
	if cert.String("domainName") != "langflow.example.com" || cert.String("validationMethod") != "DNS" {
		t.Errorf("certificate = %v", cert.Inputs)
	}
	record := res.Named(t, "aws:route53/record:Record", "langflow-prd-cert-validation")
	if record.String("zoneId") != "Z0123456789ABC" || record.String("type") != "CNAME" || record.String("name") != "_x1.langflow.example.com." {
		t.Errorf("validation record = %v", record.Inputs)
	}
	alias := res.Named(t, "aws:route53/record:Record", "langflow-prd-alias")
	target := alias.Objects("aliases")[0]
	if alias.String("name") != "langflow.example.com" || alias.String("type") != "A" ||
		target["name"] != res.One(t, "aws:lb/loadBalancer:LoadBalancer").Output("dnsName") {
		t.Errorf("alias record = %v", alias.Inputs)
	}
}

func TestWAF(t *testing.T) {
	for _, tc := range []struct {
		stack string
		limit float64
	}{{"dev", 1000}, {"prd", 2000}} {
		t.Run(tc.stack, func(t *testing.T) {
			res := stacktest.Run(t, tc.stack)
			acl := res.One(t, "aws:wafv2/webAcl:WebAcl")
			if acl.String("scope") != "REGIONAL" {
				t.Errorf("scope = %s", acl.String("scope"))
			}
			rules := map[string]map[string]any{}
			for _, r := range acl.Objects("rules") {
				rules[r["name"].(string)] = r
				if r["visibilityConfig"].(map[string]any)["cloudwatchMetricsEnabled"] != true {
					t.Errorf("rule %s has no metrics", r["name"])
				}
			}
			rate := rules["rate-limit-per-ip"]["statement"].(map[string]any)["rateBasedStatement"].(map[string]any)
			if rate["limit"] != tc.limit || rate["aggregateKeyType"] != "IP" || rate["evaluationWindowSec"] != 300.0 {
				t.Errorf("rate rule = %v", rate)
			}
			for _, group := range []string{"AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesSQLiRuleSet"} {
				if rules[group] == nil {
					t.Errorf("managed group %s missing", group)
				}
			}
			common := rules["AWSManagedRulesCommonRuleSet"]["statement"].(map[string]any)["managedRuleGroupStatement"].(map[string]any)
			overrides := common["ruleActionOverrides"].([]any)
			override := overrides[0].(map[string]any)
			if len(overrides) != 1 || override["name"] != "SizeRestrictions_BODY" || override["actionToUse"].(map[string]any)["count"] == nil {
				t.Errorf("Common rule set overrides = %v", overrides)
			}
			if got := res.One(t, "aws:wafv2/webAclAssociation:WebAclAssociation").String("resourceArn"); got != stacktest.ArnOf(res.One(t, "aws:lb/loadBalancer:LoadBalancer")) {
				t.Errorf("web ACL associated with %s", got)
			}
			logGroup := res.Named(t, "aws:cloudwatch/logGroup:LogGroup", "langflow-"+tc.stack+"-waf")
			logging := res.One(t, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration")
			if !strings.HasPrefix(logGroup.String("name"), "aws-waf-logs-") || logging.Strings("logDestinationConfigs")[0] != stacktest.ArnOf(logGroup) {
				t.Errorf("WAF logging = %v -> %v", logging.Inputs, logGroup.Inputs)
			}
		})
	}
}

// TestAlarms: seven signals on every stack, each notifying the encrypted topic.
func TestAlarms(t *testing.T) {
	want := map[string]string{
		"alb-5xx":                "HTTPCode_ELB_5XX_Count",
		"alb-unhealthy-targets":  "UnHealthyHostCount",
		"aurora-acu-utilization": "ACUUtilization",
		"aurora-connections":     "DatabaseConnections",
		"ecs-cpu":                "CPUUtilization",
		"ecs-memory":             "MemoryUtilization",
		"ecs-running-tasks":      "RunningTaskCount",
	}
	for _, name := range stacktest.Stacks {
		t.Run(name, func(t *testing.T) {
			res := stacktest.Run(t, name)
			topic := res.One(t, "aws:sns/topic:Topic")
			if topic.String("kmsMasterKeyId") != stacktest.ArnOf(res.One(t, "aws:kms/key:Key")) {
				t.Errorf("topic key = %s, want the stack key (aws/sns drops alarm notifications)", topic.String("kmsMasterKeyId"))
			}
			publish := stacktest.Statements(t, res.One(t, "aws:sns/topicPolicy:TopicPolicy"), "policy")["CloudWatchAlarmsPublish"]
			if publish == nil || publish["Principal"].(map[string]any)["Service"].([]any)[0] != "cloudwatch.amazonaws.com" {
				t.Errorf("topic policy does not let CloudWatch publish: %v", publish)
			}
			alarms := res.OfType("aws:cloudwatch/metricAlarm:MetricAlarm")
			if len(alarms) != len(want) {
				t.Errorf("%d alarms, want %d", len(alarms), len(want))
			}
			for suffix, metric := range want {
				a := res.Named(t, "aws:cloudwatch/metricAlarm:MetricAlarm", "langflow-"+name+"-"+suffix)
				actions := recorder.StringList(a.Get("alarmActions"))
				if a.String("metricName") != metric || !slices.Equal(actions, []string{stacktest.ArnOf(topic)}) {
					t.Errorf("alarm %s = %v", suffix, a.Inputs)
				}
			}
			connections := res.Named(t, "aws:cloudwatch/metricAlarm:MetricAlarm", "langflow-"+name+"-aurora-connections")
			if got := connections.Number("threshold"); got != 0.8*400 {
				t.Errorf("connections alarm threshold = %v, want 80%% of max_connections 400", got)
			}
		})
	}
}
