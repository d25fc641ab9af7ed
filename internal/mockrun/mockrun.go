// Package mockrun runs the langflow-infra program offline, under Pulumi's
// mock engine, for a committed stack file or explicit config values: what
// the tests, the guardrail report and the plan command all start from.
package mockrun

import (
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/internal/recorder"
	"github.com/langflow-infra/langflow-infra/stack"
	"github.com/langflow-infra/langflow-infra/stackconfig"
)

// Result is one run of the program.
type Result struct {
	// Stack is the stack's name.
	Stack string
	*recorder.Recorder
	Deployment *stack.Deployment
	// Outputs are the resolved stack outputs.
	Outputs map[string]any
}

// Stack loads Pulumi.yaml and Pulumi.<name>.yaml from dir as the CLI does
// and runs the program for that stack.
func Stack(dir, name string) (*Result, error) {
	files, err := stackconfig.LoadStackFiles(dir, name)
	if err != nil {
		return nil, err
	}
	return RunValues(files.Project, name, files.Values)
}

// RunValues runs the program with explicit config values (keyed
// "<namespace>:<key>", objects as JSON text).
func RunValues(project, stackName string, values map[string]string) (*Result, error) {
	res := &Result{Stack: stackName, Outputs: map[string]any{}}
	program := func(ctx *pulumi.Context) error {
		d, err := stack.Deploy(ctx)
		if err != nil {
			return err
		}
		res.Deployment = d
		outputs, err := awaitOutputs(d.Outputs)
		res.Outputs = outputs
		return err
	}
	restore := engineConfig(values)
	defer restore()
	rec, err := recorder.Run(program, project, stackName, values)
	res.Recorder = rec
	return res, err
}

// outputWait bounds how long a run waits for its outputs; under the mock
// engine (an update, every value known) they resolve in milliseconds.
const outputWait = 30 * time.Second

// awaitOutputs resolves the stack outputs inside the program: RunErr waits
// for registrations, not for apply callbacks, so reading outputs after it
// returns would race.
func awaitOutputs(outputs map[string]pulumi.Output) (map[string]any, error) {
	names := make([]string, 0, len(outputs))
	inputs := make([]any, 0, len(outputs))
	for name, output := range outputs {
		names = append(names, name)
		inputs = append(inputs, output)
	}
	resolved := make(chan []any, 1)
	pulumi.All(inputs...).ApplyT(func(values []any) error {
		resolved <- values
		return nil
	})
	select {
	case values := <-resolved:
		out := make(map[string]any, len(values))
		for i, v := range values {
			out[names[i]] = v
		}
		return out, nil
	case <-time.After(outputWait):
		return nil, fmt.Errorf("stack outputs did not resolve within %s", outputWait)
	}
}

// engineConfig hands the program its config in PULUMI_CONFIG as well, the
// way the engine does, so the program sees the full key list.
func engineConfig(values map[string]string) (restore func()) {
	envMu.Lock()
	previous, had := os.LookupEnv(pulumi.EnvConfig)
	b, _ := json.Marshal(values)
	os.Setenv(pulumi.EnvConfig, string(b))
	return func() {
		if had {
			os.Setenv(pulumi.EnvConfig, previous)
		} else {
			os.Unsetenv(pulumi.EnvConfig)
		}
		envMu.Unlock()
	}
}

// envMu serialises runs: the environment is process-wide.
var envMu sync.Mutex
