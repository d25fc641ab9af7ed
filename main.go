// Command langflow-infra is the Pulumi program that deploys Langflow on AWS:
// `pulumi up --stack dev`. The program itself lives in package stack, so
// the tests and the offline plan command run exactly what deploys.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/stack"
)

func main() {
	pulumi.Run(stack.Program)
}
