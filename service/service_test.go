package service_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/langflow-infra/langflow-infra/internal/recorder"
	"github.com/langflow-infra/langflow-infra/internal/stacktest"
	"github.com/langflow-infra/langflow-infra/service"
	"github.com/langflow-infra/langflow-infra/stackconfig"
)

type container struct {
	Name                   string
	Image                  string
	Essential              bool
	User                   string
	Command                []string
	ReadonlyRootFilesystem bool
	MountPoints            []struct{ SourceVolume, ContainerPath string }
	DependsOn              []struct{ ContainerName, Condition string }
	PortMappings           []struct{ ContainerPort int }
	Environment            []service.EnvVar
	Secrets                []service.SecretVar
	HealthCheck            struct {
		Command     []string
		StartPeriod int
	}
	StopTimeout      int
	LogConfiguration struct {
		LogDriver string
		Options   map[string]string
	}
}

func containers(t *testing.T, res *stacktest.Result) (*recorder.Resource, map[string]container) {
	t.Helper()
	td := res.One(t, "aws:ecs/taskDefinition:TaskDefinition")
	var defs []container
	if err := json.Unmarshal([]byte(td.String("containerDefinitions")), &defs); err != nil {
		t.Fatalf("container definitions: %v", err)
	}
	byName := map[string]container{}
	for _, d := range defs {
		byName[d.Name] = d
	}
	return td, byName
}

func langflowContainer(t *testing.T, res *stacktest.Result) (*recorder.Resource, container) {
	t.Helper()
	td, byName := containers(t, res)
	c, ok := byName[service.ContainerName]
	if !ok {
		t.Fatalf("no %s container in %v", service.ContainerName, byName)
	}
	return td, c
}

// TestReadOnlyRootFilesystem: Langflow's root filesystem is read-only; it
// writes only to task volumes, which an init container hands to its user.
func TestReadOnlyRootFilesystem(t *testing.T) {
	res := stacktest.Run(t, "dev")
	td, byName := containers(t, res)
	app, init := byName[service.ContainerName], byName[service.VolumeInitContainer]
	var volumes []string
	for _, v := range td.Objects("volumes") {
		volumes = append(volumes, v["name"].(string))
	}
	paths := map[string]string{}
	for _, m := range app.MountPoints {
		paths[m.ContainerPath] = m.SourceVolume
	}
	if !app.ReadonlyRootFilesystem || paths["/app/data"] == "" || paths["/tmp"] == "" || paths["/var/lib/amazon"] == "" ||
		len(volumes) != len(service.WritableVolumes) {
		t.Errorf("langflow: read-only %v, mounts %v, task volumes %q", app.ReadonlyRootFilesystem, paths, volumes)
	}
	if len(app.DependsOn) != 1 || app.DependsOn[0].ContainerName != service.VolumeInitContainer || app.DependsOn[0].Condition != "SUCCESS" {
		t.Errorf("langflow must wait for the volume init container: %+v", app.DependsOn)
	}
	if init.Essential || !init.ReadonlyRootFilesystem || init.Image != service.VolumeInitImage ||
		!strings.Contains(strings.Join(init.Command, " "), "chown 1000:1000 /app/data /tmp") {
		t.Errorf("init container = %+v", init)
	}
}

func TestTaskDefinition(t *testing.T) {
	cases := []struct {
		stack       string
		cpu, memory string
		workers     string
		secure      string
		corsPrefix  string
	}{
		{"dev", "1024", "2048", "1", "false", "http://"},
		{"prd", "2048", "4096", "2", "true", "https://langflow.example.com"},
	}
	for _, tc := range cases {
		t.Run(tc.stack, func(t *testing.T) {
			res := stacktest.Run(t, tc.stack)
			td, c := langflowContainer(t, res)
			platform := td.Object("runtimePlatform")
			if td.String("cpu") != tc.cpu || td.String("memory") != tc.memory || td.String("networkMode") != "awsvpc" ||
				platform["cpuArchitecture"] != "X86_64" || platform["operatingSystemFamily"] != "LINUX" {
				t.Errorf("task definition = %v", td.Inputs)
			}
			if c.Name != "langflow" || c.Image != service.DefaultImage || len(c.PortMappings) != 1 || c.PortMappings[0].ContainerPort != 7860 {
				t.Errorf("container = %+v", c)
			}
			if c.HealthCheck.StartPeriod < 120 || !strings.Contains(strings.Join(c.HealthCheck.Command, " "), "localhost:7860/health") || c.StopTimeout != 120 {
				t.Errorf("health check %+v, stop timeout %d", c.HealthCheck, c.StopTimeout)
			}
			if c.LogConfiguration.LogDriver != "awslogs" || c.LogConfiguration.Options["awslogs-group"] != "/ecs/langflow-"+tc.stack {
				t.Errorf("logging = %+v", c.LogConfiguration)
			}
			env := map[string]string{}
			for _, e := range c.Environment {
				env[e.Name] = e.Value
			}
			want := map[string]string{
				"LANGFLOW_AUTO_LOGIN":                 "false",
				"LANGFLOW_SUPERUSER":                  "admin",
				"LANGFLOW_WORKERS":                    tc.workers,
				"LANGFLOW_CORS_ALLOW_CREDENTIALS":     "true",
				"LANGFLOW_LOG_LEVEL":                  "info",
				"LANGFLOW_NEW_USER_IS_ACTIVE":         "false",
				"LANGFLOW_ACCESS_SECURE":              tc.secure,
				"LANGFLOW_REFRESH_SECURE":             tc.secure,
				"LANGFLOW_MCP_SERVER_ENABLED":         "false",
				"LANGFLOW_STORE":                      "false",
				"DO_NOT_TRACK":                        "true",
				"LANGFLOW_STORAGE_TYPE":               "s3",
				"LANGFLOW_DB_CONNECTION_SETTINGS":     `{"max_overflow":5,"pool_pre_ping":true,"pool_recycle":1800,"pool_size":5,"pool_timeout":30}`,
				"LANGFLOW_OBJECT_STORAGE_BUCKET_NAME": res.Named(t, "aws:s3/bucketV2:BucketV2", "langflow-"+tc.stack+"-artifacts").Output("bucket").(string),
			}
			for k, v := range want {
				if env[k] != v {
					t.Errorf("%s = %q, want %q", k, env[k], v)
				}
			}
			if env["LANGFLOW_CORS_ORIGINS"] != res.Outputs["url"] || !strings.HasPrefix(env["LANGFLOW_CORS_ORIGINS"], tc.corsPrefix) {
				t.Errorf("CORS origin = %q, want the stack URL %v", env["LANGFLOW_CORS_ORIGINS"], res.Outputs["url"])
			}
			for _, forbidden := range []string{"LANGFLOW_DATABASE_URL", "LANGFLOW_SECRET_KEY", "LANGFLOW_SUPERUSER_PASSWORD"} {
				if _, ok := env[forbidden]; ok {
					t.Errorf("%s must come from secrets, not the environment", forbidden)
				}
			}
			arn := func(name string) string {
				return stacktest.ArnOf(res.Named(t, "aws:secretsmanager/secret:Secret", "langflow-"+tc.stack+"-"+name))
			}
			wantSecrets := []service.SecretVar{
				{Name: "LANGFLOW_DATABASE_URL", ValueFrom: arn("credentials") + ":url::"},
				{Name: "LANGFLOW_SECRET_KEY", ValueFrom: arn("secret-key")},
				{Name: "LANGFLOW_SUPERUSER_PASSWORD", ValueFrom: arn("superuser-password")},
			}
			if !slices.Equal(c.Secrets, wantSecrets) {
				t.Errorf("secrets = %+v, want %+v", c.Secrets, wantSecrets)
			}
		})
	}
}

// TestNoSecretValueInTaskDefinition scans the container definitions for
// every generated secret value.
func TestNoSecretValueInTaskDefinition(t *testing.T) {
	for _, name := range stacktest.Stacks {
		res := stacktest.Run(t, name)
		td, _ := langflowContainer(t, res)
		for _, p := range res.OfType("random:index/randomPassword:RandomPassword") {
			if strings.Contains(td.String("containerDefinitions"), p.Output("result").(string)) {
				t.Errorf("%s: value of %s appears in the task definition", name, p.Name)
			}
		}
	}
}

func TestECSService(t *testing.T) {
	cases := []struct {
		stack    string
		strategy []map[string]any
		public   bool
		subnets  string
		ignore   []string
	}{
		{"dev", []map[string]any{{"capacityProvider": "FARGATE_SPOT", "base": 0.0, "weight": 1.0}}, true, "public", nil},
		{"prd", []map[string]any{
			{"capacityProvider": "FARGATE", "base": 2.0, "weight": 0.0},
			{"capacityProvider": "FARGATE_SPOT", "base": 0.0, "weight": 1.0},
		}, false, "private", []string{"desiredCount"}},
	}
	for _, tc := range cases {
		t.Run(tc.stack, func(t *testing.T) {
			res := stacktest.Run(t, tc.stack)
			svc := res.One(t, "aws:ecs/service:Service")
			if got := svc.Objects("capacityProviderStrategies"); !equalMaps(got, tc.strategy) {
				t.Errorf("capacity strategy = %v, want %v", got, tc.strategy)
			}
			network := svc.Object("networkConfiguration")
			tasks := res.Named(t, "aws:ec2/securityGroup:SecurityGroup", "langflow-"+tc.stack+"-tasks")
			wantSubnets := []string{"subnet-" + tc.subnets + "-ap-northeast-1a", "subnet-" + tc.subnets + "-ap-northeast-1c"}
			if network["assignPublicIp"] != tc.public || !slices.Equal(recorder.StringList(network["subnets"]), wantSubnets) ||
				!slices.Equal(recorder.StringList(network["securityGroups"]), []string{tasks.ID}) {
				t.Errorf("network = %v", network)
			}
			breaker := svc.Object("deploymentCircuitBreaker")
			lb := svc.Objects("loadBalancers")[0]
			if breaker["enable"] != true || breaker["rollback"] != true || svc.Number("deploymentMinimumHealthyPercent") != 100 ||
				svc.Number("healthCheckGracePeriodSeconds") < 120 || !svc.Bool("enableExecuteCommand") || svc.String("platformVersion") != "LATEST" ||
				lb["containerName"] != "langflow" || lb["containerPort"] != 7860.0 || lb["targetGroupArn"] != stacktest.ArnOf(res.One(t, "aws:lb/targetGroup:TargetGroup")) {
				t.Errorf("service = %v", svc.Inputs)
			}
			if !slices.Equal(svc.IgnoreChanges, tc.ignore) {
				t.Errorf("ignoreChanges = %q, want %q", svc.IgnoreChanges, tc.ignore)
			}
			cluster := res.One(t, "aws:ecs/cluster:Cluster")
			if s := cluster.Objects("settings"); len(s) != 1 || s[0]["name"] != "containerInsights" || s[0]["value"] != "enabled" {
				t.Errorf("cluster settings = %v", s)
			}
			providers := res.One(t, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders")
			if got := providers.Strings("capacityProviders"); !slices.Equal(got, []string{"FARGATE", "FARGATE_SPOT"}) {
				t.Errorf("cluster capacity providers = %q", got)
			}
		})
	}
}

// TestTaskSecurityGroup: tasks admit 7860 from the ALB only, and leave
// only for Aurora and HTTPS.
func TestTaskSecurityGroup(t *testing.T) {
	for _, name := range stacktest.Stacks {
		t.Run(name, func(t *testing.T) {
			res := stacktest.Run(t, name)
			tasks := res.Named(t, "aws:ec2/securityGroup:SecurityGroup", "langflow-"+name+"-tasks").ID
			alb := res.Named(t, "aws:ec2/securityGroup:SecurityGroup", "langflow-"+name+"-alb").ID
			db := res.Named(t, "aws:ec2/securityGroup:SecurityGroup", "langflow-"+name).ID
			rules := map[string]string{}
			for _, r := range res.OfType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
				if r.String("securityGroupId") == tasks {
					rules["in "+r.String("referencedSecurityGroupId")] = portOf(r)
				}
			}
			for _, r := range res.OfType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule") {
				switch r.String("securityGroupId") {
				case tasks:
					rules["out "+r.String("referencedSecurityGroupId")+r.String("cidrIpv4")] = portOf(r)
				case alb:
					rules["alb out "+r.String("referencedSecurityGroupId")] = portOf(r)
				}
			}
			want := map[string]string{
				"in " + alb:        "7860",
				"out " + db:        "5432",
				"out 0.0.0.0/0":    "443",
				"alb out " + tasks: "7860",
			}
			if len(rules) != len(want) {
				t.Errorf("task rules = %v, want %v", rules, want)
			}
			for k, v := range want {
				if rules[k] != v {
					t.Errorf("rule %s = %q, want %q (all: %v)", k, rules[k], v, rules)
				}
			}
		})
	}
}

func TestIAM(t *testing.T) {
	for _, name := range stacktest.Stacks {
		t.Run(name, func(t *testing.T) {
			res := stacktest.Run(t, name)
			secretArns := []string{}
			for _, s := range []string{"credentials", "superuser-password", "secret-key"} {
				secretArns = append(secretArns, stacktest.ArnOf(res.Named(t, "aws:secretsmanager/secret:Secret", "langflow-"+name+"-"+s)))
			}
			slices.Sort(secretArns)
			exec := stacktest.Statements(t, res.Named(t, "aws:iam/rolePolicy:RolePolicy", "langflow-"+name+"-execution"), "policy")
			if got := recorder.StringList(exec["ReadExactlyLangflowsSecrets"]["Resource"]); !slices.Equal(slices.Sorted(slices.Values(got)), secretArns) {
				t.Errorf("execution role reads secrets %q, want %q", got, secretArns)
			}
			if got := recorder.StringList(exec["PullFromOurRepository"]["Resource"]); !slices.Equal(got, []string{stacktest.ArnOf(res.One(t, "aws:ecr/repository:Repository"))}) {
				t.Errorf("execution role pulls from %q", got)
			}
			task := stacktest.Statements(t, res.Named(t, "aws:iam/rolePolicy:RolePolicy", "langflow-"+name+"-task"), "policy")
			bucket := res.Named(t, "aws:s3/bucketV2:BucketV2", "langflow-"+name+"-artifacts").Output("arn").(string)
			if got := recorder.StringList(task["ReadWriteArtifacts"]["Resource"]); !slices.Equal(got, []string{bucket + "/*"}) {
				t.Errorf("task role writes %q", got)
			}
			if _, ok := task["ECSExecChannels"]; !ok {
				t.Error("task role cannot open ECS Exec channels")
			}
			if len(task) != 4 || len(exec) != 5 {
				t.Errorf("unexpected statements: task %d, execution %d", len(task), len(exec))
			}
		})
	}
}

func TestAutoscaling(t *testing.T) {
	res := stacktest.Run(t, "prd")
	target := res.One(t, "aws:appautoscaling/target:Target")
	if target.Number("minCapacity") != 2 || target.Number("maxCapacity") != 10 || target.String("resourceId") != "service/langflow-prd/langflow" {
		t.Errorf("scaling target = %v", target.Inputs)
	}
	for suffix, want := range map[string]struct {
		metric string
		target float64
	}{"cpu": {"ECSServiceAverageCPUUtilization", 60}, "memory": {"ECSServiceAverageMemoryUtilization", 70}} {
		cfg := res.Named(t, "aws:appautoscaling/policy:Policy", "langflow-prd-"+suffix).Object("targetTrackingScalingPolicyConfiguration")
		metric := cfg["predefinedMetricSpecification"].(map[string]any)["predefinedMetricType"]
		if metric != want.metric || cfg["targetValue"] != want.target {
			t.Errorf("%s policy = %v", suffix, cfg)
		}
	}
}

func TestCapacityStrategy(t *testing.T) {
	cases := []struct {
		name string
		in   stackconfig.Service
		want []service.ProviderShare
	}{
		{"on-demand only", stackconfig.Service{OnDemandBase: 2}, []service.ProviderShare{{Provider: "FARGATE", Weight: 1}}},
		{"all Spot", stackconfig.Service{Spot: true}, []service.ProviderShare{{Provider: "FARGATE_SPOT", Weight: 1}}},
		{"base on-demand, rest Spot", stackconfig.Service{Spot: true, OnDemandBase: 3}, []service.ProviderShare{
			{Provider: "FARGATE", Base: 3}, {Provider: "FARGATE_SPOT", Weight: 1},
		}},
	}
	for _, tc := range cases {
		if got := service.CapacityStrategy(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestContextTag(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("Dockerfile", "FROM langflowai/langflow:1.7.1\n")
	first, err := service.ContextTag(dir)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := service.ContextTag(dir)
	write("extra.py", "print(1)\n")
	changed, _ := service.ContextTag(dir)
	if first != again || first == changed || !strings.HasPrefix(first, "ctx-") || first == "latest" {
		t.Errorf("tags: %s %s %s", first, again, changed)
	}
	if _, err := service.ContextTag(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing build context must be an error")
	}
}

// TestBuildContextImage: with service.buildContext the image is built by
// awsx and pushed to our repository under the content tag.
func TestBuildContextImage(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("FROM langflowai/langflow:1.7.1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	project, values := stacktest.Values(t, "dev")
	var svc map[string]any
	_ = json.Unmarshal([]byte(values["langflow-infra:service"]), &svc)
	svc["buildContext"] = dir
	b, _ := json.Marshal(svc)
	values["langflow-infra:service"] = string(b)
	res, err := stacktest.RunValues(project, "dev", values)
	if err != nil {
		t.Fatal(err)
	}
	image := res.One(t, "awsx:ecr:Image")
	tag, _ := service.ContextTag(dir)
	if image.String("repositoryUrl") != res.One(t, "aws:ecr/repository:Repository").Output("repositoryUrl") ||
		image.String("imageTag") != tag || image.String("platform") != "linux/amd64" || !image.Remote {
		t.Errorf("image = %v", image.Inputs)
	}
	_, c := langflowContainer(t, res)
	if c.Image != image.Output("imageUri") {
		t.Errorf("container runs %s, want the built image %v", c.Image, image.Output("imageUri"))
	}
}

// portOf renders a rule's single TCP port, or "range" for anything wider.
func portOf(r *recorder.Resource) string {
	from, to := r.Number("fromPort"), r.Number("toPort")
	if from != to || r.String("ipProtocol") != "tcp" {
		return "range"
	}
	return fmt.Sprint(int(from))
}

func equalMaps(got []map[string]any, want []map[string]any) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		for k, v := range want[i] {
			if got[i][k] != v {
				return false
			}
		}
	}
	return true
}
