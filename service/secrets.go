package service

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi-random/sdk/v4/go/random"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/internal/secret"
)

// appSecrets are Langflow's own secrets, one Secrets Manager secret each so
// access and rotation can be granted one by one.
type appSecrets struct {
	// superuserPassword is LANGFLOW_SUPERUSER_PASSWORD for the `admin` user.
	superuserPassword *secretsmanager.Secret
	// secretKey is LANGFLOW_SECRET_KEY. It must be one value for every task:
	// Langflow generates one per process when unset, and then logins loop and
	// stored API keys cannot be decrypted by the other tasks (#4378, #9023).
	secretKey *secretsmanager.Secret
}

const (
	superuserPasswordLength = 32
	secretKeyLength         = 64
)

func newAppSecrets(ctx *pulumi.Context, name string, args *Args, s *Service) (*appSecrets, error) {
	superuser, err := randomSecret(ctx, name+"-superuser-password", args, s, randomSecretSpec{
		path:        "superuser-password",
		description: "Langflow superuser (admin) password",
		length:      superuserPasswordLength,
		special:     true,
	})
	if err != nil {
		return nil, err
	}
	secretKey, err := randomSecret(ctx, name+"-secret-key", args, s, randomSecretSpec{
		path:        "secret-key",
		description: "LANGFLOW_SECRET_KEY, shared by every task: it signs sessions and encrypts stored API keys",
		length:      secretKeyLength,
	})
	if err != nil {
		return nil, err
	}
	return &appSecrets{superuserPassword: superuser, secretKey: secretKey}, nil
}

type randomSecretSpec struct {
	path        string
	description string
	length      int
	special     bool
}

// randomSecret generates a value and stores it in its own secret.
func randomSecret(ctx *pulumi.Context, name string, args *Args, s *Service, spec randomSecretSpec) (*secretsmanager.Secret, error) {
	value, err := random.NewRandomPassword(ctx, name, &random.RandomPasswordArgs{
		Length:  pulumi.Int(spec.length),
		Special: pulumi.Bool(spec.special),
	}, pulumi.Parent(s))
	if err != nil {
		return nil, err
	}
	return secret.New(ctx, name, secret.Spec{
		Name:        fmt.Sprintf("%s/%s", args.Name, spec.path),
		Description: spec.description,
		KMSKeyArn:   args.KMSKeyArn,
		Value:       value.Result,
		Production:  args.Production,
	}, s)
}
