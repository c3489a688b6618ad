package impression

import (
	"math"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
)

func TestDotDiameter(t *testing.T) {
	if d := (Needle{RL1, 0.25}).DotDiameterMM(); d != 0.25 {
		t.Errorf("1RL 0.25: %v mm, want 0.25", d)
	}
	// Three touching round needles of gauge g span g·(1+2/√3).
	want := 0.25 * (1 + 2/math.Sqrt(3))
	if d := (Needle{RL3, 0.25}).DotDiameterMM(); math.Abs(d-want) > 1e-12 {
		t.Errorf("3RL 0.25: %v mm, want %v", d, want)
	}
}

func TestNew(t *testing.T) {
	im := New(geom.Pt(1, 2), Needle{RL3, 0.20}, 2, 3.5)
	if im.Depth != Target || im.Pigment != DefaultPigment || im.Dilution != DefaultDilution {
		t.Errorf("New: defaults not applied: %+v", im)
	}
	if im.RadiusMM() != im.DiameterMM/2 || im.Session != 2 || im.TimeS != 3.5 {
		t.Errorf("New: %+v", im)
	}
	if got := im.Needle.String(); got != "3RL 0.20" {
		t.Errorf("Needle.String = %q", got)
	}
}

func TestDepthValid(t *testing.T) {
	for _, d := range []Depth{Shallow, Target, Deep} {
		if !d.Valid() {
			t.Errorf("%q not valid", d)
		}
	}
	if Depth("medium").Valid() {
		t.Error(`"medium" valid`)
	}
}
