package guardrails

import (
	"slices"

	"github.com/langflow-infra/langflow-infra/internal/recorder"
)

// bucketRule checks every bucket through the resource of typ configuring it.
func bucketRule(id, requirement string, severity Severity, typ string, ok func(g *Graph, cfg *recorder.Resource) bool, detail string) Rule {
	return Rule{ID: id, Requirement: requirement, Severity: severity, Check: func(g *Graph) []Finding {
		var out []Finding
		for _, b := range g.OfType(typeBucket) {
			cfg := g.forBucket(typ, b)
			if cfg == nil || !ok(g, cfg) {
				out = append(out, finding(id, b, "%s", detail))
			}
		}
		return out
	}}
}

var storageRules = []Rule{
	perResource("ECR.1", "Images are scanned on push", Medium, typeRepository,
		func(r *recorder.Resource) bool { return r.Object("imageScanningConfiguration")["scanOnPush"] == true },
		"scan on push is off"),
	perResource("ECR.2", "Image tags are immutable", Medium, typeRepository,
		func(r *recorder.Resource) bool { return r.String("imageTagMutability") == "IMMUTABLE" }, "tags are mutable"),
	{
		ID: "ECR.3", Requirement: "The repository has a lifecycle policy", Severity: Medium,
		Check: func(g *Graph) []Finding {
			var out []Finding
			for _, repo := range g.OfType(typeRepository) {
				name := repo.String("name")
				if !slices.ContainsFunc(g.OfType(typeLifecyclePolicy), func(p *recorder.Resource) bool { return p.String("repository") == name }) {
					out = append(out, finding("ECR.3", repo, "no lifecycle policy"))
				}
			}
			return out
		},
	},
	bucketRule("S3.5", "Buckets refuse requests without TLS", High, typeBucketPolicy,
		func(_ *Graph, p *recorder.Resource) bool {
			return slices.ContainsFunc(statements(p, "policy"), func(s map[string]any) bool {
				cond, _ := s["Condition"].(map[string]any)
				boolCond, _ := cond["Bool"].(map[string]any)
				return s["Effect"] == "Deny" && boolCond["aws:SecureTransport"] == "false"
			})
		}, "the policy does not deny aws:SecureTransport=false"),
	bucketRule("S3.8", "Buckets block all public access", Critical, typePublicAccess,
		func(_ *Graph, p *recorder.Resource) bool {
			return p.Bool("blockPublicAcls") && p.Bool("blockPublicPolicy") && p.Bool("ignorePublicAcls") && p.Bool("restrictPublicBuckets")
		}, "public access is not fully blocked"),
	bucketRule("S3.12", "Buckets disable ACLs (owner enforced)", Medium, typeOwnership,
		func(_ *Graph, o *recorder.Resource) bool {
			return o.Object("rule")["objectOwnership"] == "BucketOwnerEnforced"
		},
		"ACLs are enabled"),
	bucketRule("S3.13", "Buckets have a lifecycle configuration", Low, typeBucketLifecycle,
		func(_ *Graph, l *recorder.Resource) bool { return len(l.Objects("rules")) > 0 }, "no lifecycle rules"),
	bucketRule("LF.S3-ENCRYPTION", "Buckets encrypt by default", High, typeBucketEncryption,
		func(_ *Graph, e *recorder.Resource) bool { return len(e.Objects("rules")) > 0 }, "no default encryption"),
	bucketRule("LF.S3-VERSIONING", "Buckets keep object versions", Medium, typeBucketVersioning,
		func(_ *Graph, v *recorder.Resource) bool {
			return v.Object("versioningConfiguration")["status"] == "Enabled"
		},
		"versioning is off"),
}
