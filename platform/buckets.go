package platform

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/elb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/internal/policy"
)

// Lifecycle windows.
const (
	abortMultipartDays     = 7
	noncurrentVersionDays  = 30
	accessLogRetentionDays = 90
	// albLogPrefix is where the ALB writes inside its log bucket.
	albLogPrefix = "alb"
)

// bucketSpec is what differs between our buckets; everything else (no
// public access, no ACLs, versioning, TLS-only policy, lifecycle) is the same.
type bucketSpec struct {
	prefix string
	// kmsKeyArn encrypts with the stack key; nil means SSE-S3, the only
	// encryption ELB log delivery supports.
	kmsKeyArn    pulumi.StringInput
	forceDestroy bool
	// expireDays deletes current objects after that many days (0: never).
	expireDays int
	// grants are policy statements beyond the TLS-only denial.
	grants func(bucketArn pulumi.StringOutput) []policy.Statement
}

// privateBucket creates a bucket and its guard rails (FSBP S3.5, S3.8,
// S3.12, S3.13). It returns the policy too, which writers must wait for.
func privateBucket(ctx *pulumi.Context, name string, spec bucketSpec, parent pulumi.Resource) (*s3.BucketV2, *s3.BucketPolicy, error) {
	opts := pulumi.Parent(parent)
	bucket, err := s3.NewBucketV2(ctx, name, &s3.BucketV2Args{
		BucketPrefix: pulumi.String(spec.prefix),
		ForceDestroy: pulumi.Bool(spec.forceDestroy),
	}, opts)
	if err != nil {
		return nil, nil, err
	}
	publicAccess, err := s3.NewBucketPublicAccessBlock(ctx, name, &s3.BucketPublicAccessBlockArgs{
		Bucket:                bucket.ID(),
		BlockPublicAcls:       pulumi.Bool(true),
		BlockPublicPolicy:     pulumi.Bool(true),
		IgnorePublicAcls:      pulumi.Bool(true),
		RestrictPublicBuckets: pulumi.Bool(true),
	}, opts)
	if err != nil {
		return nil, nil, err
	}
	if _, err := s3.NewBucketOwnershipControls(ctx, name, &s3.BucketOwnershipControlsArgs{
		Bucket: bucket.ID(),
		Rule:   &s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("BucketOwnerEnforced")},
	}, opts); err != nil {
		return nil, nil, err
	}
	if _, err := s3.NewBucketVersioningV2(ctx, name, &s3.BucketVersioningV2Args{
		Bucket:                  bucket.ID(),
		VersioningConfiguration: &s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Enabled")},
	}, opts); err != nil {
		return nil, nil, err
	}
	if _, err := s3.NewBucketServerSideEncryptionConfigurationV2(ctx, name, &s3.BucketServerSideEncryptionConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules:  s3.BucketServerSideEncryptionConfigurationV2RuleArray{encryptionRule(spec.kmsKeyArn)},
	}, opts); err != nil {
		return nil, nil, err
	}
	if _, err := s3.NewBucketLifecycleConfigurationV2(ctx, name, &s3.BucketLifecycleConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules:  s3.BucketLifecycleConfigurationV2RuleArray{lifecycleRule(spec.expireDays)},
	}, opts); err != nil {
		return nil, nil, err
	}
	statements := []policy.Statement{policy.DenyInsecureTransport(bucket.Arn)}
	if spec.grants != nil {
		statements = append(statements, spec.grants(bucket.Arn)...)
	}
	// The public access block must exist first, or S3 may judge the policy
	// before the block is in place.
	bucketPolicy, err := s3.NewBucketPolicy(ctx, name, &s3.BucketPolicyArgs{
		Bucket: bucket.ID(),
		Policy: policy.Document(statements...),
	}, opts, pulumi.DependsOn([]pulumi.Resource{publicAccess}))
	return bucket, bucketPolicy, err
}

func encryptionRule(kmsKeyArn pulumi.StringInput) *s3.BucketServerSideEncryptionConfigurationV2RuleArgs {
	if kmsKeyArn == nil {
		return &s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
			ApplyServerSideEncryptionByDefault: &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
				SseAlgorithm: pulumi.String("AES256"),
			},
		}
	}
	return &s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
		ApplyServerSideEncryptionByDefault: &s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
			SseAlgorithm:   pulumi.String("aws:kms"),
			KmsMasterKeyId: kmsKeyArn,
		},
		// A bucket key cuts KMS requests (and their cost) by orders of magnitude.
		BucketKeyEnabled: pulumi.Bool(true),
	}
}

func lifecycleRule(expireDays int) *s3.BucketLifecycleConfigurationV2RuleArgs {
	rule := &s3.BucketLifecycleConfigurationV2RuleArgs{
		Id:     pulumi.String("housekeeping"),
		Status: pulumi.String("Enabled"),
		Filter: &s3.BucketLifecycleConfigurationV2RuleFilterArgs{Prefix: pulumi.String("")},
		AbortIncompleteMultipartUpload: &s3.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs{
			DaysAfterInitiation: pulumi.Int(abortMultipartDays),
		},
		NoncurrentVersionExpiration: &s3.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs{
			NoncurrentDays: pulumi.Int(noncurrentVersionDays),
		},
	}
	if expireDays > 0 {
		rule.Expiration = &s3.BucketLifecycleConfigurationV2RuleExpirationArgs{Days: pulumi.Int(expireDays)}
	}
	return rule
}

// newArtifactsBucket is the guide's artifacts bucket; Langflow stores
// uploaded files there (LANGFLOW_STORAGE_TYPE=s3) so every task sees them.
func newArtifactsBucket(ctx *pulumi.Context, name string, args *Args, p *Platform) error {
	bucket, _, err := privateBucket(ctx, name+"-artifacts", bucketSpec{
		prefix:       args.Name + "-artifacts-",
		kmsKeyArn:    args.KMSKeyArn,
		forceDestroy: !args.Production,
	}, p)
	if err != nil {
		return err
	}
	p.ArtifactsBucketName, p.ArtifactsBucketArn = bucket.Bucket, bucket.Arn
	return nil
}

// albLogsBucket receives the ALB's access logs (FSBP ELB.5). The regional
// ELB account writes them in older regions, the log-delivery service in
// newer ones; both are allowed, only under this account's prefix.
func albLogsBucket(ctx *pulumi.Context, name string, args *Args, p *Platform) (*s3.BucketV2, *s3.BucketPolicy, error) {
	elbAccount := elb.GetServiceAccountOutput(ctx, elb.GetServiceAccountOutputArgs{}, pulumi.Parent(p)).Arn()
	return privateBucket(ctx, name+"-alb-logs", bucketSpec{
		prefix:       args.Name + "-alb-logs-",
		forceDestroy: !args.Production,
		expireDays:   accessLogRetentionDays,
		grants: func(bucketArn pulumi.StringOutput) []policy.Statement {
			logs := pulumi.Sprintf("%s/%s/AWSLogs/%s/*", bucketArn, albLogPrefix, args.AccountID)
			return []policy.Statement{
				{
					Sid:       "RegionalELBAccountWritesAccessLogs",
					Principal: policy.AWS(elbAccount),
					Actions:   []string{"s3:PutObject"},
					Resources: []pulumi.StringInput{logs},
				},
				{
					Sid:       "LogDeliveryWritesAccessLogs",
					Principal: policy.Service("logdelivery.elasticloadbalancing.amazonaws.com"),
					Actions:   []string{"s3:PutObject"},
					Resources: []pulumi.StringInput{logs},
				},
			}
		},
	}, p)
}
