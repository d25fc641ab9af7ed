package plan

import (
	"slices"
	"strings"

	"github.com/langflow-infra/langflow-infra/internal/recorder"
)

// CreateMinutes are typical create times per resource type, from AWS
// experience reports; a type not listed takes defaultCreateMinutes.
// They are estimates, stated so they can be argued with.
var CreateMinutes = map[string]float64{
	"aws:rds/cluster:Cluster":                             5,
	"aws:rds/clusterInstance:ClusterInstance":             8,
	"aws:acm/certificateValidation:CertificateValidation": 5,
	"aws:lb/loadBalancer:LoadBalancer":                    3,
	"aws:ecs/service:Service":                             5, // to steady state
	"aws:kms/key:Key":                                     0.5,
	"aws:wafv2/webAcl:WebAcl":                             0.5,
	"aws:wafv2/webAclAssociation:WebAclAssociation":       0.5,
	"aws:ec2/vpcEndpoint:VpcEndpoint":                     1,
	"aws:ecs/cluster:Cluster":                             0.5,
	"aws:route53/record:Record":                           1, // to INSYNC
}

const (
	defaultCreateMinutes = 1.0 / 6 // ~10 s
	// vpcMinutes is the awsx VPC without NAT (VPC, subnets, routes, IGW);
	// natGatewayMinutes is added when it creates NAT gateways (in parallel).
	vpcMinutes        = 1
	natGatewayMinutes = 2
)

// Step is one resource on a path, with its create time.
type Step struct {
	Resource string  `json:"resource"`
	Minutes  float64 `json:"minutes"`
}

// DeployEstimate is the first deploy's duration: the longest chain of
// dependent creations, next to every creation done one after another.
type DeployEstimate struct {
	CriticalPath    []Step  `json:"criticalPath"`
	CriticalMinutes float64 `json:"criticalMinutes"`
	SerialMinutes   float64 `json:"serialMinutes"`
}

// Node is a resource in a dependency graph.
type Node struct {
	ID        string
	Label     string
	Minutes   float64
	DependsOn []string
}

// CriticalPath finds the longest chain of nodes through DependsOn,
// weighted by Minutes. Dependencies on ids not in the graph are ignored.
func CriticalPath(nodes []Node) DeployEstimate {
	byID := map[string]Node{}
	for _, n := range nodes {
		byID[n.ID] = n
	}
	longest := map[string]float64{}
	next := map[string]string{} // the dependency on the longest chain
	var visit func(id string) float64
	visit = func(id string) float64 {
		if v, ok := longest[id]; ok {
			return v
		}
		n := byID[id]
		best, bestDep := 0.0, ""
		deps := slices.Clone(n.DependsOn)
		slices.Sort(deps) // deterministic ties
		for _, dep := range deps {
			if _, ok := byID[dep]; !ok {
				continue
			}
			if d := visit(dep); d > best {
				best, bestDep = d, dep
			}
		}
		longest[id], next[id] = best+n.Minutes, bestDep
		return best + n.Minutes
	}
	var est DeployEstimate
	end := ""
	ids := make([]string, 0, len(nodes))
	for _, n := range nodes {
		ids = append(ids, n.ID)
		est.SerialMinutes += n.Minutes
	}
	slices.Sort(ids)
	for _, id := range ids {
		if v := visit(id); v > est.CriticalMinutes {
			est.CriticalMinutes, end = v, id
		}
	}
	for id := end; id != ""; id = next[id] {
		est.CriticalPath = append(est.CriticalPath, Step{Resource: byID[id].Label, Minutes: byID[id].Minutes})
	}
	slices.Reverse(est.CriticalPath)
	return est
}

// DeployNodes turns the recorded resources into a dependency graph.
// Components take no time of their own; an awsx component stands for
// everything it creates.
func DeployNodes(rec *recorder.Recorder, imageBuildMinutes float64) []Node {
	var nodes []Node
	for _, r := range rec.Resources() {
		nodes = append(nodes, Node{
			ID:        r.URN,
			Label:     r.Type + " " + r.Name,
			Minutes:   createMinutes(r, imageBuildMinutes),
			DependsOn: r.Dependencies(),
		})
	}
	return nodes
}

func createMinutes(r *recorder.Resource, imageBuildMinutes float64) float64 {
	switch {
	case r.Type == "awsx:ec2:Vpc":
		if strategy := r.Object("natGateways")["strategy"]; strategy == "Single" || strategy == "OnePerAz" {
			return vpcMinutes + natGatewayMinutes
		}
		return vpcMinutes
	case r.Type == "awsx:ecr:Image":
		return imageBuildMinutes
	case !r.Custom:
		return 0 // our components
	case strings.HasPrefix(r.Type, "pulumi:providers:"):
		return 0
	}
	if m, ok := CreateMinutes[r.Type]; ok {
		return m
	}
	return defaultCreateMinutes
}

// GuideStep is one of the guide's five manual steps, with the chain of
// creations inside it that the step waits for.
type GuideStep struct {
	Name    string   `json:"name"`
	Chain   []string `json:"chain"`
	Minutes float64  `json:"minutes"`
}

// GuideDeploy is the guide's deploy: five steps, each started by hand after
// the previous one finished. Within a stack CloudFormation works in
// parallel, so each step costs its longest chain, timed with the same
// table as ours.
func GuideDeploy(imageBuildMinutes float64) ([]GuideStep, float64) {
	steps := []GuideStep{
		{Name: "1. VPC stack", Chain: []string{"VPC, subnets, NAT gateways"}, Minutes: vpcMinutes + natGatewayMinutes},
		{Name: "2. RDS stack", Chain: []string{"aws:rds/cluster:Cluster", "aws:rds/clusterInstance:ClusterInstance", "aws:secretsmanager/secret:Secret"}},
		{Name: "3. Platform stack", Chain: []string{"aws:acm/certificateValidation:CertificateValidation", "aws:lb/listener:Listener", "aws:route53/record:Record"}},
		{Name: "4. Image build and push", Chain: []string{"docker build, docker push"}, Minutes: imageBuildMinutes},
		{Name: "5. Fargate stack", Chain: []string{"aws:iam/role:Role", "aws:ecs/taskDefinition:TaskDefinition", "aws:ecs/service:Service"}},
	}
	total := 0.0
	for i := range steps {
		if steps[i].Minutes == 0 {
			for _, typ := range steps[i].Chain {
				m, ok := CreateMinutes[typ]
				if !ok {
					m = defaultCreateMinutes
				}
				steps[i].Minutes += m
			}
		}
		total += steps[i].Minutes
	}
	return steps, total
}
