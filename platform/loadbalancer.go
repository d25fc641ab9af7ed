package platform

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/awsfacts"
	"github.com/langflow-infra/langflow-infra/langflow"
)

const (
	// IdleTimeoutSeconds sits just above Langflow's worker timeout, so a
	// silent build is ended by Langflow (with an error the UI shows) rather
	// than cut by the ALB's 60 s default.
	IdleTimeoutSeconds = langflow.WorkerTimeoutSeconds + 30
	// DeregistrationDelaySeconds lets in-flight requests finish while leaving
	// room inside Fargate Spot's 120 s notice for the task's own shutdown.
	DeregistrationDelaySeconds = 60
	// StickinessSeconds keeps a browser on one task: Langflow's build queue
	// lives in the task that started the build (#7579).
	StickinessSeconds = 3600
	// DesyncMitigationMode: AWS's recommended default, spelled out (ELB.12).
	DesyncMitigationMode = "defensive"
)

func init() {
	if DeregistrationDelaySeconds >= awsfacts.SpotInterruptionNoticeSeconds {
		panic("target group deregistration delay must stay below the Fargate Spot notice")
	}
}

// newLoadBalancer creates the ALB, its security group, the target group
// and the listeners with their routing.
func newLoadBalancer(ctx *pulumi.Context, name string, args *Args, p *Platform) error {
	securityGroup, err := albSecurityGroup(ctx, name, args, p)
	if err != nil {
		return err
	}
	logs, logsPolicy, err := albLogsBucket(ctx, name, args, p)
	if err != nil {
		return err
	}
	alb, err := lb.NewLoadBalancer(ctx, name, &lb.LoadBalancerArgs{
		LoadBalancerType:         pulumi.String("application"),
		Internal:                 pulumi.Bool(false),
		IpAddressType:            pulumi.String("ipv4"),
		SecurityGroups:           pulumi.StringArray{securityGroup.ID()},
		Subnets:                  args.PublicSubnetIDs,
		IdleTimeout:              pulumi.Int(IdleTimeoutSeconds),
		DropInvalidHeaderFields:  pulumi.Bool(true),
		DesyncMitigationMode:     pulumi.String(DesyncMitigationMode),
		EnableHttp2:              pulumi.Bool(true),
		EnableDeletionProtection: pulumi.Bool(args.Production),
		AccessLogs: &lb.LoadBalancerAccessLogsArgs{
			Bucket:  logs.Bucket,
			Prefix:  pulumi.String(albLogPrefix),
			Enabled: pulumi.Bool(true),
		},
	}, pulumi.Parent(p), pulumi.DependsOn([]pulumi.Resource{logsPolicy}))
	if err != nil {
		return err
	}
	targetGroup, err := langflowTargetGroup(ctx, name, args, p)
	if err != nil {
		return err
	}
	p.AlbArn, p.AlbArnSuffix, p.AlbDNSName = alb.Arn, alb.ArnSuffix, alb.DnsName
	p.AlbSecurityGroupID = securityGroup.ID().ToStringOutput()
	p.TargetGroupArnSuffix = targetGroup.ArnSuffix
	p.AlbLogsBucketName = logs.Bucket
	return newListeners(ctx, name, args, p, alb, targetGroup)
}

// albSecurityGroup admits the internet on the listener ports only: 80 (a
// redirect when HTTPS is on) and 443. It has no egress here: the service
// layer allows exactly the ALB-to-task path on the container port.
func albSecurityGroup(ctx *pulumi.Context, name string, args *Args, p *Platform) (*ec2.SecurityGroup, error) {
	sg, err := ec2.NewSecurityGroup(ctx, name+"-alb", &ec2.SecurityGroupArgs{
		VpcId:       args.VpcID,
		Description: pulumi.Sprintf("%s ALB: HTTP/HTTPS from the internet", args.Name),
	}, pulumi.Parent(p))
	if err != nil {
		return nil, err
	}
	ports := []int{80}
	if p.HTTPS {
		ports = append(ports, 443)
	}
	for _, port := range ports {
		_, err := vpc.NewSecurityGroupIngressRule(ctx, fmt.Sprintf("%s-alb-%d", name, port), &vpc.SecurityGroupIngressRuleArgs{
			SecurityGroupId: sg.ID(),
			Description:     pulumi.Sprintf("internet to ALB on %d", port),
			IpProtocol:      pulumi.String("tcp"),
			FromPort:        pulumi.Int(port),
			ToPort:          pulumi.Int(port),
			CidrIpv4:        pulumi.String("0.0.0.0/0"),
		}, pulumi.Parent(p))
		if err != nil {
			return nil, err
		}
	}
	return sg, nil
}

// langflowTargetGroup registers the tasks by IP (awsvpc) on Langflow's port.
func langflowTargetGroup(ctx *pulumi.Context, name string, args *Args, p *Platform) (*lb.TargetGroup, error) {
	return lb.NewTargetGroup(ctx, name, &lb.TargetGroupArgs{
		VpcId:               args.VpcID,
		TargetType:          pulumi.String("ip"),
		Protocol:            pulumi.String("HTTP"),
		Port:                pulumi.Int(langflow.Port),
		DeregistrationDelay: pulumi.Int(DeregistrationDelaySeconds),
		HealthCheck: &lb.TargetGroupHealthCheckArgs{
			Path:               pulumi.String(langflow.HealthPath),
			Matcher:            pulumi.String("200"),
			Interval:           pulumi.Int(15),
			Timeout:            pulumi.Int(5),
			HealthyThreshold:   pulumi.Int(2),
			UnhealthyThreshold: pulumi.Int(3),
		},
		Stickiness: &lb.TargetGroupStickinessArgs{
			Type:           pulumi.String("lb_cookie"),
			Enabled:        pulumi.Bool(true),
			CookieDuration: pulumi.Int(StickinessSeconds),
		},
	}, pulumi.Parent(p))
}
