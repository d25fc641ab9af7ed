package recorder

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// computed returns the attributes AWS (or a component provider) would
// compute for a resource of one type, given its recorded inputs.
type computed func(r *Recorder, res *Resource, id string) map[string]any

// mockOutputs is the state the mock returns: the inputs, an ARN for every
// AWS resource, and the type-specific attributes the program reads.
func mockOutputs(r *Recorder, res *Resource, id string) resource.PropertyMap {
	out := res.Inputs.Copy()
	set := func(attrs map[string]any) {
		for k, v := range resource.NewPropertyMapFromMap(attrs) {
			out[k] = v
		}
	}
	if strings.HasPrefix(res.Type, "aws:") && res.Custom {
		set(map[string]any{"arn": r.arn(res)})
	}
	if f, ok := mockTypes[res.Type]; ok {
		set(f(r, res, id))
	}
	return out
}

var mockTypes = map[string]computed{
	"awsx:ec2:Vpc": func(r *Recorder, res *Resource, _ string) map[string]any {
		azs := res.Strings("availabilityZoneNames")
		ids := func(kind string) []any {
			var out []any
			for _, az := range azs {
				out = append(out, fmt.Sprintf("subnet-%s-%s", kind, az))
			}
			return out
		}
		return map[string]any{
			"vpcId":             "vpc-" + res.Name,
			"publicSubnetIds":   ids("public"),
			"privateSubnetIds":  ids("private"),
			"isolatedSubnetIds": ids("isolated"),
		}
	},
	"awsx:ecr:Image": func(_ *Recorder, res *Resource, _ string) map[string]any {
		repo := res.Inputs["repositoryUrl"].StringValue()
		return map[string]any{"imageUri": repo + "@sha256:" + digest(res.Name, 64)}
	},
	"random:index/randomPassword:RandomPassword": func(_ *Recorder, res *Resource, _ string) map[string]any {
		length := int(res.Inputs["length"].NumberValue())
		return map[string]any{"result": digest(res.Name, length)}
	},
	"aws:kms/key:Key": func(_ *Recorder, res *Resource, id string) map[string]any {
		return map[string]any{"keyId": id}
	},
	"aws:lb/loadBalancer:LoadBalancer": func(r *Recorder, res *Resource, _ string) map[string]any {
		return map[string]any{
			"dnsName":   fmt.Sprintf("%s-123456.%s.elb.amazonaws.com", res.Name, r.Region),
			"zoneId":    "Z14GRHDCWA56QT",
			"arnSuffix": "app/" + res.Name + "/50dc6c495c0c9188",
		}
	},
	"aws:lb/targetGroup:TargetGroup": func(_ *Recorder, res *Resource, _ string) map[string]any {
		return map[string]any{"arnSuffix": "targetgroup/" + res.Name + "/6d0ecf831eec9f09"}
	},
	"aws:ecr/repository:Repository": func(r *Recorder, res *Resource, _ string) map[string]any {
		return map[string]any{
			"repositoryUrl": fmt.Sprintf("%s.dkr.ecr.%s.amazonaws.com/%s", r.Account, r.Region, nameOr(res, "name")),
			"registryId":    r.Account,
		}
	},
	"aws:rds/cluster:Cluster": func(r *Recorder, res *Resource, _ string) map[string]any {
		host := fmt.Sprintf("%s.cluster-abc123.%s.rds.amazonaws.com", res.Name, r.Region)
		return map[string]any{
			"endpoint":          host,
			"readerEndpoint":    strings.Replace(host, ".cluster-", ".cluster-ro-", 1),
			"port":              5432,
			"clusterIdentifier": res.Name + "-cluster",
		}
	},
	"aws:acm/certificate:Certificate": func(_ *Recorder, res *Resource, _ string) map[string]any {
		domain := res.Inputs["domainName"].StringValue()
		return map[string]any{"domainValidationOptions": []any{map[string]any{
			"domainName":          domain,
			"resourceRecordName":  "_x1." + domain + ".",
			"resourceRecordType":  "CNAME",
			"resourceRecordValue": "_x2.acm-validations.aws.",
		}}}
	},
	"aws:s3/bucketV2:BucketV2": func(_ *Recorder, res *Resource, _ string) map[string]any {
		bucket := nameOr(res, "bucket")
		if p := res.Inputs["bucketPrefix"]; p.IsString() {
			bucket = p.StringValue() + "20261203"
		}
		return map[string]any{"bucket": bucket, "arn": "arn:aws:s3:::" + bucket}
	},
	"aws:ecs/cluster:Cluster": func(_ *Recorder, res *Resource, _ string) map[string]any {
		return map[string]any{"name": nameOr(res, "name")}
	},
	"aws:ecs/service:Service": func(_ *Recorder, res *Resource, _ string) map[string]any {
		return map[string]any{"name": nameOr(res, "name")}
	},
	"aws:cloudwatch/logGroup:LogGroup": func(r *Recorder, res *Resource, _ string) map[string]any {
		name := nameOr(res, "name")
		return map[string]any{"name": name, "arn": fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s", r.Region, r.Account, name)}
	},
	"aws:ecs/taskDefinition:TaskDefinition": func(_ *Recorder, res *Resource, _ string) map[string]any {
		return map[string]any{"revision": 1}
	},
}

// arn builds a plausible ARN for any AWS resource from its type token.
func (r *Recorder) arn(res *Resource) string {
	service := strings.SplitN(strings.TrimPrefix(res.Type, "aws:"), "/", 2)[0]
	kind := res.Type[strings.LastIndex(res.Type, ":")+1:]
	return fmt.Sprintf("arn:aws:%s:%s:%s:%s/%s", service, r.Region, r.Account, strings.ToLower(kind), res.Name)
}

// mockCalls answers invokes by token.
var mockCalls = map[string]func(r *Recorder, args resource.PropertyMap) map[string]any{
	"aws:index/getCallerIdentity:getCallerIdentity": func(r *Recorder, _ resource.PropertyMap) map[string]any {
		return map[string]any{
			"accountId": r.Account,
			"arn":       "arn:aws:iam::" + r.Account + ":user/ci",
			"userId":    "AIDAMOCK",
			"id":        r.Account,
		}
	},
	"aws:index/getPartition:getPartition": func(*Recorder, resource.PropertyMap) map[string]any {
		return map[string]any{"partition": "aws", "dnsSuffix": "amazonaws.com", "id": "aws"}
	},
	"aws:elb/getServiceAccount:getServiceAccount": func(r *Recorder, _ resource.PropertyMap) map[string]any {
		// ap-northeast-1's ELB account, as the provider's table has it.
		return map[string]any{"arn": "arn:aws:iam::582318560864:root", "id": "582318560864"}
	},
	"aws:ec2/getRouteTables:getRouteTables": func(r *Recorder, args resource.PropertyMap) map[string]any {
		vpc := args["vpcId"].StringValue()
		return map[string]any{"ids": []any{"rtb-main-" + vpc, "rtb-public-" + vpc, "rtb-private-" + vpc}, "id": vpc}
	},
}

func nameOr(res *Resource, key string) string {
	if v := res.Inputs[resource.PropertyKey(key)]; v.IsString() && v.StringValue() != "" {
		return v.StringValue()
	}
	return res.Name
}

// digest derives a stable pseudo-random string of length n from seed, so
// every mocked secret is distinct and the same on every run.
func digest(seed string, n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		sum := sha256.Sum256(fmt.Appendf(nil, "%s/%d", seed, i))
		b.WriteString(hex.EncodeToString(sum[:]))
	}
	return b.String()[:n]
}
