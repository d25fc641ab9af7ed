package database

import (
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi-random/sdk/v4/go/random"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/langflow-infra/langflow-infra/internal/secret"
)

const (
	passwordLength = 32
	// passwordSpecials are URL-safe and allowed by RDS (which refuses / @ " and
	// space), so the password goes into the connection URL unescaped.
	passwordSpecials = "-_"
)

// masterPassword generates the admin password. It lives only in the
// cluster's input and the credentials secret.
func masterPassword(ctx *pulumi.Context, name string, d *Database) (*random.RandomPassword, error) {
	return random.NewRandomPassword(ctx, name+"-master", &random.RandomPasswordArgs{
		Length:          pulumi.Int(passwordLength),
		Special:         pulumi.Bool(true),
		OverrideSpecial: pulumi.String(passwordSpecials),
		MinSpecial:      pulumi.Int(1),
	}, pulumi.Parent(d))
}

// Credentials is the JSON stored in the credentials secret. The field names
// follow the RDS secret convention so rotation functions can read it.
type Credentials struct {
	Engine   string `json:"engine"`
	Username string `json:"username"`
	Password string `json:"password"`
	Host     string `json:"host"`
	Port     int    `json:"port"`
	DBName   string `json:"dbname"`
	// URL is what LANGFLOW_DATABASE_URL takes, TLS required.
	URL string `json:"url"`
}

// NewCredentials builds the secret's content for a cluster endpoint.
func NewCredentials(password, host string, port int) Credentials {
	u := url.URL{
		Scheme:   "postgresql",
		User:     url.UserPassword(MasterUsername, password),
		Host:     fmt.Sprintf("%s:%d", host, port),
		Path:     "/" + DatabaseName,
		RawQuery: "sslmode=require",
	}
	return Credentials{
		Engine: "postgres", Username: MasterUsername, Password: password,
		Host: host, Port: port, DBName: DatabaseName, URL: u.String(),
	}
}

// credentialsSecret stores the credentials, encrypted with the stack key.
func credentialsSecret(ctx *pulumi.Context, name string, args *Args, password *random.RandomPassword, cluster *rds.Cluster, d *Database) (*secretsmanager.Secret, error) {
	content := pulumi.All(password.Result, cluster.Endpoint, cluster.Port).ApplyT(func(v []any) (string, error) {
		b, err := json.Marshal(NewCredentials(v[0].(string), v[1].(string), v[2].(int)))
		return string(b), err
	}).(pulumi.StringOutput)
	return secret.New(ctx, name+"-credentials", secret.Spec{
		Name:        args.Name + "/database",
		Description: args.Name + " Aurora admin credentials and Langflow's connection URL",
		KMSKeyArn:   args.KMSKeyArn,
		Value:       pulumi.ToSecret(content).(pulumi.StringOutput),
		Production:  args.Production,
	}, d)
}
