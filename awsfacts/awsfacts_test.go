package awsfacts_test

import (
	"slices"
	"testing"

	"github.com/langflow-infra/langflow-infra/awsfacts"
)

func TestFargateSizes(t *testing.T) {
	cases := []struct {
		cpu, memory int
		valid       bool
	}{
		{256, 512, true}, {256, 1536, false}, {256, 2048, true},
		{512, 4096, true}, {1024, 2048, true}, {1024, 1536, false}, {1024, 9216, false},
		{2048, 4096, true}, {2048, 16384, true}, {4096, 30720, true}, {4096, 31744, false},
		{8192, 20480, true}, {8192, 17408, false}, {16384, 122880, true}, {300, 1024, false},
	}
	for _, tc := range cases {
		if got := awsfacts.ValidFargateSize(tc.cpu, tc.memory); got != tc.valid {
			t.Errorf("%d/%d valid = %v, want %v", tc.cpu, tc.memory, got, tc.valid)
		}
	}
	if got := awsfacts.FargateCPUs(); !slices.Equal(got, []int{256, 512, 1024, 2048, 4096, 8192, 16384}) {
		t.Errorf("CPUs = %v", got)
	}
}

func TestAuroraMaxConnections(t *testing.T) {
	cases := []struct {
		min, max float64
		want     int
	}{
		{0.5, 1, 189},   // table row
		{0.5, 4, 823},   // table row
		{0.5, 2, 400},   // interpolated between 1 and 4 ACU
		{0, 0.5, 94},    // below 1 ACU, scaled down
		{1, 16, 3360},   // table row, min above 0.5
		{0.5, 16, 2000}, // capped when min is 0 or 0.5
		{2, 64, 5000},   // 32 and above
	}
	for _, tc := range cases {
		if got := awsfacts.AuroraMaxConnections(tc.min, tc.max); got != tc.want {
			t.Errorf("max_connections(%g..%g) = %d, want %d", tc.min, tc.max, got, tc.want)
		}
	}
}

func TestSupportsAutoPause(t *testing.T) {
	cases := map[string]bool{
		"16.3": true, "16.2": false, "16.6": true, "15.7": true, "15.6": false,
		"14.12": true, "14.11": false, "13.15": true, "13.14": false, "12.20": false,
		"17.0": true, "sixteen": false, "16": false,
	}
	for version, want := range cases {
		if got := awsfacts.SupportsAutoPause(version); got != want {
			t.Errorf("SupportsAutoPause(%s) = %v, want %v", version, got, want)
		}
	}
}
