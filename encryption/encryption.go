// Package encryption owns the stack's customer-managed KMS key. It is built
// before the other layers because each of them encrypts with it: Aurora
// storage, the secrets, the artifacts bucket, the alarm topic and every log
// group. An Aurora cluster's key cannot change without replacing the
// cluster, so the key exists from the first deploy.
package encryption

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/internal/policy"
)

// Args configure the stack key.
type Args struct {
	// Name is the stack's resource name stem ("langflow-dev").
	Name   string
	Region string
	// Production keeps the key when the stack is destroyed: a retained
	// database or snapshot is unreadable once its key is deleted.
	Production bool
}

// StackKey is the `langflow:encryption:StackKey` component.
type StackKey struct {
	pulumi.ResourceState

	KeyArn    pulumi.StringOutput `pulumi:"keyArn"`
	AliasName pulumi.StringOutput `pulumi:"aliasName"`
	AccountID pulumi.StringOutput `pulumi:"accountId"`
}

// Deletion windows: prd gets the longest pending deletion AWS allows.
const (
	productionDeletionWindowDays = 30
	devDeletionWindowDays        = 7
)

// New creates the key with rotation on and a policy letting CloudWatch Logs
// and CloudWatch alarms (publishing to the encrypted topic) use it.
func New(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*StackKey, error) {
	k := &StackKey{}
	if err := ctx.RegisterComponentResource("langflow:encryption:StackKey", name, k, opts...); err != nil {
		return nil, err
	}
	account := aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}, pulumi.Parent(k)).AccountId()

	deletionWindow := devDeletionWindowDays
	keyOpts := []pulumi.ResourceOption{pulumi.Parent(k)}
	if args.Production {
		deletionWindow = productionDeletionWindowDays
		keyOpts = append(keyOpts, pulumi.Protect(true), pulumi.RetainOnDelete(true))
	}
	key, err := kms.NewKey(ctx, name, &kms.KeyArgs{
		Description:          pulumi.Sprintf("%s: Aurora, secrets, artifacts, alarm topic and logs", args.Name),
		EnableKeyRotation:    pulumi.Bool(true),
		DeletionWindowInDays: pulumi.Int(deletionWindow),
		Policy:               keyPolicy(args.Region, account),
	}, keyOpts...)
	if err != nil {
		return nil, err
	}
	alias, err := kms.NewAlias(ctx, name, &kms.AliasArgs{
		Name:        pulumi.String(fmt.Sprintf("alias/%s", args.Name)),
		TargetKeyId: key.KeyId,
	}, pulumi.Parent(k))
	if err != nil {
		return nil, err
	}
	k.KeyArn, k.AliasName, k.AccountID = key.Arn, alias.Name, account
	return k, ctx.RegisterResourceOutputs(k, pulumi.Map{
		"keyArn":    k.KeyArn,
		"aliasName": k.AliasName,
		"accountId": k.AccountID,
	})
}

// keyPolicy: the account administers the key through IAM (RDS, Secrets
// Manager and S3 use it on behalf of principals the IAM policies name);
// CloudWatch Logs may use it only for this account's log groups; CloudWatch
// alarms may use it to publish to the encrypted SNS topic (without this
// statement alarm notifications are dropped silently).
func keyPolicy(region string, account pulumi.StringOutput) pulumi.StringOutput {
	return policy.Document(
		policy.Statement{
			Sid:       "AccountAdministersKeyThroughIAM",
			Principal: policy.AWS(pulumi.Sprintf("arn:aws:iam::%s:root", account)),
			Actions:   []string{"kms:*"},
			Resources: []pulumi.StringInput{pulumi.String("*")},
		},
		policy.Statement{
			Sid:       "CloudWatchLogsEncryptsThisAccountsLogGroups",
			Principal: policy.Service(fmt.Sprintf("logs.%s.amazonaws.com", region)),
			Actions:   []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
			Resources: []pulumi.StringInput{pulumi.String("*")},
			Condition: pulumi.Map{"ArnLike": pulumi.Map{
				"kms:EncryptionContext:aws:logs:arn": pulumi.Sprintf("arn:aws:logs:%s:%s:log-group:*", region, account),
			}},
		},
		policy.Statement{
			Sid:       "CloudWatchAlarmsPublishToEncryptedTopic",
			Principal: policy.Service("cloudwatch.amazonaws.com"),
			Actions:   []string{"kms:Decrypt", "kms:GenerateDataKey*"},
			Resources: []pulumi.StringInput{pulumi.String("*")},
		},
	)
}
