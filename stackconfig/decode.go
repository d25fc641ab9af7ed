package stackconfig

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// decodeObject decodes a structured config value (JSON, as Pulumi passes
// objects) into dst, which already holds the defaults. Unknown keys and
// wrong types are reported with their full key path; known keys decode even
// when a sibling is wrong, so one run reports everything.
func decodeObject(key, raw string, dst any, ps *problems) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &fields); err != nil || fields == nil {
		ps.add(key, rawJSON(raw), "must be an object with the keys %s", strings.Join(jsonKeys(reflect.TypeOf(dst).Elem()), ", "))
		return
	}
	decodeFields(key, fields, reflect.ValueOf(dst).Elem(), ps)
}

func decodeFields(path string, fields map[string]json.RawMessage, dst reflect.Value, ps *problems) {
	known := jsonKeys(dst.Type())
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	slices.Sort(names) // stable messages
	for _, name := range names {
		raw := fields[name]
		keyPath := path + "." + name
		field, ok := fieldByJSONName(dst, name)
		if !ok {
			ps.add(keyPath, rawJSON(raw), "unknown key%s; known keys: %s", suggestion(name, known), strings.Join(known, ", "))
			continue
		}
		if field.Kind() == reflect.Struct {
			var nested map[string]json.RawMessage
			if err := json.Unmarshal(raw, &nested); err != nil || nested == nil {
				ps.add(keyPath, rawJSON(raw), "must be an object with the keys %s", strings.Join(jsonKeys(field.Type()), ", "))
				continue
			}
			decodeFields(keyPath, nested, field, ps)
			continue
		}
		if string(raw) == "null" {
			ps.add(keyPath, rawJSON("null"), "must be %s", describeKind(field.Type()))
			continue
		}
		target := reflect.New(field.Type())
		if err := json.Unmarshal(raw, target.Interface()); err != nil {
			ps.add(keyPath, rawJSON(raw), "must be %s", describeKind(field.Type()))
			continue
		}
		field.Set(target.Elem())
	}
}

// decodeInt parses a top-level integer key (Pulumi passes scalars as text).
func decodeInt(key, raw string, dst *int, ps *problems) {
	n, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil {
		ps.add(key, raw, "must be a whole number")
		return
	}
	*dst = n
}

func describeKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int:
		return "a whole number"
	case reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list of " + strings.TrimPrefix(describeKind(t.Elem()), "a ") + "s"
	default:
		return t.String()
	}
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

func jsonKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		if name := jsonName(t.Field(i)); name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	return keys
}

func fieldByJSONName(v reflect.Value, name string) (reflect.Value, bool) {
	for i := range v.NumField() {
		if jsonName(v.Type().Field(i)) == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// suggestion names the closest known key when the typo is plausibly one.
func suggestion(name string, known []string) string {
	best, bestDist := "", len(name)
	for _, k := range known {
		if d := editDistance(strings.ToLower(name), strings.ToLower(k)); d < bestDist {
			best, bestDist = k, d
		}
	}
	if best == "" || bestDist > max(2, len(name)/3) {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
