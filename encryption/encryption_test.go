package encryption_test

import (
	"encoding/json"
	"testing"

	"github.com/langflow-infra/langflow-infra/internal/stacktest"
)

func TestStackKey(t *testing.T) {
	for _, tc := range []struct {
		stack      string
		window     float64
		production bool
	}{{"dev", 7, false}, {"prd", 30, true}} {
		t.Run(tc.stack, func(t *testing.T) {
			res := stacktest.Run(t, tc.stack)
			key := res.One(t, "aws:kms/key:Key")
			if !key.Bool("enableKeyRotation") || key.Number("deletionWindowInDays") != tc.window {
				t.Errorf("key = %v", key.Inputs)
			}
			// A retained prd database is unreadable once its key is gone.
			if key.Protect != tc.production || key.RetainOnDelete != tc.production {
				t.Errorf("protect/retain = %v/%v, want %v", key.Protect, key.RetainOnDelete, tc.production)
			}
			if alias := res.One(t, "aws:kms/alias:Alias"); alias.String("name") != "alias/langflow-"+tc.stack {
				t.Errorf("alias = %s", alias.String("name"))
			}
			var policy struct{ Statement []map[string]any }
			if err := json.Unmarshal([]byte(key.String("policy")), &policy); err != nil {
				t.Fatal(err)
			}
			principals := map[string]string{}
			for _, s := range policy.Statement {
				principals[s["Sid"].(string)] = firstPrincipal(s["Principal"].(map[string]any))
			}
			want := map[string]string{
				"AccountAdministersKeyThroughIAM":             "arn:aws:iam::123456789012:root",
				"CloudWatchLogsEncryptsThisAccountsLogGroups": "logs.ap-northeast-1.amazonaws.com",
				"CloudWatchAlarmsPublishToEncryptedTopic":     "cloudwatch.amazonaws.com",
			}
			for sid, principal := range want {
				if principals[sid] != principal {
					t.Errorf("statement %s principal = %q, want %q", sid, principals[sid], principal)
				}
			}
			// Every log group uses this key.
			for _, group := range res.OfType("aws:cloudwatch/logGroup:LogGroup") {
				if group.String("kmsKeyId") != stacktest.ArnOf(key) || group.Number("retentionInDays") == 0 {
					t.Errorf("log group %s: key %q retention %v", group.Name, group.String("kmsKeyId"), group.Number("retentionInDays"))
				}
			}
		})
	}
}

func firstPrincipal(p map[string]any) string {
	for _, v := range p {
		if list, ok := v.([]any); ok && len(list) > 0 {
			s, _ := list[0].(string)
			return s
		}
	}
	return ""
}
