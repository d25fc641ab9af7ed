package platform

import (
	"encoding/json"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Image retention in the repository.
const (
	untaggedImageDays = 7
	keptImages        = 50
)

// newRegistry creates the repository the guide's step 4 pushed to by hand.
// Tags are immutable: an image is pushed under a unique tag (git SHA or
// content digest), so a tag always names the same bits and a rollback is a
// tag change. Scans run on push; the lifecycle keeps the bill bounded.
func newRegistry(ctx *pulumi.Context, name string, args *Args, p *Platform) error {
	repo, err := ecr.NewRepository(ctx, name, &ecr.RepositoryArgs{
		Name:               pulumi.String(args.Name + "/langflow"),
		ImageTagMutability: pulumi.String("IMMUTABLE"),
		ImageScanningConfiguration: &ecr.RepositoryImageScanningConfigurationArgs{
			ScanOnPush: pulumi.Bool(true),
		},
		EncryptionConfigurations: ecr.RepositoryEncryptionConfigurationArray{
			&ecr.RepositoryEncryptionConfigurationArgs{
				EncryptionType: pulumi.String("KMS"),
				KmsKey:         args.KMSKeyArn,
			},
		},
		ForceDelete: pulumi.Bool(!args.Production),
	}, pulumi.Parent(p))
	if err != nil {
		return err
	}
	lifecycle, err := json.Marshal(registryLifecycle())
	if err != nil {
		return err
	}
	_, err = ecr.NewLifecyclePolicy(ctx, name, &ecr.LifecyclePolicyArgs{
		Repository: repo.Name,
		Policy:     pulumi.String(string(lifecycle)),
	}, pulumi.Parent(p))
	p.EcrRepositoryURL, p.EcrRepositoryArn = repo.RepositoryUrl, repo.Arn
	return err
}

// registryLifecycle expires untagged layers after a week and keeps the
// newest images (enough to roll back through weeks of deploys).
func registryLifecycle() map[string]any {
	return map[string]any{"rules": []map[string]any{
		{
			"rulePriority": 1,
			"description":  "expire untagged images",
			"selection": map[string]any{
				"tagStatus": "untagged", "countType": "sinceImagePushed",
				"countUnit": "days", "countNumber": untaggedImageDays,
			},
			"action": map[string]any{"type": "expire"},
		},
		{
			"rulePriority": 2,
			"description":  "keep the newest images",
			"selection": map[string]any{
				"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": keptImages,
			},
			"action": map[string]any{"type": "expire"},
		},
	}}
}
