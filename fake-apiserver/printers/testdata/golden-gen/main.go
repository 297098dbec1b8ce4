// Golden generator: runs the real v1.35.4 server-side printers over v1 JSON objects.
// Input (stdin): JSON array of {name, object} or {name, crdColumns, object} cases.
// Output (stdout): JSON array of {name, nowMs, object (defaulted v1), columns, cells, conditions}.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apiextensions-apiserver/pkg/registry/customresource/tableconvertor"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/printers"
	printersinternal "k8s.io/kubernetes/pkg/printers/internalversion"

	_ "k8s.io/kubernetes/pkg/apis/admissionregistration/install"
	_ "k8s.io/kubernetes/pkg/apis/apiserverinternal/install"
	_ "k8s.io/kubernetes/pkg/apis/apps/install"
	_ "k8s.io/kubernetes/pkg/apis/autoscaling/install"
	_ "k8s.io/kubernetes/pkg/apis/batch/install"
	_ "k8s.io/kubernetes/pkg/apis/certificates/install"
	_ "k8s.io/kubernetes/pkg/apis/coordination/install"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	_ "k8s.io/kubernetes/pkg/apis/discovery/install"
	_ "k8s.io/kubernetes/pkg/apis/events/install"
	_ "k8s.io/kubernetes/pkg/apis/flowcontrol/install"
	_ "k8s.io/kubernetes/pkg/apis/networking/install"
	_ "k8s.io/kubernetes/pkg/apis/node/install"
	_ "k8s.io/kubernetes/pkg/apis/policy/install"
	_ "k8s.io/kubernetes/pkg/apis/rbac/install"
	_ "k8s.io/kubernetes/pkg/apis/resource/install"
	_ "k8s.io/kubernetes/pkg/apis/scheduling/install"
	_ "k8s.io/kubernetes/pkg/apis/storage/install"
	_ "k8s.io/kubernetes/pkg/apis/storagemigration/install"
)

type inCase struct {
	Name       string                                           `json:"name"`
	Group      string                                           `json:"group"`
	Resource   string                                           `json:"resource"`
	CRDColumns []apiextensionsv1.CustomResourceColumnDefinition `json:"crdColumns,omitempty"`
	CRD        bool                                             `json:"crd,omitempty"`
	Object     json.RawMessage                                  `json:"object"`
	NoPrinter  bool                                             `json:"noPrinter,omitempty"`
}

type outCase struct {
	Name       string                         `json:"name"`
	Group      string                         `json:"group,omitempty"`
	Resource   string                         `json:"resource,omitempty"`
	NoPrinter  bool                           `json:"noPrinter,omitempty"`
	CRDColumns json.RawMessage                `json:"crdColumns,omitempty"`
	NowMs      int64                          `json:"nowMs"`
	Object     json.RawMessage                `json:"object"`
	Columns    []metav1.TableColumnDefinition `json:"columns,omitempty"`
	Rows       []outRow                       `json:"rows"`
	Error      string                         `json:"error,omitempty"`
}

type outRow struct {
	Cells      []interface{}              `json:"cells"`
	Conditions []metav1.TableRowCondition `json:"conditions,omitempty"`
}

func main() {
	var cases []inCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		panic(err)
	}
	gen := printers.NewTableGenerator().With(printersinternal.AddHandlers)
	out := []outCase{}
	for _, c := range cases {
		oc := outCase{Name: c.Name, Group: c.Group, Resource: c.Resource, NoPrinter: c.NoPrinter}
		if c.CRDColumns != nil {
			oc.CRDColumns, _ = json.Marshal(c.CRDColumns)
		}
		for attempt := 0; attempt < 5; attempt++ {
			before := time.Now().Truncate(time.Second)
			var table *metav1.Table
			var err error
			if c.CRD || c.CRDColumns != nil {
				u := &unstructured.Unstructured{}
				if err = u.UnmarshalJSON(c.Object); err != nil {
					oc.Error = err.Error()
					break
				}
				var conv interface {
					ConvertToTable(ctx context.Context, obj runtime.Object, tableOptions runtime.Object) (*metav1.Table, error)
				}
				conv, err = tableconvertor.New(c.CRDColumns)
				if err != nil {
					oc.Error = err.Error()
				}
				table, err = conv.ConvertToTable(context.TODO(), u, nil)
				oc.Object = c.Object
			} else {
				var obj runtime.Object
				var gvk *schema.GroupVersionKind
				obj, gvk, err = legacyscheme.Codecs.UniversalDecoder().Decode(c.Object, nil, nil)
				if err != nil {
					oc.Error = err.Error()
					break
				}
				enc := legacyscheme.Codecs.LegacyCodec(gvk.GroupVersion())
				var raw []byte
				raw, err = runtime.Encode(enc, obj)
				if err != nil {
					break
				}
				oc.Object = raw
				table, err = gen.GenerateTable(obj, printers.GenerateOptions{Wide: true})
			}
			after := time.Now().Truncate(time.Second)
			if err != nil {
				oc.Error = err.Error()
				break
			}
			if !before.Equal(after) {
				continue
			}
			oc.NowMs = before.UnixMilli()
			oc.Columns = table.ColumnDefinitions
			oc.Rows = nil
			for _, r := range table.Rows {
				oc.Rows = append(oc.Rows, outRow{Cells: r.Cells, Conditions: r.Conditions})
			}
			break
		}
		out = append(out, oc)
	}
	// Column definitions once per resource, then one case per line.
	columns := map[string][]metav1.TableColumnDefinition{}
	for i := range out {
		if out[i].CRDColumns != nil || out[i].Columns == nil {
			continue
		}
		key := out[i].Group + "/" + out[i].Resource
		columns[key] = out[i].Columns
		out[i].Columns = nil
	}
	marshal := func(v interface{}) string {
		var b strings.Builder
		e := json.NewEncoder(&b)
		e.SetEscapeHTML(false)
		if err := e.Encode(v); err != nil {
			panic(err)
		}
		return strings.TrimSuffix(b.String(), "\n")
	}
	keys := make([]string, 0, len(columns))
	for k := range columns {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println("{")
	fmt.Println(`"columns": {`)
	for i, k := range keys {
		sep := ","
		if i == len(keys)-1 {
			sep = ""
		}
		fmt.Printf("%s: %s%s\n", marshal(k), marshal(columns[k]), sep)
	}
	fmt.Println("},")
	fmt.Println(`"cases": [`)
	for i, c := range out {
		sep := ","
		if i == len(out)-1 {
			sep = ""
		}
		fmt.Printf("%s%s\n", marshal(c), sep)
	}
	fmt.Println("]")
	fmt.Println("}")
}
