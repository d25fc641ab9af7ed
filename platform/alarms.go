package platform

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/internal/alarm"
	"github.com/langflow-infra/langflow-infra/internal/policy"
)

// Alarm thresholds for the edge and the database.
const (
	alb5xxPerFiveMinutes = 10
	// acuUtilizationPercent: the cluster is pinned at its max ACU; raise
	// database.maxCapacity before queries slow down.
	acuUtilizationPercent = 90
	// connectionsShare of Aurora's max_connections raises the alarm before
	// the pools hit "too many clients".
	connectionsShare = 0.8
)

// newAlarms creates the encrypted alarm topic, the optional e-mail
// subscription and the ALB and Aurora alarms (the service layer adds the
// ECS ones to the same topic).
func newAlarms(ctx *pulumi.Context, name string, args *Args, p *Platform) error {
	topic, err := alarmTopic(ctx, name, args, p)
	if err != nil {
		return err
	}
	p.AlarmTopicArn = topic.Arn
	alb := pulumi.StringMap{"LoadBalancer": p.AlbArnSuffix}
	cluster := pulumi.StringMap{"DBClusterIdentifier": args.DBClusterIdentifier}
	specs := map[string]alarm.Spec{
		"alb-5xx": {
			Description: "The ALB answered 5xx: no healthy task, or tasks failing or timing out.",
			Namespace:   "AWS/ApplicationELB", Metric: "HTTPCode_ELB_5XX_Count", Dimensions: alb,
			Statistic: "Sum", Comparison: alarm.AtLeast, Threshold: alb5xxPerFiveMinutes, Periods: 1,
		},
		"alb-unhealthy-targets": {
			Description: "A Langflow task fails the /health check.",
			Namespace:   "AWS/ApplicationELB", Metric: "UnHealthyHostCount",
			Dimensions: pulumi.StringMap{"LoadBalancer": p.AlbArnSuffix, "TargetGroup": p.TargetGroupArnSuffix},
			Statistic:  "Maximum", Comparison: alarm.AtLeast, Threshold: 1, Periods: 3, PeriodSeconds: 60,
		},
		"aurora-acu-utilization": {
			Description: "Aurora runs at its maximum capacity: raise database.maxCapacity.",
			Namespace:   "AWS/RDS", Metric: "ACUUtilization", Dimensions: cluster,
			Statistic: "Average", Comparison: alarm.Above, Threshold: acuUtilizationPercent, Periods: 3,
		},
		"aurora-connections": {
			Description: "Aurora connections near max_connections: the service's pools are close to exhausting it.",
			Namespace:   "AWS/RDS", Metric: "DatabaseConnections", Dimensions: cluster,
			Statistic: "Maximum", Comparison: alarm.Above, Threshold: connectionsShare * float64(args.DBMaxConnections), Periods: 2,
		},
	}
	for _, suffix := range []string{"alb-5xx", "alb-unhealthy-targets", "aurora-acu-utilization", "aurora-connections"} {
		if _, err := alarm.New(ctx, name+"-"+suffix, specs[suffix], topic.Arn, pulumi.Parent(p)); err != nil {
			return err
		}
	}
	return nil
}

// alarmTopic is encrypted with the stack key, whose policy lets CloudWatch
// use it: on the AWS-managed aws/sns key, alarm notifications are dropped
// without an error anywhere.
func alarmTopic(ctx *pulumi.Context, name string, args *Args, p *Platform) (*sns.Topic, error) {
	topic, err := sns.NewTopic(ctx, name+"-alarms", &sns.TopicArgs{
		KmsMasterKeyId: args.KMSKeyArn,
	}, pulumi.Parent(p))
	if err != nil {
		return nil, err
	}
	_, err = sns.NewTopicPolicy(ctx, name+"-alarms", &sns.TopicPolicyArgs{
		Arn: topic.Arn,
		Policy: policy.Document(
			policy.Statement{
				Sid:       "AccountManagesTopic",
				Principal: policy.AWS(pulumi.Sprintf("arn:aws:iam::%s:root", args.AccountID)),
				Actions:   []string{"sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish"},
				Resources: []pulumi.StringInput{topic.Arn},
			},
			policy.Statement{
				Sid:       "CloudWatchAlarmsPublish",
				Principal: policy.Service("cloudwatch.amazonaws.com"),
				Actions:   []string{"sns:Publish"},
				Resources: []pulumi.StringInput{topic.Arn},
				Condition: pulumi.Map{"StringEquals": pulumi.Map{"aws:SourceAccount": args.AccountID}},
			},
		),
	}, pulumi.Parent(p))
	if err != nil {
		return nil, err
	}
	if args.AlarmEmail != "" {
		_, err = sns.NewTopicSubscription(ctx, name+"-alarms-email", &sns.TopicSubscriptionArgs{
			Topic:    topic.Arn,
			Protocol: pulumi.String("email"),
			Endpoint: pulumi.String(args.AlarmEmail),
		}, pulumi.Parent(p))
	}
	return topic, err
}
