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
