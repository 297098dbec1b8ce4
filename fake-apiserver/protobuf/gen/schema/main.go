// Command schema dumps, by reflection over the real Go API types, what fake-apiserver/protobuf needs
// to convert between Kubernetes protobuf and the JSON that Go's encoding/json would produce for the
// same object: per message its fields in Go declaration order with the proto field number and wire
// type (from the `protobuf:` struct tag), the JSON name and omitempty/omitzero (from the `json:`
// tag), whether the field is embedded inline, and its Go shape (value, pointer, slice, map).
//
// Run by scripts/build-protobuf.ts; it writes JSON to stdout. Any Go type it does not understand
// (an unknown custom JSON marshaller, a pointer slice, a non-string map key) is a fatal error, so
// that a new upstream construct can never be silently mis-encoded.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"

	apiextv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	apiextv1beta1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1beta1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1beta1 "k8s.io/apimachinery/pkg/apis/meta/v1beta1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	clientscheme "k8s.io/client-go/kubernetes/scheme"
	apiregv1 "k8s.io/kube-aggregator/pkg/apis/apiregistration/v1"
	apiregv1beta1 "k8s.io/kube-aggregator/pkg/apis/apiregistration/v1beta1"
)

// Field is [goName, number, jsonName ("" = embedded inline), omit (1 omitempty | 2 omitzero),
// shape ("v" value | "p" pointer | "s" slice | "m" map), type, mapValueType?].
type Field []any

type Message struct {
	// JSON names a custom encoding/json mapping (MarshalJSON) the TypeScript side implements.
	JSON   string  `json:"json,omitempty"`
	Fields []Field `json:"fields"`
}

type Output struct {
	// Kinds maps apiVersion → kind → message for every protobuf-capable kind in the scheme.
	Kinds map[string]map[string]string `json:"kinds"`
	// AnyVersion holds kinds registered with the same type in every group version (DeleteOptions,
	// WatchEvent, ...): accepted under any apiVersion, as per-group option bodies are.
	AnyVersion map[string]string   `json:"anyVersion"`
	Messages   map[string]*Message `json:"messages"`
}

// Types with a custom MarshalJSON, by Go path, and the name the TypeScript side knows them by.
var customJSON = map[string]string{
	"k8s.io/apimachinery/pkg/apis/meta/v1.Time":                                                  "Time",
	"k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime":                                             "MicroTime",
	"k8s.io/apimachinery/pkg/apis/meta/v1.Duration":                                              "Duration",
	"k8s.io/apimachinery/pkg/apis/meta/v1.FieldsV1":                                              "RawJSON",
	"k8s.io/apimachinery/pkg/api/resource.Quantity":                                              "Quantity",
	"k8s.io/apimachinery/pkg/util/intstr.IntOrString":                                            "IntOrString",
	"k8s.io/apimachinery/pkg/runtime.RawExtension":                                               "RawJSON",
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.JSON":                              "RawJSON",
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1beta1.JSON":                         "RawJSON",
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.JSONSchemaPropsOrBool":             "SchemaOrBool",
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1beta1.JSONSchemaPropsOrBool":        "SchemaOrBool",
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.JSONSchemaPropsOrArray":            "SchemaOrArray",
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1beta1.JSONSchemaPropsOrArray":       "SchemaOrArray",
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.JSONSchemaPropsOrStringArray":      "SchemaOrStringArray",
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1beta1.JSONSchemaPropsOrStringArray": "SchemaOrStringArray",
}

// Wire layouts of types whose Go struct carries no protobuf tags (custom Marshal/Unmarshal).
var handWritten = map[string][]Field{
	// Timestamp{seconds, nanos}; an empty message is the zero time.
	"Time":      {{"Seconds", 1, "seconds", 0, "v", "int64"}, {"Nanos", 2, "nanos", 0, "v", "int32"}},
	"MicroTime": {{"Seconds", 1, "seconds", 0, "v", "int64"}, {"Nanos", 2, "nanos", 0, "v", "int32"}},
	"Quantity":  {{"String_", 1, "string", 0, "v", "string"}},
}

var (
	jsonMarshaler = reflect.TypeOf((*json.Marshaler)(nil)).Elem()
	protoMarshal  = "Marshal"
)

type dumper struct {
	messages map[string]*Message
	byName   map[string]reflect.Type
}

func protoName(t reflect.Type) string {
	return strings.ReplaceAll(t.PkgPath(), "/", ".") + "." + t.Name()
}

func goPath(t reflect.Type) string { return t.PkgPath() + "." + t.Name() }

func isProto(t reflect.Type) bool {
	_, ok := reflect.PointerTo(t).MethodByName(protoMarshal)
	return ok
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "schema: "+format+"\n", args...)
	os.Exit(1)
}

// message registers t (a struct or a named slice with a proto Marshal) and returns its name.
func (d *dumper) message(t reflect.Type) string {
	name := protoName(t)
	if prev, ok := d.byName[name]; ok {
		if prev != t {
			fail("two Go types map to message %s", name)
		}
		return name
	}
	d.byName[name] = t
	m := &Message{Fields: []Field{}}
	d.messages[name] = m
	custom, hasCustom := customJSON[goPath(t)]
	if !hasCustom && (t.Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler)) {
		fail("%s has an unknown custom MarshalJSON", goPath(t))
	}
	m.JSON = custom
	if fields, ok := handWritten[custom]; ok {
		m.Fields = fields
		return name
	}
	if t.Kind() == reflect.Slice {
		// A named slice with its own message (metav1.Verbs, authentication ExtraValue, ...):
		// `message X { repeated <elem> items = 1; }`; its JSON is the plain array.
		m.JSON = "Items"
		m.Fields = []Field{{"Items", 1, "items", 0, "s", d.scalarOrMessage(t.Elem(), t.Name())}}
		return name
	}
	if t.Kind() != reflect.Struct {
		fail("%s: message of kind %s", goPath(t), t.Kind())
	}
	seen := map[int]bool{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("protobuf")
		jsonTag, hasJSON := f.Tag.Lookup("json")
		jsonName, jsonOpts, _ := strings.Cut(jsonTag, ",")
		if tag == "" || tag == "-" {
			if !f.IsExported() || jsonName == "-" || (f.Anonymous && f.Type.Name() == "TypeMeta") || f.Name == "Object" {
				continue
			}
			fail("%s.%s has no protobuf tag", goPath(t), f.Name)
		}
		parts := strings.Split(tag, ",")
		var num int
		if _, err := fmt.Sscanf(parts[1], "%d", &num); err != nil || seen[num] {
			fail("%s.%s: bad protobuf tag %q", goPath(t), f.Name, tag)
		}
		seen[num] = true
		// encoding/json: an embedded struct without a JSON name is inlined; otherwise an absent
		// name is the Go field name.
		if (!hasJSON || jsonName == "") && !f.Anonymous {
			jsonName = f.Name
		}
		if strings.Contains(jsonOpts, "string") {
			fail("%s.%s: json ,string option is not supported", goPath(t), f.Name)
		}
		omit := 0
		for _, o := range strings.Split(jsonOpts, ",") {
			switch o {
			case "omitempty":
				omit |= 1
			case "omitzero":
				omit |= 2
			}
		}
		ft := f.Type
		shape := "v"
		var valueType string
		switch {
		case ft.Kind() == reflect.Pointer:
			shape = "p"
			ft = ft.Elem()
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() != reflect.Uint8 && !isProto(ft):
			shape = "s"
			ft = ft.Elem()
			if ft.Kind() == reflect.Pointer {
				fail("%s.%s: slice of pointers", goPath(t), f.Name)
			}
		case ft.Kind() == reflect.Map:
			shape = "m"
			if ft.Key().Kind() != reflect.String {
				fail("%s.%s: map key %s", goPath(t), f.Name, ft.Key())
			}
			if ft.Elem().Kind() == reflect.Pointer {
				fail("%s.%s: map of pointers", goPath(t), f.Name)
			}
			valueType = d.scalarOrMessage(ft.Elem(), f.Name)
			ft = ft.Key()
		}
		if f.Anonymous && jsonName == "" && (shape != "v" || ft.Kind() != reflect.Struct) {
			fail("%s.%s: inline field that is not a struct value", goPath(t), f.Name)
		}
		field := Field{f.Name, num, jsonName, omit, shape, d.scalarOrMessage(ft, f.Name)}
		if shape == "m" {
			field = append(field, valueType)
		}
		m.Fields = append(m.Fields, field)
	}
	return name
}

// scalarOrMessage names a field's element type: a proto scalar or a message.
func (d *dumper) scalarOrMessage(t reflect.Type, field string) string {
	if isProto(t) {
		return d.message(t)
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "bool"
	case reflect.Int32:
		return "int32"
	case reflect.Int64:
		return "int64"
	case reflect.Uint32:
		return "uint32"
	case reflect.Uint64:
		return "uint64"
	case reflect.Float64:
		return "double"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "bytes"
		}
	}
	fail("field %s: unsupported Go type %s (%s)", field, t, t.Kind())
	return ""
}

func main() {
	s := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		clientscheme.AddToScheme,
		apiextv1.AddToScheme, apiextv1beta1.AddToScheme,
		apiregv1.AddToScheme, apiregv1beta1.AddToScheme,
		metav1.AddMetaToScheme, metav1beta1.AddMetaToScheme,
	} {
		if err := add(s); err != nil {
			fail("%v", err)
		}
	}
	metav1.AddToGroupVersion(s, metav1.SchemeGroupVersion)
	metav1.AddToGroupVersion(s, schema.GroupVersion{Version: "v1"})

	d := &dumper{messages: map[string]*Message{}, byName: map[string]reflect.Type{}}
	out := Output{Kinds: map[string]map[string]string{}, AnyVersion: map[string]string{}, Messages: d.messages}
	perKind := map[string]map[string]bool{}
	gvks := []schema.GroupVersionKind{}
	for gvk := range s.AllKnownTypes() {
		gvks = append(gvks, gvk)
	}
	sort.Slice(gvks, func(i, j int) bool { return gvks[i].String() < gvks[j].String() })
	for _, gvk := range gvks {
		t := s.AllKnownTypes()[gvk]
		if gvk.Version == runtime.APIVersionInternal || !isProto(t) {
			continue
		}
		apiVersion := gvk.GroupVersion().String()
		name := d.message(t)
		if out.Kinds[apiVersion] == nil {
			out.Kinds[apiVersion] = map[string]string{}
		}
		out.Kinds[apiVersion][gvk.Kind] = name
		if perKind[gvk.Kind] == nil {
			perKind[gvk.Kind] = map[string]bool{}
		}
		perKind[gvk.Kind][name] = true
	}
	// metav1.AddToGroupVersion registers these in every group version.
	for _, kind := range []string{"WatchEvent", "ListOptions", "GetOptions", "DeleteOptions", "CreateOptions", "UpdateOptions", "PatchOptions"} {
		names := perKind[kind]
		if len(names) != 1 {
			fail("kind %s maps to %d messages", kind, len(names))
		}
		for name := range names {
			out.AnyVersion[kind] = name
		}
	}
	// Kinds valid under any version need not be repeated per version.
	for _, kinds := range out.Kinds {
		for kind := range out.AnyVersion {
			delete(kinds, kind)
		}
	}
	for apiVersion, kinds := range out.Kinds {
		if len(kinds) == 0 {
			delete(out.Kinds, apiVersion)
		}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fail("%v", err)
	}
}
