package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestClientsJSONHasTheAnswerKey(t *testing.T) {
	var out, errb bytes.Buffer
	if st := Main([]string{"clients", "--json"}, &out, &errb); st != exitOK {
		t.Fatalf("status %d: %s", st, errb.String())
	}
	var cs []clientJSON
	if err := json.Unmarshal(out.Bytes(), &cs); err != nil {
		t.Fatal(err)
	}
	if len(cs) < 24 {
		t.Fatalf("%d clients", len(cs))
	}
	by := map[string]clientJSON{}
	for _, c := range cs {
		by[c.ID] = c
	}
	// c11 burnt her scalp 3 days ago; sources want 7–14 days from the burn.
	if k := by["c11"].Expected; k.Decision != "postpone" || k.MinDays != 4 || k.MaxDays != 11 {
		t.Errorf("c11 expected %+v", k)
	}
	if c := by["c13"]; c.Age >= 18 || c.Expected.Decision != "decline" {
		t.Errorf("c13 %+v", c)
	}
	if c := by["c04"]; len(c.Medicines) == 0 || !c.Medicines[0].Prescribed || c.Expected.Decision != "clearance" {
		t.Errorf("c04 %+v", c)
	}
	out.Reset()
	errb.Reset()
	if st := Main([]string{"clients", "c07", "nobody"}, &out, &errb); st != exitFailed ||
		!strings.Contains(out.String(), "postpone 28–90 days") || strings.Count(errb.String(), "\n") != 1 || !strings.Contains(errb.String(), "nobody") {
		t.Errorf("status %d\n%s\n%s", st, out.String(), errb.String())
	}
}
