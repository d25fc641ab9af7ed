package service

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/internal/policy"
)

type taskRoles struct {
	// execution is what ECS uses to start the task: pull, log, read secrets.
	execution *iam.Role
	// task is what Langflow itself runs as: ECS Exec and its bucket.
	task *iam.Role
}

// newRoles creates the two roles with inline policies naming exact
// resources. The only "*" resources are on actions AWS does not scope
// (ecr:GetAuthorizationToken, the ssmmessages channels of ECS Exec).
func newRoles(ctx *pulumi.Context, name string, args *Args, logGroupArn pulumi.StringOutput, secrets *appSecrets, s *Service) (*taskRoles, error) {
	execution, err := roleWithPolicy(ctx, name+"-execution", args, s, "ECS task execution: pull the image, write logs, read Langflow's secrets", executionPolicy(args, logGroupArn, secrets))
	if err != nil {
		return nil, err
	}
	task, err := roleWithPolicy(ctx, name+"-task", args, s, "Langflow task: ECS Exec and the artifacts bucket", taskPolicy(args))
	if err != nil {
		return nil, err
	}
	return &taskRoles{execution: execution, task: task}, nil
}

func roleWithPolicy(ctx *pulumi.Context, name string, args *Args, s *Service, description string, document pulumi.StringOutput) (*iam.Role, error) {
	role, err := iam.NewRole(ctx, name, &iam.RoleArgs{
		Description:      pulumi.String(description),
		AssumeRolePolicy: policy.AssumeRole("ecs-tasks.amazonaws.com", args.AccountID),
	}, pulumi.Parent(s))
	if err != nil {
		return nil, err
	}
	_, err = iam.NewRolePolicy(ctx, name, &iam.RolePolicyArgs{
		Role:   role.Name,
		Policy: document,
	}, pulumi.Parent(s))
	return role, err
}

func executionPolicy(args *Args, logGroupArn pulumi.StringOutput, secrets *appSecrets) pulumi.StringOutput {
	return policy.Document(
		policy.Statement{
			Sid:       "ECRAuthorizationTokenIsAccountWide",
			Actions:   []string{"ecr:GetAuthorizationToken"},
			Resources: []pulumi.StringInput{pulumi.String("*")},
		},
		policy.Statement{
			Sid:       "PullFromOurRepository",
			Actions:   []string{"ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"},
			Resources: []pulumi.StringInput{args.EcrRepositoryArn},
		},
		policy.Statement{
			Sid:       "WriteTheServiceLogGroup",
			Actions:   []string{"logs:CreateLogStream", "logs:PutLogEvents"},
			Resources: []pulumi.StringInput{pulumi.Sprintf("%s:*", logGroupArn)},
		},
		policy.Statement{
			Sid:       "ReadExactlyLangflowsSecrets",
			Actions:   []string{"secretsmanager:GetSecretValue"},
			Resources: []pulumi.StringInput{args.DBSecretArn, secrets.superuserPassword.Arn, secrets.secretKey.Arn},
		},
		policy.Statement{
			Sid:       "DecryptSecretsWithTheStackKey",
			Actions:   []string{"kms:Decrypt"},
			Resources: []pulumi.StringInput{args.KMSKeyArn},
			Condition: pulumi.Map{"StringEquals": pulumi.Map{
				"kms:ViaService": pulumi.String("secretsmanager." + args.Region + ".amazonaws.com"),
			}},
		},
	)
}

func taskPolicy(args *Args) pulumi.StringOutput {
	return policy.Document(
		policy.Statement{
			Sid: "ECSExecChannels",
			Actions: []string{
				"ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
				"ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel",
			},
			Resources: []pulumi.StringInput{pulumi.String("*")},
		},
		policy.Statement{
			Sid:       "ListArtifactsBucket",
			Actions:   []string{"s3:ListBucket"},
			Resources: []pulumi.StringInput{args.ArtifactsBucketArn},
		},
		policy.Statement{
			Sid:       "ReadWriteArtifacts",
			Actions:   []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging"},
			Resources: []pulumi.StringInput{pulumi.Sprintf("%s/*", args.ArtifactsBucketArn)},
		},
		policy.Statement{
			Sid:       "UseTheStackKeyForArtifacts",
			Actions:   []string{"kms:Decrypt", "kms:GenerateDataKey"},
			Resources: []pulumi.StringInput{args.KMSKeyArn},
			Condition: pulumi.Map{"StringEquals": pulumi.Map{
				"kms:ViaService": pulumi.String("s3." + args.Region + ".amazonaws.com"),
			}},
		},
	)
}
