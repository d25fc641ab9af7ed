package platform

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const validationRecordTTL = 60

// newCertificate requests an ACM certificate for the domain, validates it
// through a record in the hosted zone (the guide's "auto-validated via
// Route53"), points the domain at the ALB and returns the ARN of the
// validated certificate, so the HTTPS listener waits for validation.
func newCertificate(ctx *pulumi.Context, name string, args *Args, p *Platform, alb *lb.LoadBalancer) (pulumi.StringOutput, error) {
	zone := pulumi.String(args.Domain.HostedZoneID)
	cert, err := acm.NewCertificate(ctx, name, &acm.CertificateArgs{
		DomainName:       pulumi.String(args.Domain.Name),
		ValidationMethod: pulumi.String("DNS"),
	}, pulumi.Parent(p))
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	option := cert.DomainValidationOptions.Index(pulumi.Int(0))
	record, err := route53.NewRecord(ctx, name+"-cert-validation", &route53.RecordArgs{
		ZoneId:         zone,
		Name:           option.ResourceRecordName().Elem(),
		Type:           option.ResourceRecordType().Elem(),
		Records:        pulumi.StringArray{option.ResourceRecordValue().Elem()},
		Ttl:            pulumi.Int(validationRecordTTL),
		AllowOverwrite: pulumi.Bool(true),
	}, pulumi.Parent(p))
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	validation, err := acm.NewCertificateValidation(ctx, name, &acm.CertificateValidationArgs{
		CertificateArn:        cert.Arn,
		ValidationRecordFqdns: pulumi.StringArray{record.Fqdn},
	}, pulumi.Parent(p))
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	_, err = route53.NewRecord(ctx, name+"-alias", &route53.RecordArgs{
		ZoneId: zone,
		Name:   pulumi.String(args.Domain.Name),
		Type:   pulumi.String("A"),
		Aliases: route53.RecordAliasArray{&route53.RecordAliasArgs{
			Name:                 alb.DnsName,
			ZoneId:               alb.ZoneId,
			EvaluateTargetHealth: pulumi.Bool(true),
		}},
	}, pulumi.Parent(p))
	return validation.CertificateArn, err
}
