// Package pricing is the one table of AWS prices the plan command uses,
// per region, with where and when each figure was read. Prices change:
// update the table (and its date), never a figure elsewhere.
package pricing

import (
	"fmt"
	"slices"
	"strings"
)

// HoursPerMonth is AWS's billing month.
const HoursPerMonth = 730

// Source says where a region's figures come from.
type Source struct {
	Read string // date the figures were read
	From string
	// Unconfirmed lists the figures the source marks as not confirmed.
	Unconfirmed []string
}

// Prices are on-demand USD prices in one region.
type Prices struct {
	Region string
	Source Source

	NATGatewayHour          float64
	NATGatewayGB            float64
	PublicIPv4Hour          float64
	ALBHour                 float64
	ALBLCUHour              float64
	FargateVCPUHour         float64
	FargateGBHour           float64
	AuroraACUHour           float64
	AuroraStorageGBMonth    float64
	AuroraIOMillion         float64
	WAFACLMonth             float64
	WAFRuleMonth            float64
	WAFRequestsMillion      float64
	SecretMonth             float64
	InterfaceEndpointAZHour float64
	LogsIngestGB            float64
	KMSKeyMonth             float64
	ECRStorageGBMonth       float64
	AlarmMonth              float64
}

// referenceTable is ../shared/reference/aws-facts.md ("Prices (USD)"),
// which cites the AWS pricing pages; alarms are from the CloudWatch pricing
// page (standard-resolution metric alarm), which that table does not list.
const referenceTable = "../shared/reference/aws-facts.md (AWS pricing pages); alarms: CloudWatch pricing page"

var table = map[string]Prices{
	"us-east-1": {
		Region:         "us-east-1",
		Source:         Source{Read: "2026-12-03", From: referenceTable},
		NATGatewayHour: 0.045, NATGatewayGB: 0.045, PublicIPv4Hour: 0.005,
		ALBHour: 0.0225, ALBLCUHour: 0.008,
		FargateVCPUHour: 0.04048, FargateGBHour: 0.004445,
		AuroraACUHour: 0.12, AuroraStorageGBMonth: 0.10, AuroraIOMillion: 0.20,
		WAFACLMonth: 5.00, WAFRuleMonth: 1.00, WAFRequestsMillion: 0.60,
		SecretMonth: 0.40, InterfaceEndpointAZHour: 0.01, LogsIngestGB: 0.50,
		KMSKeyMonth: 1.00, ECRStorageGBMonth: 0.10, AlarmMonth: 0.10,
	},
	"ap-northeast-1": {
		Region: "ap-northeast-1",
		Source: Source{Read: "2026-12-03", From: referenceTable, Unconfirmed: []string{
			"Aurora ACU-hour", "Aurora storage and I/O", "Secrets Manager", "KMS", "ECR storage",
		}},
		NATGatewayHour: 0.062, NATGatewayGB: 0.062, PublicIPv4Hour: 0.005,
		ALBHour: 0.0243, ALBLCUHour: 0.008,
		FargateVCPUHour: 0.05056, FargateGBHour: 0.00553,
		AuroraACUHour: 0.20, AuroraStorageGBMonth: 0.12, AuroraIOMillion: 0.24,
		WAFACLMonth: 5.00, WAFRuleMonth: 1.00, WAFRequestsMillion: 0.60,
		SecretMonth: 0.40, InterfaceEndpointAZHour: 0.014, LogsIngestGB: 0.76,
		KMSKeyMonth: 1.00, ECRStorageGBMonth: 0.10, AlarmMonth: 0.10,
	},
}

// For returns the prices of region, or an error naming the regions the
// table has.
func For(region string) (Prices, error) {
	p, ok := table[region]
	if !ok {
		return Prices{}, fmt.Errorf("no prices for region %q: the table in pricing/pricing.go has %s; add the region's figures there (with their source and date)",
			region, strings.Join(Regions(), ", "))
	}
	return p, nil
}

// Regions lists the regions the table prices.
func Regions() []string {
	var out []string
	for r := range table {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// FargateSpotDiscount is the reference's assumption for Spot ("about 70 %
// below on-demand, varies").
const FargateSpotDiscount = 0.70
