package plan

import (
	"flag"
	"fmt"
	"strings"

	"github.com/langflow-infra/langflow-infra/pricing"
)

// Assumptions are what the bill depends on beyond the resources: traffic,
// data and activity. Each is a flag of the plan command, printed with the
// result.
type Assumptions struct {
	ALBLCUs             float64 `json:"albLcus"`
	NATGB               float64 `json:"natGb"`
	DBStorageGB         float64 `json:"dbStorageGb"`
	DBIOMillions        float64 `json:"dbIoMillions"`
	WAFRequestsMillions float64 `json:"wafRequestsMillions"`
	AppLogGB            float64 `json:"appLogGb"`
	FlowLogGB           float64 `json:"flowLogGb"`
	WAFLogGB            float64 `json:"wafLogGb"`
	ECRGB               float64 `json:"ecrGb"`
	// ActiveHours is how long an auto-pausing database runs per month.
	ActiveHours  float64 `json:"activeHours"`
	SpotDiscount float64 `json:"spotDiscount"`
	// ImageBuildMinutes is the guide's manual step 4 (and a buildContext).
	ImageBuildMinutes float64 `json:"imageBuildMinutes"`
}

// DefaultAssumptions are a small production workload.
func DefaultAssumptions() Assumptions {
	return Assumptions{
		ALBLCUs: 1, NATGB: 20, DBStorageGB: 20, DBIOMillions: 5, WAFRequestsMillions: 1,
		AppLogGB: 5, FlowLogGB: 5, WAFLogGB: 2, ECRGB: 2, ActiveHours: 200,
		SpotDiscount: pricing.FargateSpotDiscount, ImageBuildMinutes: 5,
	}
}

// Register binds each assumption to a command-line flag.
func (a *Assumptions) Register(fs *flag.FlagSet) {
	fs.Float64Var(&a.ALBLCUs, "alb-lcu", a.ALBLCUs, "average ALB load balancer capacity units")
	fs.Float64Var(&a.NATGB, "nat-gb", a.NATGB, "GB per month through the NAT gateways")
	fs.Float64Var(&a.DBStorageGB, "db-storage-gb", a.DBStorageGB, "Aurora storage in GB")
	fs.Float64Var(&a.DBIOMillions, "db-io-millions", a.DBIOMillions, "Aurora I/O requests per month, in millions")
	fs.Float64Var(&a.WAFRequestsMillions, "waf-requests-millions", a.WAFRequestsMillions, "requests per month through WAF, in millions")
	fs.Float64Var(&a.AppLogGB, "app-log-gb", a.AppLogGB, "GB of application logs per month")
	fs.Float64Var(&a.FlowLogGB, "flow-log-gb", a.FlowLogGB, "GB of VPC flow logs per month")
	fs.Float64Var(&a.WAFLogGB, "waf-log-gb", a.WAFLogGB, "GB of WAF logs per month")
	fs.Float64Var(&a.ECRGB, "ecr-gb", a.ECRGB, "GB of images kept in ECR")
	fs.Float64Var(&a.ActiveHours, "active-hours", a.ActiveHours, "hours per month an auto-pausing database is awake")
	fs.Float64Var(&a.SpotDiscount, "spot-discount", a.SpotDiscount, "Fargate Spot discount off on-demand (0.70 = 70 % cheaper)")
	fs.Float64Var(&a.ImageBuildMinutes, "image-build-minutes", a.ImageBuildMinutes, "minutes to build and push an image")
}

// Line is one item of the bill.
type Line struct {
	Item     string  `json:"item"`
	Quantity string  `json:"quantity"`
	Idle     float64 `json:"idle"`
	Scaled   float64 `json:"scaledOut"`
	// Buys says what the line pays for, for lines the guide does not have.
	Buys string `json:"buys,omitempty"`
	// Group joins lines that compare as one (on-demand and Spot tasks).
	Group string `json:"-"`
}

// Key is what the line is compared by against another estimate.
func (l Line) Key() string {
	if l.Group != "" {
		return l.Group
	}
	return l.Item
}

// Cost is a monthly estimate: idle (minimum tasks and ACU) and scaled out
// (maximum tasks and ACU all month).
type Cost struct {
	Region string  `json:"region"`
	Lines  []Line  `json:"lines"`
	Idle   float64 `json:"idle"`
	Scaled float64 `json:"scaledOut"`
}

// auroraActiveACU is the smallest capacity an awake Serverless v2 instance
// runs at; an auto-pausing cluster is billed at least this while awake.
const auroraActiveACU = 0.5

// Estimate prices an inventory.
func Estimate(inv Inventory, p pricing.Prices, a Assumptions) Cost {
	const month = pricing.HoursPerMonth
	c := Cost{Region: p.Region}
	add := func(item, quantity string, idle, scaled float64, buys string) {
		if idle == 0 && scaled == 0 {
			return
		}
		group := ""
		if strings.HasPrefix(item, "Fargate") {
			group = "Fargate tasks"
		}
		c.Lines = append(c.Lines, Line{Item: item, Quantity: quantity, Idle: idle, Scaled: scaled, Buys: buys, Group: group})
		c.Idle += idle
		c.Scaled += scaled
	}
	both := func(item, quantity string, v float64, buys string) { add(item, quantity, v, v, buys) }

	nat := float64(inv.NATGateways)
	both("NAT gateway hours", count(inv.NATGateways, "gateway"), nat*p.NATGatewayHour*month, "")
	if inv.NATGateways > 0 {
		both("NAT data processed", fmt.Sprintf("%g GB", a.NATGB), a.NATGB*p.NATGatewayGB, "")
	}
	minIPs, maxIPs := inv.NATGateways+inv.ALBPublicIPs, inv.NATGateways+inv.ALBPublicIPs
	if inv.Tasks.PublicIP {
		minIPs, maxIPs = minIPs+inv.Tasks.Min, maxIPs+inv.Tasks.Max
	}
	add("Public IPv4 addresses", fmt.Sprintf("%d to %d addresses", minIPs, maxIPs),
		float64(minIPs)*p.PublicIPv4Hour*month, float64(maxIPs)*p.PublicIPv4Hour*month, "")
	albs := float64(inv.ALBs)
	both("ALB hours", count(inv.ALBs, "load balancer"), albs*p.ALBHour*month, "")
	both("ALB capacity units", fmt.Sprintf("%g LCU", a.ALBLCUs), albs*a.ALBLCUs*p.ALBLCUHour*month, "")

	taskMonth := (float64(inv.Tasks.CPU)/1024*p.FargateVCPUHour + float64(inv.Tasks.MemoryMiB)/1024*p.FargateGBHour) * month
	onDemand := func(n int) int {
		if inv.Tasks.Spot {
			return min(n, inv.Tasks.OnDemandBase)
		}
		return n
	}
	size := fmt.Sprintf("%g vCPU / %g GB", float64(inv.Tasks.CPU)/1024, float64(inv.Tasks.MemoryMiB)/1024)
	add("Fargate on-demand tasks", fmt.Sprintf("%d to %d x %s", onDemand(inv.Tasks.Min), onDemand(inv.Tasks.Max), size),
		float64(onDemand(inv.Tasks.Min))*taskMonth, float64(onDemand(inv.Tasks.Max))*taskMonth, "")
	spotMonth := taskMonth * (1 - a.SpotDiscount)
	add("Fargate Spot tasks", fmt.Sprintf("%d to %d x %s", inv.Tasks.Min-onDemand(inv.Tasks.Min), inv.Tasks.Max-onDemand(inv.Tasks.Max), size),
		float64(inv.Tasks.Min-onDemand(inv.Tasks.Min))*spotMonth, float64(inv.Tasks.Max-onDemand(inv.Tasks.Max))*spotMonth, "")

	for i, followsWriter := range inv.Aurora.Instances {
		role := "writer"
		buys := ""
		if i > 0 {
			role = fmt.Sprintf("reader %d", i)
			buys = "a failover target in a second AZ (minutes of downtime instead of a restore)"
		}
		idleACUHours := inv.Aurora.MinACU * month
		quantity := fmt.Sprintf("%g ACU all month", inv.Aurora.MinACU)
		if inv.Aurora.AutoPause {
			idleACUHours = auroraActiveACU * a.ActiveHours
			quantity = fmt.Sprintf("%g ACU for %g active hours", auroraActiveACU, a.ActiveHours)
		}
		scaledACUHours := idleACUHours
		if followsWriter {
			scaledACUHours = inv.Aurora.MaxACU * month
			quantity += fmt.Sprintf(", up to %g ACU", inv.Aurora.MaxACU)
		}
		add("Aurora ACU-hours, "+role, quantity, idleACUHours*p.AuroraACUHour, scaledACUHours*p.AuroraACUHour, buys)
	}
	if len(inv.Aurora.Instances) > 0 {
		both("Aurora storage", fmt.Sprintf("%g GB", a.DBStorageGB), a.DBStorageGB*p.AuroraStorageGBMonth, "")
		both("Aurora I/O", fmt.Sprintf("%g million requests", a.DBIOMillions), a.DBIOMillions*p.AuroraIOMillion, "")
	}
	if inv.WAFACLs > 0 {
		both("WAF web ACL", count(inv.WAFACLs, "web ACL"), float64(inv.WAFACLs)*p.WAFACLMonth, "")
		both("WAF rules", count(inv.WAFRules, "rule"), float64(inv.WAFRules)*p.WAFRuleMonth, "")
		both("WAF requests", fmt.Sprintf("%g million", a.WAFRequestsMillions), a.WAFRequestsMillions*p.WAFRequestsMillion, "")
	}
	both("Secrets Manager secrets", count(inv.Secrets, "secret"), float64(inv.Secrets)*p.SecretMonth,
		"one secret per value: the superuser password and the shared LANGFLOW_SECRET_KEY, rotated and granted one by one")
	both("KMS customer key", count(inv.KMSKeys, "key"), float64(inv.KMSKeys)*p.KMSKeyMonth,
		"one key for Aurora, secrets, bucket, topic and logs, under the account's control (rotation on)")
	both("Interface endpoints", count(inv.InterfaceAZs, "endpoint-AZ"), float64(inv.InterfaceAZs)*p.InterfaceEndpointAZHour*month, "")
	both("Application logs", fmt.Sprintf("%g GB", a.AppLogGB), a.AppLogGB*p.LogsIngestGB, "")
	if inv.FlowLogs {
		both("VPC flow logs", fmt.Sprintf("%g GB", a.FlowLogGB), a.FlowLogGB*p.LogsIngestGB, "a record of every connection, for investigations (FSBP EC2.6)")
	}
	if inv.WAFLogs {
		both("WAF logs", fmt.Sprintf("%g GB", a.WAFLogGB), a.WAFLogGB*p.LogsIngestGB, "which rule blocked which request (a saved flow refused, an attack)")
	}
	both("CloudWatch alarms", count(inv.Alarms, "alarm"), float64(inv.Alarms)*p.AlarmMonth,
		"e-mail when the ALB fails, tasks fail or run hot, or Aurora runs out of capacity or connections")
	if inv.ECRRepository {
		both("ECR storage", fmt.Sprintf("%g GB", a.ECRGB), a.ECRGB*p.ECRStorageGBMonth, "")
	}
	return c
}

// IdleByKey sums idle cost by comparison key.
func (c Cost) IdleByKey() map[string]float64 {
	out := map[string]float64{}
	for _, l := range c.Lines {
		out[l.Key()] += l.Idle
	}
	return out
}

// Line returns the line named item, and whether it exists.
func (c Cost) Line(item string) (Line, bool) {
	for _, l := range c.Lines {
		if l.Item == item {
			return l, true
		}
	}
	return Line{}, false
}

// count renders "1 key", "3 keys".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
