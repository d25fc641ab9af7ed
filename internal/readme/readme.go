// Package readme keeps generated sections of README.md in step with the
// commands that generate them. A section sits between
// "<!-- begin NAME -->" and "<!-- end NAME -->".
package readme

import (
	"fmt"
	"os"
	"strings"
)

func markers(name string) (begin, end string) {
	return fmt.Sprintf("<!-- begin %s (generated: do not edit) -->\n", name), fmt.Sprintf("<!-- end %s -->", name)
}

// Section returns the generated content of section name in doc.
func Section(doc, name string) (string, error) {
	begin, end := markers(name)
	i := strings.Index(doc, begin)
	j := strings.Index(doc, end)
	if i < 0 || j < i {
		return "", fmt.Errorf("README has no section %q (markers %q ... %q)", name, strings.TrimSpace(begin), end)
	}
	return doc[i+len(begin) : j], nil
}

// Replace returns doc with section name's content replaced.
func Replace(doc, name, content string) (string, error) {
	old, err := Section(doc, name)
	if err != nil {
		return "", err
	}
	begin, _ := markers(name)
	return strings.Replace(doc, begin+old, begin+content, 1), nil
}

// Write replaces section name of the file at path.
func Write(path, name, content string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	doc, err := Replace(string(b), name, content)
	if err != nil {
		return err
	}
	return os.WriteFile(path, []byte(doc), 0o644)
}

// Stale reports, as an error naming the command that regenerates it,
// whether section name of the file at path differs from want.
func Stale(path, name, want, regenerate string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	committed, err := Section(string(b), name)
	if err != nil {
		return err
	}
	if committed != want {
		return fmt.Errorf("%s: section %q is stale: run %s\n--- committed\n%s\n--- generated\n%s", path, name, regenerate, committed, want)
	}
	return nil
}
