package ui

import (
	"bytes"
	"testing"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/viewer"
)

// TestSeenPatch: the shade panel's patch is viewer.Blur of its picture,
// and the picture's average colour is the patch's area colour that
// viewer.Patch.Mean computes from the coverage formula (an independent
// computation: scattered discs counted pixel by pixel).
func TestSeenPatch(t *testing.T) {
	skin, _ := colorful.Hex("#e0b899")
	ink, _ := colorful.Hex("#2e2a2c")
	// Big, dense marks so the coverage is well away from zero.
	p := viewer.Patch{Skin: skin, Marks: []viewer.Marks{{DiameterMM: 0.5, Colour: ink, PerCM2: 150}}}
	const px = 160
	pic := patchPicture(p, px)
	if got, want := seenPatch(p, px, 0.5), viewer.Blur(pic, px/seenPatchMM, 0.5); !bytes.Equal(got.Pix, want.Pix) {
		t.Fatal("the seen patch is not viewer.Blur of the patch picture")
	}
	var r, g, b float64
	for i := 0; i < len(pic.Pix); i += 4 {
		c := colorful.Color{R: float64(pic.Pix[i]) / 255, G: float64(pic.Pix[i+1]) / 255, B: float64(pic.Pix[i+2]) / 255}
		lr, lg, lb := c.LinearRgb()
		r, g, b = r+lr, g+lg, b+lb
	}
	n := float64(px * px)
	mean := colorful.LinearRgb(r/n, g/n, b/n)
	// Random placement overlaps some discs and lets the count vary: the
	// two agree to a few JND, far closer than skin and ink (over 40).
	if d := colour.DeltaE00(mean, p.Mean()); d > 3 {
		t.Errorf("picture mean %s, Patch.Mean %s: ΔE00 %.1f", mean.Hex(), p.Mean().Hex(), d)
	}
	if colour.DeltaE00(mean, skin) < 3 {
		t.Errorf("picture mean %s is just the skin: the marks were not drawn", mean.Hex())
	}
}
