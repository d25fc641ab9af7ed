package guardrails

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/langflow-infra/langflow-infra/internal/recorder"
)

var securityRules = []Rule{
	{
		ID: "LF.CMK", Requirement: "Aurora, secrets, the artifacts bucket, the alarm topic and log groups use the stack's KMS key", Severity: High,
		Check: func(g *Graph) []Finding {
			key := g.stackKeyArn()
			var out []Finding
			check := func(typ, field string) {
				for _, r := range g.OfType(typ) {
					if r.String(field) != key {
						out = append(out, finding("LF.CMK", r, "%s is %q, not the stack key", field, r.String(field)))
					}
				}
			}
			check(typeCluster, "kmsKeyId")
			check(typeSecret, "kmsKeyId")
			check(typeLogGroup, "kmsKeyId")
			check(typeTopic, "kmsMasterKeyId")
			logBucket := g.albLogBucketName()
			for _, b := range g.OfType(typeBucket) {
				if b.Output("bucket") == logBucket {
					continue // ELB log delivery supports only SSE-S3
				}
				enc := g.forBucket(typeBucketEncryption, b)
				if enc == nil || !slices.ContainsFunc(enc.Objects("rules"), func(r map[string]any) bool {
					sse, _ := r["applyServerSideEncryptionByDefault"].(map[string]any)
					return sse["sseAlgorithm"] == "aws:kms" && sse["kmsMasterKeyId"] == key
				}) {
					out = append(out, finding("LF.CMK", b, "not encrypted with the stack key"))
				}
			}
			return out
		},
	},
	perResource("KMS.4", "The stack key rotates", Medium, typeKey,
		func(k *recorder.Resource) bool { return k.Bool("enableKeyRotation") }, "rotation is off"),
	{
		ID: "LF.NO-SECRET-LEAK", Requirement: "No secret value appears outside its secret (and the cluster's password)", Severity: Critical,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, source := range g.OfType(typeRandomPassword) {
				value, _ := source.Output("result").(string)
				if value == "" {
					continue
				}
				stored := 0
				for _, r := range g.Resources() {
					if r == source || !containsValue(r.Inputs, value) {
						continue
					}
					switch {
					case r.Type == typeSecretVersion && stored == 0:
						stored++
					case r.Type == typeCluster && r.String("masterPassword") == value && !containsValue(withoutKey(r.Inputs, "masterPassword"), value):
					default:
						out = append(out, finding("LF.NO-SECRET-LEAK", r, "holds the value of %s", source.Name))
					}
				}
			}
			return out
		},
	},
	{
		ID: "LF.SECRET-KEY-SHARED", Requirement: "Every task reads one LANGFLOW_SECRET_KEY from one secret", Severity: Critical,
		Check: func(g *Graph) []Finding {
			td := g.first(typeTaskDefinition)
			if td == nil {
				return nil
			}
			secretArns := map[string]bool{}
			for _, s := range g.OfType(typeSecret) {
				secretArns[arn(s)] = true
			}
			for _, c := range g.containers() {
				if c["name"] != "langflow" {
					continue
				}
				for _, s := range recorder.Maps(c["secrets"]) {
					if from, _ := s["valueFrom"].(string); s["name"] == "LANGFLOW_SECRET_KEY" && secretArns[from] {
						return nil
					}
				}
			}
			return []Finding{finding("LF.SECRET-KEY-SHARED", td, "LANGFLOW_SECRET_KEY does not come from a secret of this stack")}
		},
	},
	{
		ID: "LF.IAM-NO-WILDCARD", Requirement: "No IAM policy grants * or service:* actions", Severity: Critical,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, p := range g.OfType(typeRolePolicy) {
				for _, s := range statements(p, "policy") {
					for _, action := range list(s["Action"]) {
						if action == "*" || strings.HasSuffix(action, ":*") {
							out = append(out, finding("LF.IAM-NO-WILDCARD", p, "grants %s", action))
						}
					}
				}
			}
			return out
		},
	},
	{
		ID: "LF.IAM-SCOPED", Requirement: "Secrets Manager, S3 and KMS permissions name their resources", Severity: High,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, p := range g.OfType(typeRolePolicy) {
				for _, s := range statements(p, "policy") {
					scoped := slices.ContainsFunc(list(s["Action"]), func(a string) bool {
						return strings.HasPrefix(a, "secretsmanager:") || strings.HasPrefix(a, "s3:") || strings.HasPrefix(a, "kms:")
					})
					if scoped && slices.Contains(list(s["Resource"]), "*") {
						out = append(out, finding("LF.IAM-SCOPED", p, "statement %v grants on every resource", s["Sid"]))
					}
				}
			}
			return out
		},
	},
	{
		ID: "LF.IAM-ROLES-DISTINCT", Requirement: "The task's execution role and task role differ", Severity: High,
		Check: func(g *Graph) []Finding {
			td := g.first(typeTaskDefinition)
			if td != nil && td.String("executionRoleArn") == td.String("taskRoleArn") {
				return []Finding{finding("LF.IAM-ROLES-DISTINCT", td, "one role does both jobs")}
			}
			return nil
		},
	},
}

// albLogBucketName is the bucket the ALB writes its access logs to.
func (g *Graph) albLogBucketName() any {
	if lb := g.first(typeLoadBalancer); lb != nil {
		return lb.Object("accessLogs")["bucket"]
	}
	return nil
}

// containsValue reports whether value occurs in any string inside props.
func containsValue(props resource.PropertyMap, value string) bool {
	return strings.Contains(fmt.Sprint(recorder.Plain(resource.NewObjectProperty(props))), value)
}

func withoutKey(props resource.PropertyMap, key string) resource.PropertyMap {
	out := props.Copy()
	delete(out, resource.PropertyKey(key))
	return out
}
