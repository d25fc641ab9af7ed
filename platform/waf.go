package platform

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/wafv2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ManagedRuleGroup is an AWS managed rule group on the web ACL.
type ManagedRuleGroup struct {
	Name     string
	Priority int
	// CountRules run in count mode instead of blocking.
	CountRules []string
}

// RateRulePriority puts the per-IP rate limit before the managed groups: a
// flood is dropped before it is inspected.
const RateRulePriority = 0

// ManagedRuleGroups are the AWS groups on the ACL, in priority order.
// SizeRestrictions_BODY counts instead of blocking: it blocks every body
// over 8 KB, and a minimal Langflow flow is ~42 KB, so saving a flow would
// fail. Everything else in the Common rule set still blocks.
var ManagedRuleGroups = []ManagedRuleGroup{
	{Name: "AWSManagedRulesAmazonIpReputationList", Priority: 10},
	{Name: "AWSManagedRulesCommonRuleSet", Priority: 20, CountRules: []string{"SizeRestrictions_BODY"}},
	{Name: "AWSManagedRulesKnownBadInputsRuleSet", Priority: 30},
	{Name: "AWSManagedRulesSQLiRuleSet", Priority: 40},
}

// redactedHeaders never reach the WAF logs: they carry credentials.
var redactedHeaders = []string{"authorization", "cookie", "x-api-key"}

// newWebACL protects the ALB with the managed groups and a per-IP rate
// rule, logs to an `aws-waf-logs-` group and reports metrics on every rule.
func newWebACL(ctx *pulumi.Context, name string, args *Args, p *Platform) error {
	if !args.WAF.Enabled {
		p.WebACLArn = pulumi.String("").ToStringOutput()
		return nil
	}
	rules := wafv2.WebAclRuleArray{rateRule(args)}
	for _, group := range ManagedRuleGroups {
		rules = append(rules, managedRule(group))
	}
	acl, err := wafv2.NewWebAcl(ctx, name, &wafv2.WebAclArgs{
		Scope:            pulumi.String("REGIONAL"),
		Description:      pulumi.Sprintf("%s ALB", args.Name),
		DefaultAction:    &wafv2.WebAclDefaultActionArgs{Allow: &wafv2.WebAclDefaultActionAllowArgs{}},
		Rules:            rules,
		VisibilityConfig: &wafv2.WebAclVisibilityConfigArgs{CloudwatchMetricsEnabled: pulumi.Bool(true), MetricName: pulumi.String(args.Name), SampledRequestsEnabled: pulumi.Bool(true)},
	}, pulumi.Parent(p))
	if err != nil {
		return err
	}
	if _, err := wafv2.NewWebAclAssociation(ctx, name, &wafv2.WebAclAssociationArgs{
		ResourceArn: p.AlbArn,
		WebAclArn:   acl.Arn,
	}, pulumi.Parent(p)); err != nil {
		return err
	}
	logGroup, err := cloudwatch.NewLogGroup(ctx, name+"-waf", &cloudwatch.LogGroupArgs{
		// WAF delivers only to groups whose name starts with aws-waf-logs-.
		Name:            pulumi.String("aws-waf-logs-" + args.Name),
		RetentionInDays: pulumi.Int(args.LogRetentionDays),
		KmsKeyId:        args.KMSKeyArn,
	}, pulumi.Parent(p))
	if err != nil {
		return err
	}
	redacted := wafv2.WebAclLoggingConfigurationRedactedFieldArray{}
	for _, header := range redactedHeaders {
		redacted = append(redacted, &wafv2.WebAclLoggingConfigurationRedactedFieldArgs{
			SingleHeader: &wafv2.WebAclLoggingConfigurationRedactedFieldSingleHeaderArgs{Name: pulumi.String(header)},
		})
	}
	_, err = wafv2.NewWebAclLoggingConfiguration(ctx, name, &wafv2.WebAclLoggingConfigurationArgs{
		ResourceArn:           acl.Arn,
		LogDestinationConfigs: pulumi.StringArray{logGroup.Arn},
		RedactedFields:        redacted,
	}, pulumi.Parent(p))
	p.WebACLArn = acl.Arn
	return err
}

func rateRule(args *Args) *wafv2.WebAclRuleArgs {
	return &wafv2.WebAclRuleArgs{
		Name:     pulumi.String("rate-limit-per-ip"),
		Priority: pulumi.Int(RateRulePriority),
		Action:   &wafv2.WebAclRuleActionArgs{Block: &wafv2.WebAclRuleActionBlockArgs{}},
		Statement: &wafv2.WebAclRuleStatementArgs{
			RateBasedStatement: &wafv2.WebAclRuleStatementRateBasedStatementArgs{
				Limit:               pulumi.Int(args.WAF.RateLimit),
				EvaluationWindowSec: pulumi.Int(args.WAF.RateWindowSeconds),
				AggregateKeyType:    pulumi.String("IP"),
			},
		},
		VisibilityConfig: ruleMetrics("rate-limit-per-ip"),
	}
}

func managedRule(group ManagedRuleGroup) *wafv2.WebAclRuleArgs {
	overrides := wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideArray{}
	for _, rule := range group.CountRules {
		overrides = append(overrides, &wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideArgs{
			Name: pulumi.String(rule),
			ActionToUse: &wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseArgs{
				Count: &wafv2.WebAclRuleStatementManagedRuleGroupStatementRuleActionOverrideActionToUseCountArgs{},
			},
		})
	}
	return &wafv2.WebAclRuleArgs{
		Name:           pulumi.String(group.Name),
		Priority:       pulumi.Int(group.Priority),
		OverrideAction: &wafv2.WebAclRuleOverrideActionArgs{None: &wafv2.WebAclRuleOverrideActionNoneArgs{}},
		Statement: &wafv2.WebAclRuleStatementArgs{
			ManagedRuleGroupStatement: &wafv2.WebAclRuleStatementManagedRuleGroupStatementArgs{
				VendorName:          pulumi.String("AWS"),
				Name:                pulumi.String(group.Name),
				RuleActionOverrides: overrides,
			},
		},
		VisibilityConfig: ruleMetrics(group.Name),
	}
}

func ruleMetrics(rule string) *wafv2.WebAclRuleVisibilityConfigArgs {
	return &wafv2.WebAclRuleVisibilityConfigArgs{
		CloudwatchMetricsEnabled: pulumi.Bool(true),
		MetricName:               pulumi.String(rule),
		SampledRequestsEnabled:   pulumi.Bool(true),
	}
}
