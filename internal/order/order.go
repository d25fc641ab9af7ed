// Package order makes an output wait for other resources without a
// cross-layer dependsOn: the value is unchanged, but it resolves (and so
// the resources that consume it are created) only after them.
package order

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// After returns value, resolved only once every output in waitFor is.
func After(value pulumi.StringOutput, waitFor ...pulumi.Output) pulumi.StringOutput {
	inputs := []any{value}
	for _, w := range waitFor {
		inputs = append(inputs, w)
	}
	return pulumi.All(inputs...).ApplyT(func(v []any) string {
		return v[0].(string)
	}).(pulumi.StringOutput)
}
