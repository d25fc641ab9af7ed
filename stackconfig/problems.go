package stackconfig

import (
	"fmt"
	"strings"
)

// Problem is one invalid setting: the key path, the value found and what is allowed.
type Problem struct {
	Key     string
	Value   string
	Allowed string
}

func (p Problem) String() string {
	return fmt.Sprintf("%s = %s: %s", p.Key, p.Value, p.Allowed)
}

// Error reports every problem found in a stack's configuration at once.
type Error struct {
	Stack    string
	Problems []Problem
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "stack %q has %d invalid config setting(s); nothing was deployed:", e.Stack, len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.String())
	}
	return b.String()
}

// Keys lists the key of every problem, in order.
func (e *Error) Keys() []string {
	keys := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		keys[i] = p.Key
	}
	return keys
}

// problems collects Problems; add formats the value with %v.
type problems []Problem

func (ps *problems) add(key string, value any, allowed string, args ...any) {
	*ps = append(*ps, Problem{Key: key, Value: render(value), Allowed: fmt.Sprintf(allowed, args...)})
}

// rawJSON is config text as the user wrote it (JSON): shown verbatim.
type rawJSON string

func render(v any) string {
	switch v := v.(type) {
	case rawJSON:
		return string(v)
	case string:
		return fmt.Sprintf("%q", v)
	case []string:
		return fmt.Sprintf("%q", v)
	default:
		return fmt.Sprint(v)
	}
}
