// Package plan answers, without an AWS account, what a stack builds, what
// it costs per month, whether the database holds the connections the
// service may open, and how long the first deploy takes.
package plan

import (
	"slices"
	"strconv"

	"github.com/langflow-infra/langflow-infra/internal/recorder"
)

// Inventory is what a deployment bills for, in countable terms. It comes
// from the recorded resources of a stack, or is written down for the
// guide's CloudFormation deployment, so both go through one estimator.
type Inventory struct {
	Name          string
	NATGateways   int
	ALBs          int
	ALBPublicIPs  int // ALB nodes hold one public IPv4 address per AZ
	Tasks         Tasks
	Aurora        Aurora
	WAFACLs       int
	WAFRules      int
	Secrets       int
	KMSKeys       int
	Alarms        int
	InterfaceAZs  int // interface endpoint ENIs (one per endpoint per AZ)
	FlowLogs      bool
	WAFLogs       bool
	ECRRepository bool
}

// Tasks is the Fargate service's size and placement.
type Tasks struct {
	CPU          int // task CPU units
	MemoryMiB    int
	Min, Max     int
	OnDemandBase int
	Spot         bool
	PublicIP     bool
}

// Aurora is the cluster's capacity and instances.
type Aurora struct {
	MinACU, MaxACU float64
	AutoPause      bool
	// Instances lists, per instance, whether it follows the writer's
	// capacity (the writer, and readers in promotion tier 0 or 1).
	Instances []bool
}

// FromRecord reads the inventory off the resources a stack registered.
func FromRecord(name string, rec *recorder.Recorder) Inventory {
	inv := Inventory{Name: name}
	for _, vpc := range rec.OfType("awsx:ec2:Vpc") {
		azs := len(vpc.Strings("availabilityZoneNames"))
		switch vpc.Object("natGateways")["strategy"] {
		case "Single":
			inv.NATGateways += 1
		case "OnePerAz":
			inv.NATGateways += azs
		}
	}
	for _, lb := range rec.OfType("aws:lb/loadBalancer:LoadBalancer") {
		inv.ALBs++
		inv.ALBPublicIPs += len(lb.Strings("subnets"))
	}
	inv.Tasks = tasksOf(rec)
	inv.Aurora = auroraOf(rec)
	for _, acl := range rec.OfType("aws:wafv2/webAcl:WebAcl") {
		inv.WAFACLs++
		inv.WAFRules += len(acl.Objects("rules"))
	}
	for _, ep := range rec.OfType("aws:ec2/vpcEndpoint:VpcEndpoint") {
		if ep.String("vpcEndpointType") == "Interface" {
			inv.InterfaceAZs += len(ep.Strings("subnetIds"))
		}
	}
	inv.Secrets = len(rec.OfType("aws:secretsmanager/secret:Secret"))
	inv.KMSKeys = len(rec.OfType("aws:kms/key:Key"))
	inv.Alarms = len(rec.OfType("aws:cloudwatch/metricAlarm:MetricAlarm"))
	inv.FlowLogs = len(rec.OfType("aws:ec2/flowLog:FlowLog")) > 0
	inv.WAFLogs = len(rec.OfType("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration")) > 0
	inv.ECRRepository = len(rec.OfType("aws:ecr/repository:Repository")) > 0
	return inv
}

func tasksOf(rec *recorder.Recorder) Tasks {
	var t Tasks
	for _, td := range rec.OfType("aws:ecs/taskDefinition:TaskDefinition") {
		t.CPU, _ = strconv.Atoi(td.String("cpu"))
		t.MemoryMiB, _ = strconv.Atoi(td.String("memory"))
	}
	for _, svc := range rec.OfType("aws:ecs/service:Service") {
		t.Min, t.Max = int(svc.Number("desiredCount")), int(svc.Number("desiredCount"))
		t.PublicIP = svc.Object("networkConfiguration")["assignPublicIp"] == true
		for _, share := range svc.Objects("capacityProviderStrategies") {
			switch share["capacityProvider"] {
			case "FARGATE":
				t.OnDemandBase = int(share["base"].(float64))
			case "FARGATE_SPOT":
				t.Spot = share["weight"].(float64) > 0
			}
		}
	}
	for _, target := range rec.OfType("aws:appautoscaling/target:Target") {
		t.Min, t.Max = int(target.Number("minCapacity")), int(target.Number("maxCapacity"))
	}
	return t
}

func auroraOf(rec *recorder.Recorder) Aurora {
	var a Aurora
	for _, c := range rec.OfType("aws:rds/cluster:Cluster") {
		scaling := c.Object("serverlessv2ScalingConfiguration")
		a.MinACU, _ = scaling["minCapacity"].(float64)
		a.MaxACU, _ = scaling["maxCapacity"].(float64)
		a.AutoPause = scaling["secondsUntilAutoPause"] != nil
	}
	var tiers []float64
	for _, i := range rec.OfType("aws:rds/clusterInstance:ClusterInstance") {
		tiers = append(tiers, i.Number("promotionTier"))
	}
	slices.Sort(tiers) // the writer (tier 0) first
	for _, tier := range tiers {
		a.Instances = append(a.Instances, tier <= 1)
	}
	return a
}

// Guide is the CloudFormation guide's deployment: two NAT gateways, Aurora
// 0.5 to 2 ACU with a single writer, 2 to 10 on-demand tasks of 2 vCPU /
// 4 GB, an ALB and WAF with the same five rules as ours, one secret, no
// customer key, no flow logs, no WAF logging and no alarms.
func Guide() Inventory {
	return Inventory{
		Name:          "guide",
		NATGateways:   2,
		ALBs:          1,
		ALBPublicIPs:  2,
		Tasks:         Tasks{CPU: 2048, MemoryMiB: 4096, Min: 2, Max: 10},
		Aurora:        Aurora{MinACU: 0.5, MaxACU: 2, Instances: []bool{true}},
		WAFACLs:       1,
		WAFRules:      5,
		Secrets:       1,
		ECRRepository: true,
	}
}
