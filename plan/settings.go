package plan

import (
	"fmt"
	"strings"

	"github.com/langflow-infra/langflow-infra/internal/recorder"
)

// settings summarises the few inputs of a resource that matter when
// reading a plan: capacity, ports, paths, sizes.
func settings(r *recorder.Resource) string {
	switch r.Type {
	case "awsx:ec2:Vpc":
		return fmt.Sprintf("%s, AZs %s, NAT %v", r.String("cidrBlock"), strings.Join(r.Strings("availabilityZoneNames"), " "), r.Object("natGateways")["strategy"])
	case "aws:rds/cluster:Cluster":
		s := r.Object("serverlessv2ScalingConfiguration")
		pause := ""
		if v, ok := s["secondsUntilAutoPause"]; ok && v != nil {
			pause = fmt.Sprintf(", pauses after %v s", v)
		}
		return fmt.Sprintf("aurora-postgresql %s, %v to %v ACU%s, deletion protection %v", r.String("engineVersion"), s["minCapacity"], s["maxCapacity"], pause, r.Bool("deletionProtection"))
	case "aws:rds/clusterInstance:ClusterInstance":
		return fmt.Sprintf("%s in %s, promotion tier %v", r.String("instanceClass"), r.String("availabilityZone"), r.Number("promotionTier"))
	case "aws:lb/loadBalancer:LoadBalancer":
		return fmt.Sprintf("%d subnets, idle timeout %v s, deletion protection %v", len(r.Strings("subnets")), r.Number("idleTimeout"), r.Bool("enableDeletionProtection"))
	case "aws:lb/targetGroup:TargetGroup":
		return fmt.Sprintf("%v %s, health %v, deregistration %v s", r.String("protocol"), fmt.Sprint(r.Number("port")), r.Object("healthCheck")["path"], r.Number("deregistrationDelay"))
	case "aws:lb/listener:Listener":
		actions := r.Objects("defaultActions")
		action := ""
		if len(actions) > 0 {
			action = fmt.Sprint(actions[0]["type"])
		}
		return fmt.Sprintf("%s:%v -> %s %s", r.String("protocol"), r.Number("port"), action, r.String("sslPolicy"))
	case "aws:lb/listenerRule:ListenerRule":
		var paths []string
		for _, c := range r.Objects("conditions") {
			if p, ok := c["pathPattern"].(map[string]any); ok {
				for _, v := range p["values"].([]any) {
					paths = append(paths, fmt.Sprint(v))
				}
			}
		}
		action := ""
		if a := r.Objects("actions"); len(a) > 0 {
			action = fmt.Sprint(a[0]["type"])
		}
		return fmt.Sprintf("priority %v %s -> %s", r.Number("priority"), strings.Join(paths, " "), action)
	case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":
		peer := r.String("referencedSecurityGroupId")
		if peer == "" {
			peer = r.String("cidrIpv4")
		}
		return fmt.Sprintf("tcp %v, peer %s", r.Number("fromPort"), peer)
	case "aws:ecs/taskDefinition:TaskDefinition":
		return fmt.Sprintf("%s CPU / %s MiB, %v", r.String("cpu"), r.String("memory"), r.Object("runtimePlatform")["cpuArchitecture"])
	case "aws:ecs/service:Service":
		var shares []string
		for _, s := range r.Objects("capacityProviderStrategies") {
			shares = append(shares, fmt.Sprintf("%v base %v weight %v", s["capacityProvider"], s["base"], s["weight"]))
		}
		return fmt.Sprintf("desired %v, %s, public IP %v", r.Number("desiredCount"), strings.Join(shares, "; "), r.Object("networkConfiguration")["assignPublicIp"])
	case "aws:appautoscaling/target:Target":
		return fmt.Sprintf("%v to %v tasks", r.Number("minCapacity"), r.Number("maxCapacity"))
	case "aws:cloudwatch/logGroup:LogGroup":
		return fmt.Sprintf("%s, %v days", r.String("name"), r.Number("retentionInDays"))
	case "aws:cloudwatch/metricAlarm:MetricAlarm":
		return fmt.Sprintf("%s %s %v", r.String("metricName"), r.String("comparisonOperator"), r.Number("threshold"))
	case "aws:secretsmanager/secret:Secret":
		return fmt.Sprintf("%s, recovery %v days", r.String("name"), r.Number("recoveryWindowInDays"))
	case "aws:s3/bucketV2:BucketV2":
		return fmt.Sprintf("%s*, force destroy %v", r.String("bucketPrefix"), r.Bool("forceDestroy"))
	case "aws:wafv2/webAcl:WebAcl":
		return fmt.Sprintf("%d rules", len(r.Objects("rules")))
	case "aws:ecr/repository:Repository":
		return fmt.Sprintf("%s, tags %s", r.String("name"), r.String("imageTagMutability"))
	}
	return ""
}
