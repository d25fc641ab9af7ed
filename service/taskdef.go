package service

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/awsfacts"
	"github.com/langflow-infra/langflow-infra/langflow"
	"github.com/langflow-infra/langflow-infra/stackconfig"
)

const (
	// SuperuserName is the guide's LANGFLOW_SUPERUSER.
	SuperuserName = "admin"
	// StartPeriodSeconds covers Langflow's start-up before failed container
	// health checks count.
	StartPeriodSeconds = langflow.StartupSeconds
	// StopTimeoutSeconds is Fargate's maximum: the time Langflow gets after
	// SIGTERM, which fits inside the Spot notice.
	StopTimeoutSeconds = awsfacts.MaxContainerStopTimeoutSeconds
	// ArtifactsPrefix is where Langflow keeps uploads in the artifacts bucket.
	ArtifactsPrefix = "langflow"
)

// Per-worker pool settings beyond size and overflow: wait at most 30 s for
// a connection, test it before use (Aurora scales and fails over under
// it), and recycle it every 30 minutes. Langflow's documented defaults.
const (
	poolTimeoutSeconds = 30
	poolRecycleSeconds = 1800
)

// EnvVar and SecretVar are container definition entries.
type EnvVar struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type SecretVar struct {
	Name      string `json:"name"`
	ValueFrom string `json:"valueFrom"`
}

// Environment is Langflow's plain configuration: the guide's variables and
// what a production deployment adds. No secret is ever among them.
func Environment(s stackconfig.Service, url, bucket, region string, https bool) []EnvVar {
	pool, _ := json.Marshal(map[string]any{
		"pool_size":     s.DBPoolSize,
		"max_overflow":  s.DBMaxOverflow,
		"pool_timeout":  poolTimeoutSeconds,
		"pool_pre_ping": true,
		"pool_recycle":  poolRecycleSeconds,
	})
	env := map[string]string{
		// The guide's settings.
		"LANGFLOW_AUTO_LOGIN":             "false",
		"LANGFLOW_SUPERUSER":              SuperuserName,
		"LANGFLOW_WORKERS":                strconv.Itoa(s.Workers),
		"LANGFLOW_DB_CONNECTION_SETTINGS": string(pool),
		"LANGFLOW_CORS_ORIGINS":           url,
		"LANGFLOW_CORS_ALLOW_CREDENTIALS": "true",
		"LANGFLOW_LOG_LEVEL":              "info",
		// Production additions.
		"LANGFLOW_NEW_USER_IS_ACTIVE":         "false",
		"LANGFLOW_ENABLE_SUPERUSER_CLI":       "false",
		"LANGFLOW_ACCESS_SECURE":              strconv.FormatBool(https),
		"LANGFLOW_REFRESH_SECURE":             strconv.FormatBool(https),
		"LANGFLOW_MCP_SERVER_ENABLED":         strconv.FormatBool(s.MCPEnabled),
		"LANGFLOW_STORE":                      "false",
		"DO_NOT_TRACK":                        "true",
		"LANGFLOW_SSRF_PROTECTION_ENABLED":    "true",
		"LANGFLOW_STORAGE_TYPE":               "s3",
		"LANGFLOW_OBJECT_STORAGE_BUCKET_NAME": bucket,
		"LANGFLOW_OBJECT_STORAGE_PREFIX":      ArtifactsPrefix,
		"AWS_DEFAULT_REGION":                  region,
	}
	names := make([]string, 0, len(env))
	for name := range env {
		names = append(names, name)
	}
	slices.Sort(names)
	out := make([]EnvVar, len(names))
	for i, name := range names {
		out[i] = EnvVar{Name: name, Value: env[name]}
	}
	return out
}

// Secrets maps Langflow's secret settings to Secrets Manager; ECS resolves
// them at task start, so no value appears in the task definition.
func Secrets(dbSecretArn, superuserSecretArn, secretKeySecretArn string) []SecretVar {
	return []SecretVar{
		{Name: "LANGFLOW_DATABASE_URL", ValueFrom: dbSecretArn + ":url::"},
		{Name: "LANGFLOW_SECRET_KEY", ValueFrom: secretKeySecretArn},
		{Name: "LANGFLOW_SUPERUSER_PASSWORD", ValueFrom: superuserSecretArn},
	}
}

// containerDefinition is the subset of ECS's schema we set.
type containerDefinition struct {
	Name                   string           `json:"name"`
	Image                  string           `json:"image"`
	Essential              bool             `json:"essential"`
	User                   string           `json:"user,omitempty"`
	Command                []string         `json:"command,omitempty"`
	PortMappings           []portMapping    `json:"portMappings,omitempty"`
	Environment            []EnvVar         `json:"environment,omitempty"`
	Secrets                []SecretVar      `json:"secrets,omitempty"`
	ReadonlyRootFilesystem bool             `json:"readonlyRootFilesystem"`
	MountPoints            []mountPoint     `json:"mountPoints"`
	DependsOn              []dependency     `json:"dependsOn,omitempty"`
	LogConfiguration       logConfiguration `json:"logConfiguration"`
	HealthCheck            *healthCheck     `json:"healthCheck,omitempty"`
	StopTimeout            int              `json:"stopTimeout,omitempty"`
	LinuxParameters        map[string]any   `json:"linuxParameters,omitempty"`
}

type mountPoint struct {
	SourceVolume  string `json:"sourceVolume"`
	ContainerPath string `json:"containerPath"`
	ReadOnly      bool   `json:"readOnly"`
}

type dependency struct {
	ContainerName string `json:"containerName"`
	Condition     string `json:"condition"`
}

// WritableVolume is a task volume mounted writable into a container whose
// root filesystem is read-only (FSBP ECS.5).
type WritableVolume struct {
	Name string
	Path string
	// LangflowOwned volumes are handed to Langflow's user before it starts.
	LangflowOwned bool
}

// WritableVolumes are the only paths the Langflow container writes: its
// home and config directory, /tmp, and the two directories the ECS Exec
// agent needs.
var WritableVolumes = []WritableVolume{
	{Name: "langflow-data", Path: "/app/data", LangflowOwned: true},
	{Name: "tmp", Path: "/tmp", LangflowOwned: true},
	{Name: "ssm-lib", Path: "/var/lib/amazon"},
	{Name: "ssm-log", Path: "/var/log/amazon"},
}

const (
	// langflowUID is the user the Langflow image runs as.
	langflowUID = 1000
	// VolumeInitContainer hands the writable volumes to Langflow's user:
	// Fargate creates task volumes owned by root, mode 0755.
	VolumeInitContainer = "volume-permissions"
	// VolumeInitImage is a pinned BusyBox from the ECR Public mirror of
	// Docker Official Images (no Docker Hub rate limit).
	VolumeInitImage = "public.ecr.aws/docker/library/busybox:1.37.0"
)

type portMapping struct {
	ContainerPort int    `json:"containerPort"`
	Protocol      string `json:"protocol"`
	Name          string `json:"name"`
}

type logConfiguration struct {
	LogDriver string            `json:"logDriver"`
	Options   map[string]string `json:"options"`
}

type healthCheck struct {
	Command     []string `json:"command"`
	Interval    int      `json:"interval"`
	Timeout     int      `json:"timeout"`
	Retries     int      `json:"retries"`
	StartPeriod int      `json:"startPeriod"`
}

// healthCommand probes /health from inside the container with the image's
// own Python (the image has no curl).
var healthCommand = []string{"CMD-SHELL", fmt.Sprintf(
	`python -c "import urllib.request; urllib.request.urlopen('http://localhost:%d%s', timeout=4)" || exit 1`,
	langflow.Port, langflow.HealthPath)}

type taskInputs struct {
	image        pulumi.StringOutput
	logGroupName pulumi.StringOutput
	roles        *taskRoles
	secrets      *appSecrets
}

// newTaskDefinition describes the Langflow task: size and platform from
// config, one container with the environment and secrets above.
func newTaskDefinition(ctx *pulumi.Context, name string, args *Args, in taskInputs, s *Service) (*ecs.TaskDefinition, error) {
	settings := args.Settings
	definitions := pulumi.All(in.image, in.logGroupName, args.URL, args.ArtifactsBucketName,
		args.DBSecretArn, in.secrets.superuserPassword.Arn, in.secrets.secretKey.Arn,
	).ApplyT(func(v []any) (string, error) {
		image, logGroup, url, bucket := v[0].(string), v[1].(string), v[2].(string), v[3].(string)
		logs := func(prefix string) logConfiguration {
			return logConfiguration{LogDriver: "awslogs", Options: map[string]string{
				"awslogs-group":         logGroup,
				"awslogs-region":        args.Region,
				"awslogs-stream-prefix": prefix,
			}}
		}
		container := containerDefinition{
			Name:                   ContainerName,
			Image:                  image,
			Essential:              true,
			PortMappings:           []portMapping{{ContainerPort: langflow.Port, Protocol: "tcp", Name: "http"}},
			Environment:            Environment(settings, url, bucket, args.Region, args.HTTPS),
			Secrets:                Secrets(v[4].(string), v[5].(string), v[6].(string)),
			ReadonlyRootFilesystem: true,
			MountPoints:            mountPoints(func(WritableVolume) bool { return true }),
			DependsOn:              []dependency{{ContainerName: VolumeInitContainer, Condition: "SUCCESS"}},
			LogConfiguration:       logs(ContainerName),
			HealthCheck: &healthCheck{
				Command: healthCommand, Interval: 30, Timeout: 5, Retries: 3, StartPeriod: StartPeriodSeconds,
			},
			StopTimeout: StopTimeoutSeconds,
			// ECS Exec needs an init process to reap the sessions it starts.
			LinuxParameters: map[string]any{"initProcessEnabled": true},
		}
		b, err := json.Marshal([]containerDefinition{volumeInit(logs(VolumeInitContainer)), container})
		return string(b), err
	}).(pulumi.StringOutput)
	return ecs.NewTaskDefinition(ctx, name, &ecs.TaskDefinitionArgs{
		Family:                  pulumi.String(args.Name),
		Cpu:                     pulumi.String(strconv.Itoa(settings.CPU)),
		Memory:                  pulumi.String(strconv.Itoa(settings.Memory)),
		NetworkMode:             pulumi.String("awsvpc"),
		RequiresCompatibilities: pulumi.StringArray{pulumi.String("FARGATE")},
		RuntimePlatform: &ecs.TaskDefinitionRuntimePlatformArgs{
			OperatingSystemFamily: pulumi.String("LINUX"),
			CpuArchitecture:       pulumi.String(settings.CPUArchitecture),
		},
		ExecutionRoleArn:     in.roles.execution.Arn,
		TaskRoleArn:          in.roles.task.Arn,
		ContainerDefinitions: definitions,
		Volumes:              taskVolumes(),
	}, pulumi.Parent(s))
}

// volumeInit runs once before Langflow, as root with a read-only root
// filesystem of its own, and gives Langflow's user the volumes it writes.
func volumeInit(logs logConfiguration) containerDefinition {
	var paths []string
	for _, v := range WritableVolumes {
		if v.LangflowOwned {
			paths = append(paths, v.Path)
		}
	}
	return containerDefinition{
		Name:                   VolumeInitContainer,
		Image:                  VolumeInitImage,
		Essential:              false,
		User:                   "0",
		Command:                []string{"sh", "-c", fmt.Sprintf("chown %d:%d %s", langflowUID, langflowUID, strings.Join(paths, " "))},
		ReadonlyRootFilesystem: true,
		MountPoints:            mountPoints(func(v WritableVolume) bool { return v.LangflowOwned }),
		LogConfiguration:       logs,
	}
}

func mountPoints(include func(WritableVolume) bool) []mountPoint {
	var out []mountPoint
	for _, v := range WritableVolumes {
		if include(v) {
			out = append(out, mountPoint{SourceVolume: v.Name, ContainerPath: v.Path})
		}
	}
	return out
}

func taskVolumes() ecs.TaskDefinitionVolumeArray {
	var out ecs.TaskDefinitionVolumeArray
	for _, v := range WritableVolumes {
		out = append(out, &ecs.TaskDefinitionVolumeArgs{Name: pulumi.String(v.Name)})
	}
	return out
}
