package ui

import (
	"testing"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/view"
	"github.com/smptrainer/smp/sim/impression"
)

// TestOwnRingsOnlyUpClose: at true size a 3RL dot is under a pixel or two
// and gets no ring (rings would hide the work's tone); zoomed in 8× it is
// ringed.
func TestOwnRingsOnlyUpClose(t *testing.T) {
	r := impression.DefaultNeedle.DotDiameterMM() / 2
	one := view.TrueScale(1)
	if ownRingsShown(r, one, ownDotMinRadiusLog) {
		t.Errorf("a %.2f mm dot is ringed at 1:1 (%.1f px radius)", r, r*one)
	}
	if !ownRingsShown(r, 8*one, ownDotMinRadiusLog) {
		t.Errorf("a %.2f mm dot is not ringed at 8:1 (%.1f px radius)", r, 8*r*one)
	}
}

// TestOwnRingLeavesTheDotClear: the ring lies outside the dot's radius,
// so the dot's own ink shows unchanged inside it.
func TestOwnRingLeavesTheDotClear(t *testing.T) {
	const r, sw = 6, 1
	img := rasterRing(r+sw, sw, ownDotColour)
	mid := img.Bounds().Dx() / 2
	for x := mid; x < mid+r-1; x++ {
		if a := img.RGBAAt(x, mid).A; a != 0 {
			t.Errorf("ring covers the dot %d px from its centre (alpha %d)", x-mid, a)
		}
	}
	if a := img.RGBAAt(mid+r+sw, mid).A; a == 0 {
		t.Error("no ring just outside the dot")
	}
}
