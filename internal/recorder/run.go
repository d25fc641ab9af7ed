package recorder

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Run runs program under the mock engine as stack of project with the given
// config values (keyed "<namespace>:<key>", objects as JSON text, as the
// engine passes them) and returns the record. The error is the program's.
func Run(program pulumi.RunFunc, project, stack string, config map[string]string) (*Recorder, error) {
	rec := New(config["aws:region"])
	err := pulumi.RunErr(program,
		pulumi.WithMocks(project, stack, rec),
		func(info *pulumi.RunInfo) { info.Config = config },
	)
	return rec, err
}

// Get returns the input at key as a plain Go value (secrets and outputs
// unwrapped): string, float64, bool, []any, map[string]any or nil.
func (res *Resource) Get(key string) any {
	return Plain(res.Inputs[resource.PropertyKey(key)])
}

// String returns the input at key when it is a string, else "".
func (res *Resource) String(key string) string {
	s, _ := res.Get(key).(string)
	return s
}

// Number returns the input at key when it is a number, else 0.
func (res *Resource) Number(key string) float64 {
	n, _ := res.Get(key).(float64)
	return n
}

// Bool returns the input at key when it is a bool, else false.
func (res *Resource) Bool(key string) bool {
	b, _ := res.Get(key).(bool)
	return b
}

// Strings returns the input at key as a list of strings.
func (res *Resource) Strings(key string) []string {
	return StringList(res.Get(key))
}

// StringList reads a plain list value as strings (other elements dropped).
func StringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Maps reads a plain list value as objects (other elements dropped).
func Maps(v any) []map[string]any {
	list, _ := v.([]any)
	out := make([]map[string]any, 0, len(list))
	for _, e := range list {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// Object returns the input at key as a map, or nil.
func (res *Resource) Object(key string) map[string]any {
	m, _ := res.Get(key).(map[string]any)
	return m
}

// Objects returns the input at key as a list of maps.
func (res *Resource) Objects(key string) []map[string]any {
	return Maps(res.Get(key))
}

// Output returns the mock's output at key as a plain Go value.
func (res *Resource) Output(key string) any {
	return Plain(res.Outputs[resource.PropertyKey(key)])
}

// Plain converts a property value to plain Go, unwrapping secrets and outputs.
func Plain(v resource.PropertyValue) any {
	switch {
	case v.IsSecret():
		return Plain(v.SecretValue().Element)
	case v.IsOutput():
		return Plain(v.OutputValue().Element)
	case v.IsComputed():
		return nil
	case v.IsResourceReference():
		return string(v.ResourceReferenceValue().URN)
	case v.IsArray():
		list := make([]any, len(v.ArrayValue()))
		for i, e := range v.ArrayValue() {
			list[i] = Plain(e)
		}
		return list
	case v.IsObject():
		m := map[string]any{}
		for k, e := range v.ObjectValue() {
			m[string(k)] = Plain(e)
		}
		return m
	case v.IsNull():
		return nil
	default:
		return v.V
	}
}
