package database_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/langflow-infra/langflow-infra/database"
	"github.com/langflow-infra/langflow-infra/internal/stacktest"
)

func TestCluster(t *testing.T) {
	cases := []struct {
		stack               string
		min, max            float64
		autoPause           any
		backupDays          float64
		production          bool
		finalSnapshot       any
		instanceAZs         []string
		performanceInsights bool
	}{
		{"dev", 0, 2, 600.0, 1, false, nil, []string{"ap-northeast-1a"}, false},
		{"prd", 0.5, 2, nil, 14, true, "langflow-prd-final", []string{"ap-northeast-1a", "ap-northeast-1c"}, true},
	}
	for _, tc := range cases {
		t.Run(tc.stack, func(t *testing.T) {
			res := stacktest.Run(t, tc.stack)
			key := stacktest.ArnOf(res.One(t, "aws:kms/key:Key"))
			cluster := res.One(t, "aws:rds/cluster:Cluster")
			want := map[string]any{
				"clusterIdentifier":                "langflow-" + tc.stack,
				"engine":                           "aurora-postgresql",
				"engineMode":                       "provisioned",
				"engineVersion":                    "16.6",
				"databaseName":                     "langflow",
				"masterUsername":                   "langflow_admin",
				"storageEncrypted":                 true,
				"kmsKeyId":                         key,
				"iamDatabaseAuthenticationEnabled": true,
				"copyTagsToSnapshot":               true,
				"backupRetentionPeriod":            tc.backupDays,
				"deletionProtection":               tc.production,
				"skipFinalSnapshot":                !tc.production,
				"finalSnapshotIdentifier":          tc.finalSnapshot,
			}
			for k, v := range want {
				if got := cluster.Get(k); got != v {
					t.Errorf("cluster %s = %v, want %v", k, got, v)
				}
			}
			if got := cluster.Strings("enabledCloudwatchLogsExports"); !slices.Equal(got, []string{"postgresql"}) {
				t.Errorf("log exports = %q", got)
			}
			scaling := cluster.Object("serverlessv2ScalingConfiguration")
			if scaling["minCapacity"] != tc.min || scaling["maxCapacity"] != tc.max || scaling["secondsUntilAutoPause"] != tc.autoPause {
				t.Errorf("scaling = %v", scaling)
			}
			if cluster.Protect != tc.production || cluster.RetainOnDelete != tc.production {
				t.Errorf("protect/retain = %v/%v, want %v", cluster.Protect, cluster.RetainOnDelete, tc.production)
			}

			var azs []string
			for _, instance := range res.OfType("aws:rds/clusterInstance:ClusterInstance") {
				azs = append(azs, instance.String("availabilityZone"))
				if instance.String("instanceClass") != "db.serverless" || instance.Bool("publiclyAccessible") ||
					!instance.Bool("autoMinorVersionUpgrade") || instance.Bool("performanceInsightsEnabled") != tc.performanceInsights {
					t.Errorf("instance %s = %v", instance.Name, instance.Inputs)
				}
			}
			for _, instance := range res.OfType("aws:rds/clusterInstance:ClusterInstance") {
				wantTier := float64(database.ReaderPromotionTier)
				if strings.HasSuffix(instance.Name, "-writer") {
					wantTier = 0
				}
				if instance.Number("promotionTier") != wantTier {
					t.Errorf("%s promotion tier = %v, want %v", instance.Name, instance.Number("promotionTier"), wantTier)
				}
			}
			slices.Sort(azs)
			if !slices.Equal(azs, tc.instanceAZs) {
				t.Errorf("instance AZs = %q, want %q", azs, tc.instanceAZs)
			}

			params := res.One(t, "aws:rds/clusterParameterGroup:ClusterParameterGroup")
			if params.String("family") != "aurora-postgresql16" ||
				!slices.ContainsFunc(params.Objects("parameters"), func(p map[string]any) bool { return p["name"] == "rds.force_ssl" && p["value"] == "1" }) {
				t.Errorf("parameter group = %v", params.Inputs)
			}
			subnets := res.One(t, "aws:rds/subnetGroup:SubnetGroup").Strings("subnetIds")
			if !slices.Equal(subnets, []string{"subnet-isolated-ap-northeast-1a", "subnet-isolated-ap-northeast-1c"}) {
				t.Errorf("subnet group = %q, want the isolated subnets", subnets)
			}
			logs := res.Named(t, "aws:cloudwatch/logGroup:LogGroup", "langflow-"+tc.stack+"-postgresql")
			if logs.String("name") != "/aws/rds/cluster/langflow-"+tc.stack+"/postgresql" || logs.String("kmsKeyId") != key {
				t.Errorf("postgresql log group = %v", logs.Inputs)
			}
		})
	}
}

// TestDatabaseSecurityGroup: the DB group admits 5432 from the task group
// and from nothing else.
func TestDatabaseSecurityGroup(t *testing.T) {
	for _, name := range stacktest.Stacks {
		t.Run(name, func(t *testing.T) {
			res := stacktest.Run(t, name)
			db := res.Named(t, "aws:ec2/securityGroup:SecurityGroup", "langflow-"+name)
			tasks := res.Named(t, "aws:ec2/securityGroup:SecurityGroup", "langflow-"+name+"-tasks")
			if len(db.Objects("ingress")) != 0 || len(db.Objects("egress")) != 0 {
				t.Errorf("DB group has inline rules: %v", db.Inputs)
			}
			var rules []string
			for _, rule := range res.OfType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
				if rule.String("securityGroupId") != db.ID {
					continue
				}
				rules = append(rules, rule.Name)
				if rule.Number("fromPort") != 5432 || rule.Number("toPort") != 5432 || rule.String("ipProtocol") != "tcp" ||
					rule.String("referencedSecurityGroupId") != tasks.ID || rule.Get("cidrIpv4") != nil {
					t.Errorf("DB ingress %s = %v", rule.Name, rule.Inputs)
				}
			}
			if len(rules) != 1 {
				t.Errorf("DB ingress rules = %q, want exactly one", rules)
			}
		})
	}
}

// TestCredentialsSecret: the secret carries a ready TLS URL built from the
// generated password, is encrypted with the stack key, and outlives a
// destroy only on prd.
func TestCredentialsSecret(t *testing.T) {
	for _, tc := range []struct {
		stack    string
		recovery float64
		retain   bool
	}{{"dev", 0, false}, {"prd", 30, true}} {
		t.Run(tc.stack, func(t *testing.T) {
			res := stacktest.Run(t, tc.stack)
			secret := res.Named(t, "aws:secretsmanager/secret:Secret", "langflow-"+tc.stack+"-credentials")
			if secret.String("name") != "langflow-"+tc.stack+"/database" || secret.Number("recoveryWindowInDays") != tc.recovery ||
				secret.RetainOnDelete != tc.retain || secret.String("kmsKeyId") != stacktest.ArnOf(res.One(t, "aws:kms/key:Key")) {
				t.Errorf("secret = %v retain=%v", secret.Inputs, secret.RetainOnDelete)
			}
			version := res.Named(t, "aws:secretsmanager/secretVersion:SecretVersion", "langflow-"+tc.stack+"-credentials")
			if !version.Inputs["secretString"].IsSecret() {
				t.Error("the secret string must be marked secret in the state")
			}
			var creds database.Credentials
			if err := json.Unmarshal([]byte(version.String("secretString")), &creds); err != nil {
				t.Fatal(err)
			}
			password := res.Named(t, "random:index/randomPassword:RandomPassword", "langflow-"+tc.stack+"-master").Output("result").(string)
			host := res.One(t, "aws:rds/cluster:Cluster").Output("endpoint").(string)
			wantURL := "postgresql://langflow_admin:" + password + "@" + host + ":5432/langflow?sslmode=require"
			if creds.URL != wantURL || creds.Password != password || creds.Host != host || creds.Port != 5432 ||
				creds.DBName != "langflow" || creds.Username != "langflow_admin" {
				t.Errorf("credentials = %+v, want url %s", creds, wantURL)
			}
			if got := res.One(t, "aws:rds/cluster:Cluster").String("masterPassword"); got != password {
				t.Error("the cluster's master password is not the generated one")
			}
		})
	}
}

func TestPasswordIsURLSafe(t *testing.T) {
	res := stacktest.Run(t, "dev")
	p := res.Named(t, "random:index/randomPassword:RandomPassword", "langflow-dev-master")
	if p.String("overrideSpecial") != "-_" || !p.Bool("special") || p.Number("length") < 32 {
		t.Errorf("password spec = %v", p.Inputs)
	}
	creds := database.NewCredentials("a-b_c", "h", 5432)
	if !strings.Contains(creds.URL, ":a-b_c@h:5432/") {
		t.Errorf("url = %s", creds.URL)
	}
}
