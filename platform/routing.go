package platform

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/awsfacts"
	"github.com/langflow-infra/langflow-infra/internal/order"
)

// Route is one listener rule.
type Route struct {
	Name     string
	Priority int
	Paths    []string
	// Deny answers 403 instead of forwarding to Langflow.
	Deny bool
}

// GuideRoutes are the guide's listener rules, in its order, forwarding to
// the Langflow target group. Priorities leave room between them.
var GuideRoutes = []Route{
	{Name: "tenant", Priority: 10, Paths: []string{"/tenant/*"}},
	{Name: "health", Priority: 20, Paths: []string{"/health"}},
	{Name: "api-v1", Priority: 30, Paths: []string{"/api/v1/*"}},
}

// MCPBlock answers 403 on Langflow's MCP endpoints, which do not require
// authentication, ahead of every forwarding rule (an ALB rule takes at most
// five path values; these are four).
var MCPBlock = Route{
	Name:     "mcp-block",
	Priority: 1,
	Paths:    []string{"/api/v1/mcp*", "/api/v2/mcp*", "/tenant/*/api/v1/mcp*", "/tenant/*/api/v2/mcp*"},
	Deny:     true,
}

// Routes returns the listener rules for a stack, highest precedence first.
func Routes(mcpEnabled bool) []Route {
	if mcpEnabled {
		return GuideRoutes
	}
	return append([]Route{MCPBlock}, GuideRoutes...)
}

// HSTSHeader tells browsers to use HTTPS only, for a year.
const HSTSHeader = "max-age=31536000; includeSubDomains"

// PlainHTTPWarning is shown at deploy time on a stack without a domain.
func PlainHTTPWarning(stack string) string {
	return fmt.Sprintf("stack %s has no domain: the ALB serves plain HTTP on its own DNS name, Langflow's cookies are "+
		"not marked secure and passwords cross the internet unencrypted. Set domain.name and domain.hostedZoneId "+
		"before anyone but you logs in.", stack)
}

// newListeners creates the listener the application is served on, with its
// rules, and (with a domain) the HTTP listener that redirects to it.
func newListeners(ctx *pulumi.Context, name string, args *Args, p *Platform, alb *lb.LoadBalancer, tg *lb.TargetGroup) error {
	forward := lb.ListenerDefaultActionArray{&lb.ListenerDefaultActionArgs{
		Type:           pulumi.String("forward"),
		TargetGroupArn: tg.Arn,
	}}
	var app *lb.Listener
	if p.HTTPS {
		certificateArn, err := newCertificate(ctx, name, args, p, alb)
		if err != nil {
			return err
		}
		if err := httpRedirect(ctx, name, p, alb); err != nil {
			return err
		}
		app, err = lb.NewListener(ctx, name+"-https", &lb.ListenerArgs{
			LoadBalancerArn: alb.Arn,
			Port:            pulumi.Int(443),
			Protocol:        pulumi.String("HTTPS"),
			SslPolicy:       pulumi.String(awsfacts.ALBTLSPolicy),
			CertificateArn:  certificateArn,
			DefaultActions:  forward,
			RoutingHttpResponseStrictTransportSecurityHeaderValue: pulumi.String(HSTSHeader),
			RoutingHttpResponseXContentTypeOptionsHeaderValue:     pulumi.String("nosniff"),
			RoutingHttpResponseServerEnabled:                      pulumi.Bool(false),
		}, pulumi.Parent(p))
		if err != nil {
			return err
		}
		p.URL = pulumi.Sprintf("https://%s", args.Domain.Name).ToStringOutput()
	} else {
		var err error
		app, err = lb.NewListener(ctx, name+"-http", &lb.ListenerArgs{
			LoadBalancerArn: alb.Arn,
			Port:            pulumi.Int(80),
			Protocol:        pulumi.String("HTTP"),
			DefaultActions:  forward,
		}, pulumi.Parent(p))
		if err != nil {
			return err
		}
		p.URL = pulumi.Sprintf("http://%s", alb.DnsName)
		p.Warnings = append(p.Warnings, PlainHTTPWarning(ctx.Stack()))
	}
	if err := newRules(ctx, name, args, p, app, tg); err != nil {
		return err
	}
	// ECS refuses a target group that no listener uses yet; handing the
	// service an ARN that resolves only once the listener exists orders them.
	p.TargetGroupArn = order.After(tg.Arn, app.Arn)
	return nil
}

// httpRedirect sends every plain-HTTP request to HTTPS (FSBP ELB.1).
func httpRedirect(ctx *pulumi.Context, name string, p *Platform, alb *lb.LoadBalancer) error {
	_, err := lb.NewListener(ctx, name+"-http", &lb.ListenerArgs{
		LoadBalancerArn: alb.Arn,
		Port:            pulumi.Int(80),
		Protocol:        pulumi.String("HTTP"),
		DefaultActions: lb.ListenerDefaultActionArray{&lb.ListenerDefaultActionArgs{
			Type: pulumi.String("redirect"),
			Redirect: &lb.ListenerDefaultActionRedirectArgs{
				Protocol:   pulumi.String("HTTPS"),
				Port:       pulumi.String("443"),
				StatusCode: pulumi.String("HTTP_301"),
			},
		}},
	}, pulumi.Parent(p))
	return err
}

// newRules creates the listener rules of Routes on the application listener.
func newRules(ctx *pulumi.Context, name string, args *Args, p *Platform, listener *lb.Listener, tg *lb.TargetGroup) error {
	for _, route := range Routes(args.MCPEnabled) {
		if route.Priority < 1 || route.Priority > awsfacts.MaxListenerRulePriority {
			return fmt.Errorf("listener rule %s: priority %d outside 1..%d", route.Name, route.Priority, awsfacts.MaxListenerRulePriority)
		}
		action := &lb.ListenerRuleActionArgs{Type: pulumi.String("forward"), TargetGroupArn: tg.Arn}
		if route.Deny {
			action = &lb.ListenerRuleActionArgs{
				Type: pulumi.String("fixed-response"),
				FixedResponse: &lb.ListenerRuleActionFixedResponseArgs{
					ContentType: pulumi.String("text/plain"),
					StatusCode:  pulumi.String("403"),
					MessageBody: pulumi.String("Forbidden"),
				},
			}
		}
		_, err := lb.NewListenerRule(ctx, fmt.Sprintf("%s-%s", name, route.Name), &lb.ListenerRuleArgs{
			ListenerArn: listener.Arn,
			Priority:    pulumi.Int(route.Priority),
			Actions:     lb.ListenerRuleActionArray{action},
			Conditions: lb.ListenerRuleConditionArray{&lb.ListenerRuleConditionArgs{
				PathPattern: &lb.ListenerRuleConditionPathPatternArgs{Values: pulumi.ToStringArray(route.Paths)},
			}},
		}, pulumi.Parent(p))
		if err != nil {
			return err
		}
	}
	return nil
}
