package score

import (
	"encoding/json"
	"strings"
	"testing"
)

// An unmeasured value is null in JSON and comes back unmeasured; a
// measured one keeps its number, parts and faults included.
func TestUnmeasuredJSON(t *testing.T) {
	c := Criterion{ID: IDHairline, Unmeasured: true, Faults: []Fault{{Code: FaultNoHairline, Marker: MarkerEdge}},
		Parts: []Part{{ID: "position", Unmeasured: true}, {ID: "ramp", Value: 0.25, Score: 100}}}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.Count(s, `"value":null`) != 2 || !strings.Contains(s, `"value":0.25`) || !strings.Contains(s, `"code":"no-hairline"`) {
		t.Fatalf("encoded %s", s)
	}
	var back Criterion
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !back.Unmeasured || !back.Parts[0].Unmeasured || back.Parts[1].Unmeasured || back.Parts[1].Value != 0.25 || back.ID != IDHairline || len(back.Faults) != 1 {
		t.Fatalf("decoded %+v", back)
	}
	m, _ := json.Marshal(Criterion{Value: 0})
	if !strings.Contains(string(m), `"value":0}`) {
		t.Fatalf("a measured 0 should stay 0: %s", m)
	}
}

// A zone with fewer than two dots has no nearest neighbours: its NN
// figures encode as null (never a 0.00 that reads as measured), and decode
// back to 0; with two dots they are numbers.
func TestZoneStatsJSONNull(t *testing.T) {
	for _, c := range []struct {
		z    ZoneStats
		null bool
	}{
		{ZoneStats{ID: "empty"}, true},
		{ZoneStats{ID: "one", Impressions: 1, DensityPerCM2: 3}, true},
		{ZoneStats{ID: "two", Impressions: 2, NNMeanMM: 1.5, ClarkEvansRNaive: 1.1, ClarkEvansR: 1.2, NNCV: 0.1}, false},
	} {
		b, err := json.Marshal(c.z)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"nn_mean_mm", "clark_evans_r_naive", "clark_evans_r", "nn_cv"} {
			v, ok := m[k]
			if !ok || (v == nil) != c.null {
				t.Errorf("%s: %s = %v (present %v), want null %v: %s", c.z.ID, k, v, ok, c.null, b)
			}
		}
		if m["density_per_cm2"] == nil {
			t.Errorf("%s: density is measured even without dots: %s", c.z.ID, b)
		}
		var back ZoneStats
		if err := json.Unmarshal(b, &back); err != nil || back != c.z {
			t.Errorf("%s: round trip %+v, %v", c.z.ID, back, err)
		}
	}
}
