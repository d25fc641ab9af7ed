// Package secret stores one value in its own Secrets Manager secret,
// encrypted with the stack key, with the stage's deletion behaviour.
package secret

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/awsfacts"
)

// Spec describes one secret.
type Spec struct {
	// Name is the secret's name in Secrets Manager ("langflow-dev/secret-key").
	Name        string
	Description string
	KMSKeyArn   pulumi.StringInput
	Value       pulumi.StringInput
	// Production keeps the secret when the stack is destroyed (the retained
	// database still needs it) and gives it the longest recovery window.
	// Elsewhere it is deleted at once, so a re-created stack can reuse the name.
	Production bool
}

// New creates the secret and its value.
func New(ctx *pulumi.Context, name string, spec Spec, parent pulumi.Resource) (*secretsmanager.Secret, error) {
	recoveryDays, opts := 0, []pulumi.ResourceOption{pulumi.Parent(parent)}
	if spec.Production {
		recoveryDays = awsfacts.MaxSecretRecoveryDays
		opts = append(opts, pulumi.RetainOnDelete(true))
	}
	s, err := secretsmanager.NewSecret(ctx, name, &secretsmanager.SecretArgs{
		Name:                 pulumi.String(spec.Name),
		Description:          pulumi.String(spec.Description),
		KmsKeyId:             spec.KMSKeyArn,
		RecoveryWindowInDays: pulumi.Int(recoveryDays),
	}, opts...)
	if err != nil {
		return nil, err
	}
	_, err = secretsmanager.NewSecretVersion(ctx, name, &secretsmanager.SecretVersionArgs{
		SecretId:     s.ID(),
		SecretString: spec.Value,
	}, pulumi.Parent(parent))
	return s, err
}
