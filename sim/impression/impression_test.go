package impression

import (
	"math"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
)

func TestDotDiameter(t *testing.T) {
	// domain.md §9: a 0.25 mm needle entering 0.9 mm of a 2 mm taper opens
	// a 0.1125 mm hole, well under its gauge.
	if d := (Needle{RL1, 0.25}).DotDiameterMM(); math.Abs(d-0.1125) > 1e-12 {
		t.Errorf("1RL 0.25: %v mm, want 0.1125", d)
	}
	// Three such holes, merged to one disc of their area.
	if d, one := (Needle{RL3, 0.25}).DotDiameterMM(), (Needle{RL1, 0.25}).DotDiameterMM(); math.Abs(d*d-3*one*one) > 1e-12 {
		t.Errorf("3RL 0.25: %v mm, want the area of three 1RL marks (%v mm each)", d, one)
	}
	for _, g := range Gauges {
		if (Needle{RL1, g}).DotDiameterMM() >= g {
			t.Errorf("1RL %g: the mark is not under the gauge", g)
		}
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
