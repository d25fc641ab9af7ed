// Package recorder runs a Pulumi program under Pulumi's mock engine and
// records every resource it registers: type, name, inputs, parent and
// options. The tests assert on the record; the plan command reads it.
//
// The mock answers like AWS would for the outputs the program reads (ARNs,
// DNS names, endpoints, awsx VPC subnet ids, random results, ACM validation
// records), deterministically, and it never reaches the network.
package recorder

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Resource is one registration as the engine saw it.
type Resource struct {
	Type   string
	Name   string
	URN    string
	Parent string // parent URN
	// Inputs are the inputs the program passed.
	Inputs resource.PropertyMap
	// Outputs are what the mock returned (inputs plus computed attributes).
	Outputs resource.PropertyMap
	ID      string
	Custom  bool
	Remote  bool
	// Options as the program set them.
	Protect        bool
	RetainOnDelete bool
	IgnoreChanges  []string
	DependsOn      []string
	// PropertyDependencies are the URNs each input waited for.
	PropertyDependencies map[string][]string
	Provider             string
}

// Dependencies are every URN the resource waited for: explicit dependsOn
// and the resources its inputs came from.
func (res *Resource) Dependencies() []string {
	seen := map[string]bool{}
	var out []string
	add := func(urns []string) {
		for _, u := range urns {
			if u != "" && !seen[u] {
				seen[u] = true
				out = append(out, u)
			}
		}
	}
	add(res.DependsOn)
	keys := make([]string, 0, len(res.PropertyDependencies))
	for k := range res.PropertyDependencies {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		add(res.PropertyDependencies[k])
	}
	return out
}

// Recorder is a pulumi.MockResourceMonitor that keeps what it is given.
// NewResource is called concurrently, hence the mutex.
type Recorder struct {
	Account string
	Region  string

	mu        sync.Mutex
	resources []*Resource
}

// New returns a Recorder answering as account 123456789012 in region.
func New(region string) *Recorder {
	return &Recorder{Account: "123456789012", Region: region}
}

// NewResource records the registration and answers with mock outputs.
func (r *Recorder) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	rpc := args.RegisterRPC
	res := &Resource{
		Type:   args.TypeToken,
		Name:   args.Name,
		Inputs: args.Inputs,
		Custom: args.Custom,
	}
	if rpc != nil {
		res.Parent = rpc.GetParent()
		res.Remote = rpc.GetRemote()
		res.Protect = rpc.GetProtect()
		res.RetainOnDelete = rpc.GetRetainOnDelete()
		res.IgnoreChanges = rpc.GetIgnoreChanges()
		res.DependsOn = rpc.GetDependencies()
		res.PropertyDependencies = map[string][]string{}
		for key, deps := range rpc.GetPropertyDependencies() {
			res.PropertyDependencies[key] = deps.GetUrns()
		}
		res.Provider = rpc.GetProvider()
		res.URN = urnFor(res.Parent, res.Type, res.Name)
	}
	id := args.Name + "-id"
	if !args.Custom && !res.Remote {
		id = ""
	}
	outputs := mockOutputs(r, res, id)
	res.ID, res.Outputs = id, outputs

	r.mu.Lock()
	r.resources = append(r.resources, res)
	r.mu.Unlock()
	return id, outputs, nil
}

// Call answers the data-source invokes the program makes. An invoke the
// mock does not know is an error, so a new lookup cannot slip in untested.
func (r *Recorder) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	answer, ok := mockCalls[args.Token]
	if !ok {
		return nil, fmt.Errorf("recorder: no mock for invoke %s", args.Token)
	}
	return resource.NewPropertyMapFromMap(answer(r, args.Args)), nil
}

// Resources returns every recorded resource, sorted by URN.
func (r *Recorder) Resources() []*Resource {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := slices.Clone(r.resources)
	slices.SortFunc(out, func(a, b *Resource) int { return strings.Compare(a.URN, b.URN) })
	return out
}

// OfType returns the resources of type t, sorted by URN.
func (r *Recorder) OfType(t string) []*Resource {
	var out []*Resource
	for _, res := range r.Resources() {
		if res.Type == t {
			out = append(out, res)
		}
	}
	return out
}

// Find returns the resource of type t named name, or nil.
func (r *Recorder) Find(t, name string) *Resource {
	for _, res := range r.OfType(t) {
		if res.Name == name {
			return res
		}
	}
	return nil
}

// ByURN returns the resource with the given URN, or nil.
func (r *Recorder) ByURN(urn string) *Resource {
	for _, res := range r.Resources() {
		if res.URN == urn {
			return res
		}
	}
	return nil
}

// urnFor rebuilds the URN the mock monitor gives a resource (see
// mockMonitor.newURN), so the record can be walked by parent.
func urnFor(parent, typ, name string) string {
	parentURN := resource.URN(parent)
	if parentURN == "" {
		return ""
	}
	parentType := tokens.Type("")
	if parentURN.QualifiedType() != resource.RootStackType {
		parentType = parentURN.QualifiedType()
	}
	return string(resource.NewURN(parentURN.Stack(), parentURN.Project(), parentType, tokens.Type(typ), name))
}
