package config

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// checkSchema walks the YAML tree against the Go types the file decodes
// into, so that an unknown key or a value of the wrong shape gets one
// error that names the key by its full path (models.marker,
// cache.apis[0].methods.Get.bogus) at its line and column. Decoding
// afterwards cannot fail on what is checked here.
func checkSchema(path string, doc *yaml.Node) *Error {
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	return walkSchema(path, doc, reflect.TypeFor[Config](), "")
}

func walkSchema(file string, n *yaml.Node, t reflect.Type, key string) *Error {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	at := func(format string, args ...any) *Error {
		return &Error{File: file, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)}
	}
	if isNull(n) {
		return nil // an empty value leaves the zero value
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case reflect.TypeFor[Str]():
		if n.Kind != yaml.ScalarNode {
			return at("%s: expected a string, not %s", key, kindName(n))
		}
		return nil
	case reflect.TypeFor[FieldRule]():
		switch n.Kind {
		case yaml.ScalarNode:
			return nil
		case yaml.MappingNode:
			return walkSchema(file, n, reflect.TypeFor[fieldRuleKeys](), key)
		}
		return at("%s: expected a field name or a mapping {name, tag, type}, not %s", key, kindName(n))
	case reflect.TypeFor[IntList]():
		if n.Kind == yaml.SequenceNode {
			for i, e := range n.Content {
				if err := walkSchema(file, e, reflect.TypeFor[int](), fmt.Sprintf("%s[%d]", key, i)); err != nil {
					return err
				}
			}
			return nil
		}
		return walkSchema(file, n, reflect.TypeFor[int](), key)
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return at("%s: expected a mapping of keys, not %s", sectionKey(key), kindName(n))
		}
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			ft, ok := fields[k.Value]
			if !ok {
				names := make([]string, 0, len(fields))
				for name := range fields {
					names = append(names, name)
				}
				sort.Slice(names, func(i, j int) bool { return fieldOrder(t, names[i]) < fieldOrder(t, names[j]) })
				where := ""
				if key != "" {
					where = " in " + key
				}
				return &Error{File: file, Line: k.Line, Column: k.Column,
					Msg: fmt.Sprintf("unknown key %q%s (known keys: %s)", k.Value, where, strings.Join(names, ", "))}
			}
			if err := walkSchema(file, v, ft, join(key, k.Value)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return at("%s: expected a list, not %s", key, kindName(n))
		}
		for i, e := range n.Content {
			if err := walkSchema(file, e, t.Elem(), fmt.Sprintf("%s[%d]", key, i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return at("%s: expected a mapping, not %s", key, kindName(n))
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if err := walkSchema(file, v, t.Elem(), join(key, k.Value)); err != nil {
				return err
			}
		}
	case reflect.Int:
		if n.Kind != yaml.ScalarNode {
			return at("%s: expected a number, not %s", key, kindName(n))
		}
		if _, err := strconv.Atoi(n.Value); err != nil {
			return at("%s: %q is not a whole number", key, n.Value)
		}
	case reflect.Bool:
		// Only YAML booleans: the decoder alone would take YAML 1.1's
		// yes/no/on/off and even a quoted "no" for a bool, while it
		// rejects a quoted "false".
		var b bool
		switch {
		case n.Kind == yaml.ScalarNode && n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0:
			return at("%s: expected true or false, not the quoted string %s", key, kindName(n))
		case n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&b) != nil:
			return at("%s: expected true or false, not %s", key, kindName(n))
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			return at("%s: expected a string, not %s", key, kindName(n))
		}
	}
	return nil
}

// yamlFields maps the keys of a struct type to their field types,
// following inline fields and skipping fields the file cannot set.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if strings.Contains(","+opts+",", ",inline,") {
			for k, v := range yamlFields(f.Type) {
				m[k] = v
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		m[name] = f.Type
	}
	return m
}

// fieldOrder orders known keys as the struct declares them.
func fieldOrder(t reflect.Type, key string) int {
	n := 0
	var walk func(t reflect.Type) bool
	walk = func(t reflect.Type) bool {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if strings.Contains(","+opts+",", ",inline,") {
				if walk(f.Type) {
					return true
				}
				continue
			}
			if name == key || (name == "" && strings.ToLower(f.Name) == key) {
				return true
			}
			n++
		}
		return false
	}
	walk(t)
	return n
}

func join(key, sub string) string {
	if key == "" {
		return sub
	}
	return key + "." + sub
}

func sectionKey(key string) string {
	if key == "" {
		return "the file"
	}
	return key
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "an unsupported value"
}
