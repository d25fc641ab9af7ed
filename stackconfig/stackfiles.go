package stackconfig

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
)

// StackFiles is a stack's configuration as the Pulumi CLI assembles it from
// Pulumi.yaml and Pulumi.<stack>.yaml: files parsed and validated by
// Pulumi's own loader, stack values type-checked against the project's
// declarations, project defaults applied to keys the stack leaves out.
type StackFiles struct {
	Project string
	Stack   string
	// Values are keyed "<namespace>:<key>"; objects are JSON text, the form
	// the Pulumi engine hands a Go program.
	Values map[string]string
}

// LoadStackFiles reads Pulumi.yaml and Pulumi.<stack>.yaml from dir. It is
// how the tests and the plan command run the committed stacks offline.
func LoadStackFiles(dir, stack string) (*StackFiles, error) {
	project, err := workspace.LoadProject(filepath.Join(dir, "Pulumi.yaml"))
	if err != nil {
		return nil, err
	}
	stackPath := filepath.Join(dir, fmt.Sprintf("Pulumi.%s.yaml", stack))
	projectStack, err := workspace.LoadProjectStack(nil, project, stackPath)
	if err != nil {
		return nil, err
	}
	name := project.Name.String()
	values := map[string]string{}
	for key, value := range projectStack.Config {
		if value.Secure() {
			return nil, fmt.Errorf("%s: %s is a secret; no key of this project is", stackPath, key)
		}
		if key.Namespace() == name {
			declared, ok := project.Config[key.Name()]
			if !ok {
				return nil, fmt.Errorf("%s: %s is not declared in Pulumi.yaml%s", stackPath, key.Name(), suggestion(key.Name(), ProjectKeys))
			}
			if err := checkDeclaredType(key, value, declared); err != nil {
				return nil, fmt.Errorf("%s: %w", stackPath, err)
			}
		}
		text, err := value.Value(config.NopDecrypter)
		if err != nil {
			return nil, err
		}
		values[key.Namespace()+":"+key.Name()] = text
	}
	for keyName, declared := range project.Config {
		full := name + ":" + keyName
		if _, set := values[full]; set || declared.Default == nil {
			continue
		}
		text, err := defaultText(declared.Default)
		if err != nil {
			return nil, fmt.Errorf("Pulumi.yaml: default of %s: %w", keyName, err)
		}
		values[full] = text
	}
	return &StackFiles{Project: name, Stack: stack, Values: values}, nil
}

// ProjectDeclarations returns the config keys Pulumi.yaml in dir declares.
func ProjectDeclarations(dir string) (map[string]workspace.ProjectConfigType, error) {
	project, err := workspace.LoadProject(filepath.Join(dir, "Pulumi.yaml"))
	if err != nil {
		return nil, err
	}
	return project.Config, nil
}

// Parse validates the loaded values into a Config.
func (s *StackFiles) Parse() (*Config, error) {
	return Parse(s.Project, s.Stack, s.Values)
}

func checkDeclaredType(key config.Key, value config.Value, declared workspace.ProjectConfigType) error {
	if !declared.IsExplicitlyTyped() {
		return nil
	}
	object, err := value.ToObject()
	if err != nil {
		return err
	}
	if !workspace.ValidateConfigValue(declared.TypeName(), declared.Items, object) {
		return fmt.Errorf("%s must be of type %s, as Pulumi.yaml declares", key.Name(), workspace.InferFullTypeName(declared.TypeName(), declared.Items))
	}
	return nil
}

// defaultText renders a Pulumi.yaml default the way the engine passes it.
func defaultText(v any) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}
