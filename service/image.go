package service

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	awsxecr "github.com/pulumi/pulumi-awsx/sdk/v2/go/awsx/ecr"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// DefaultImage is the Langflow release a stack runs when it names no image
// of its own: a pinned version (a version change runs database migrations
// at start-up, so it must be a deliberate change), 1.7 or later for S3
// file storage.
const DefaultImage = "langflowai/langflow:1.7.1"

// containerImage picks the image: built from service.buildContext and
// pushed to our repository during `pulumi up` (the guide's step 4), else
// service.image, else DefaultImage.
func containerImage(ctx *pulumi.Context, name string, args *Args, s *Service) (pulumi.StringOutput, error) {
	settings := args.Settings
	switch {
	case settings.BuildContext != "":
		tag, err := ContextTag(settings.BuildContext)
		if err != nil {
			return pulumi.StringOutput{}, fmt.Errorf("service.buildContext %q: %w", settings.BuildContext, err)
		}
		image, err := awsxecr.NewImage(ctx, name, &awsxecr.ImageArgs{
			RepositoryUrl: args.EcrRepositoryURL,
			Context:       pulumi.String(settings.BuildContext),
			Platform:      pulumi.String(dockerPlatform(settings.CPUArchitecture)),
			ImageTag:      pulumi.String(tag),
		}, pulumi.Parent(s))
		if err != nil {
			return pulumi.StringOutput{}, err
		}
		return image.ImageUri, nil
	case settings.Image != "":
		return pulumi.String(settings.Image).ToStringOutput(), nil
	default:
		return pulumi.String(DefaultImage).ToStringOutput(), nil
	}
}

func dockerPlatform(cpuArchitecture string) string {
	if cpuArchitecture == "ARM64" {
		return "linux/arm64"
	}
	return "linux/amd64"
}

// ContextTag is the image tag for a build context: a digest of every file
// in it. The repository's tags are immutable, so the same content maps to
// the same tag and a changed file to a new one; a moving tag never exists.
func ContextTag(dir string) (string, error) {
	hash := sha256.New()
	err := filepath.WalkDir(dir, func(path string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if entry.IsDir() {
			if entry.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		fmt.Fprintf(hash, "%s\x00", filepath.ToSlash(rel))
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(hash, f)
		return err
	})
	if err != nil {
		return "", err
	}
	return "ctx-" + strings.ToLower(hex.EncodeToString(hash.Sum(nil))[:16]), nil
}
