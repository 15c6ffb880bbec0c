// podflow-argo-validate: Argo Workflows' own checks of exported YAML, offline (scripts/argo/build-validator.sh
// builds it against github.com/argoproj/argo-workflows/v4). For each file (or "-" for stdin) it parses every
// document strictly, as `argo lint --strict` does (unknown fields are errors), then runs the validate package on
// each Workflow and WorkflowTemplate (Lint: true). Other kinds (ConfigMaps) are listed, not checked. It prints:
//
//	{"ok": bool, "documents": [{"file", "kind", "name", "error"?}]}
//
// and exits 0 when every document passed, 1 when one did not, 2 on a usage or I/O error.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	wfv1 "github.com/argoproj/argo-workflows/v4/pkg/apis/workflow/v1alpha1"
	"github.com/argoproj/argo-workflows/v4/util/logging"
	"github.com/argoproj/argo-workflows/v4/workflow/common"
	"github.com/argoproj/argo-workflows/v4/workflow/validate"
)

type result struct {
	File  string `json:"file"`
	Kind  string `json:"kind"`
	Name  string `json:"name"`
	Error string `json:"error,omitempty"`
}

// Exports never refer to other templates, so any reference is an error the validator reports.
type noTemplates struct{}

func (noTemplates) Get(_ context.Context, name string) (*wfv1.WorkflowTemplate, error) {
	return nil, fmt.Errorf("workflow template %q not found (exports are self-contained)", name)
}

type noClusterTemplates struct{}

func (noClusterTemplates) Get(_ context.Context, name string) (*wfv1.ClusterWorkflowTemplate, error) {
	return nil, fmt.Errorf("cluster workflow template %q not found (exports are self-contained)", name)
}

func read(path string) ([]byte, error) {
	if path == "-" {
		return io.ReadAll(os.Stdin)
	}
	return os.ReadFile(path)
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: podflow-argo-validate FILE|- ...")
		os.Exit(2)
	}
	// validate and ParseObjects panic without a logger in the context.
	ctx := logging.WithLogger(context.Background(), logging.NewSlogLoggerCustom(logging.Error, logging.Text, os.Stderr))
	opts := validate.ValidateOpts{Lint: true}
	results := []result{}
	ok := true
	for _, path := range os.Args[1:] {
		data, err := read(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		parsed := common.ParseObjects(ctx, data, true)
		for _, p := range parsed {
			r := result{File: path}
			if p.Object != nil {
				r.Name = p.Object.GetName()
			}
			switch obj := p.Object.(type) {
			case *wfv1.Workflow:
				r.Kind = "Workflow"
				if p.Err == nil {
					p.Err = validate.ValidateWorkflow(ctx, noTemplates{}, noClusterTemplates{}, obj, nil, opts)
				}
			case *wfv1.WorkflowTemplate:
				r.Kind = "WorkflowTemplate"
				if p.Err == nil {
					p.Err = validate.ValidateWorkflowTemplate(ctx, noTemplates{}, noClusterTemplates{}, obj, nil, opts)
				}
			default:
				// Not an Argo object (the code ConfigMaps): the API server checks those, not Argo.
				r.Kind = "other"
				p.Err = nil
			}
			if p.Err != nil {
				r.Error = p.Err.Error()
				ok = false
			}
			results = append(results, r)
		}
	}
	out, _ := json.Marshal(map[string]any{"ok": ok, "documents": results})
	fmt.Println(string(out))
	if !ok {
		os.Exit(1)
	}
}
