// Package alarm creates CloudWatch metric alarms that notify one SNS topic
// on both ALARM and OK, so every layer's alarms look and behave the same.
package alarm

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Comparison operators.
const (
	Above        = "GreaterThanThreshold"
	AtLeast      = "GreaterThanOrEqualToThreshold"
	Below        = "LessThanThreshold"
	defaultEvery = 300
)

// Spec describes one alarm on one metric.
type Spec struct {
	Description string
	Namespace   string
	Metric      string
	Dimensions  pulumi.StringMap
	Statistic   string
	Comparison  string
	Threshold   float64
	// Periods is how many consecutive periods must breach.
	Periods int
	// PeriodSeconds defaults to 300.
	PeriodSeconds int
	// MissingDataBreaches treats no data as a breach (a metric that stops
	// reporting is itself the failure); otherwise no data is fine.
	MissingDataBreaches bool
}

// New creates the alarm named name, notifying topicArn.
func New(ctx *pulumi.Context, name string, spec Spec, topicArn pulumi.StringInput, opts ...pulumi.ResourceOption) (*cloudwatch.MetricAlarm, error) {
	period := spec.PeriodSeconds
	if period == 0 {
		period = defaultEvery
	}
	missing := "notBreaching"
	if spec.MissingDataBreaches {
		missing = "breaching"
	}
	return cloudwatch.NewMetricAlarm(ctx, name, &cloudwatch.MetricAlarmArgs{
		AlarmDescription:   pulumi.String(spec.Description),
		Namespace:          pulumi.String(spec.Namespace),
		MetricName:         pulumi.String(spec.Metric),
		Dimensions:         spec.Dimensions,
		Statistic:          pulumi.String(spec.Statistic),
		ComparisonOperator: pulumi.String(spec.Comparison),
		Threshold:          pulumi.Float64(spec.Threshold),
		EvaluationPeriods:  pulumi.Int(spec.Periods),
		Period:             pulumi.Int(period),
		TreatMissingData:   pulumi.String(missing),
		AlarmActions:       pulumi.Array{topicArn},
		OkActions:          pulumi.Array{topicArn},
	}, opts...)
}
