// Package policy builds IAM, key, bucket and topic policy documents from
// statements whose resources may still be outputs (ARNs not yet known).
package policy

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Statement is one policy statement; fields left empty are omitted.
type Statement struct {
	Sid       string
	Effect    string // "Allow" unless set
	Principal pulumi.Map
	Actions   []string
	Resources []pulumi.StringInput
	Condition pulumi.Map
}

// Document renders the statements as a policy JSON document.
func Document(statements ...Statement) pulumi.StringOutput {
	list := make(pulumi.Array, len(statements))
	for i, s := range statements {
		list[i] = s.toMap()
	}
	return pulumi.JSONMarshal(pulumi.Map{
		"Version":   pulumi.String("2012-10-17"),
		"Statement": list,
	})
}

func (s Statement) toMap() pulumi.Map {
	effect := s.Effect
	if effect == "" {
		effect = "Allow"
	}
	m := pulumi.Map{
		"Effect": pulumi.String(effect),
		"Action": pulumi.ToStringArray(s.Actions),
	}
	if s.Sid != "" {
		m["Sid"] = pulumi.String(s.Sid)
	}
	if s.Principal != nil {
		m["Principal"] = s.Principal
	}
	if len(s.Resources) > 0 {
		resources := make(pulumi.StringArray, len(s.Resources))
		copy(resources, s.Resources)
		m["Resource"] = resources
	}
	if s.Condition != nil {
		m["Condition"] = s.Condition
	}
	return m
}

// Service returns a principal for an AWS service ("ecs-tasks.amazonaws.com").
func Service(names ...string) pulumi.Map {
	return pulumi.Map{"Service": pulumi.ToStringArray(names)}
}

// AWS returns a principal for AWS accounts or roles by ARN.
func AWS(arns ...pulumi.StringInput) pulumi.Map {
	list := make(pulumi.StringArray, len(arns))
	copy(list, arns)
	return pulumi.Map{"AWS": list}
}

// AssumeRole is the trust policy letting service assume a role, limited to
// callers from account (the confused-deputy guard AWS recommends).
func AssumeRole(service string, account pulumi.StringInput) pulumi.StringOutput {
	return Document(Statement{
		Actions:   []string{"sts:AssumeRole"},
		Principal: Service(service),
		Condition: pulumi.Map{"StringEquals": pulumi.Map{"aws:SourceAccount": account}},
	})
}

// DenyInsecureTransport is the statement every bucket policy starts with:
// no request over plain HTTP (S3.5).
func DenyInsecureTransport(bucketArn pulumi.StringInput) Statement {
	return Statement{
		Sid:       "DenyInsecureTransport",
		Effect:    "Deny",
		Principal: pulumi.Map{"AWS": pulumi.String("*")},
		Actions:   []string{"s3:*"},
		Resources: []pulumi.StringInput{bucketArn, pulumi.Sprintf("%s/*", bucketArn)},
		Condition: pulumi.Map{"Bool": pulumi.Map{"aws:SecureTransport": pulumi.String("false")}},
	}
}
