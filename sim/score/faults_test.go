package score

import (
	"strings"
	"testing"
)

// Every code has a marker, a title and words, and the words end as a
// sentence does.
func TestFaultTableComplete(t *testing.T) {
	markers := map[MarkerKind]bool{MarkerSpot: true, MarkerGap: true, MarkerClump: true, MarkerRow: true, MarkerEdge: true, MarkerTemple: true, MarkerNoGo: true}
	for _, code := range FaultCodes() {
		sp := faultTable[code]
		if !markers[sp.marker] {
			t.Errorf("%s: marker %q is not a known kind", code, sp.marker)
		}
		if sp.title == "" || code.Title() != sp.title || code.Marker() != sp.marker {
			t.Errorf("%s: title %q, marker %q", code, code.Title(), code.Marker())
		}
		if !strings.HasSuffix(sp.say, ".") {
			t.Errorf("%s: sentence %q does not end with a full stop", code, sp.say)
		}
	}
	if FaultCode("no-such").Title() != "no-such" || FaultCode("no-such").Marker() != MarkerSpot {
		t.Error("an unknown code should read as itself, with a spot marker")
	}
}

// checkFaults fails t when a report's feedback was not written from its
// first fault, or a fault's words lack their numbers ("%!").
func checkFaults(t *testing.T, what string, r *Report) {
	t.Helper()
	for _, c := range r.Criteria {
		if strings.Contains(c.Feedback, "%!") {
			t.Errorf("%s: %s feedback has a formatting error: %q", what, c.ID, c.Feedback)
		}
		for _, f := range c.Faults {
			if _, ok := faultTable[f.Code]; !ok && c.ID != IDColour {
				t.Errorf("%s: %s fault %q has no table entry", what, c.ID, f.Code)
			}
			if f.Marker != f.Code.Marker() && c.ID != IDColour {
				t.Errorf("%s: %s fault %q marker %q, table says %q", what, c.ID, f.Code, f.Marker, f.Code.Marker())
			}
		}
	}
}

// Mixed work trips several criteria at once: every fault found must come
// from the table, and its feedback be well formed.
func TestFaultsWellFormed(t *testing.T) {
	tp := fieldTemplate(40)
	for seed := uint64(1); seed <= 3; seed++ {
		checkFaults(t, "mixed", Grade(tp, mixedWork(seed), 2, nil))
	}
	f := newHeadFix()
	checkFaults(t, "hardline", Grade(f.t, dots(f.hardline(1, 3)), 1, nil))
	checkFaults(t, "empty", Grade(f.t, nil, 1, nil))
}
