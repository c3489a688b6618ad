package ui

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/shade"
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

// TestSeenPatchesAtTheClientsDensity: the panel's stubble and ink patches
// show the client's own stubble density (the practice square's session-1
// target, 17.5/cm², not a fixed 80), and compared as the advisor compares
// them they give the selected option's own numbers: the patches show why
// the option ranks where it does.
func TestSeenPatchesAtTheClientsDensity(t *testing.T) {
	g := newHeadless(t, input.NewScript(), "")
	c := g.shadeContent()
	if c.err != "" {
		t.Fatal(c.err)
	}
	client, err := shade.ClientOf(g.doc.T, g.doc.Number)
	if err != nil {
		t.Fatal(err)
	}
	if client.PerCM2 == shade.DefaultPerCM2 {
		t.Fatalf("the client's density is the default %g: the test cannot tell them apart", client.PerCM2)
	}
	for _, s := range []*swatch{&c.swatches[0], &c.swatches[len(c.swatches)-1]} {
		stubble, work := c.seenPair(&s.opt)
		for _, p := range []viewer.Patch{stubble, work} {
			if got := p.Marks[0].PerCM2; got != client.PerCM2 {
				t.Errorf("%s %s: a patch at %g/cm², the client's stubble is %g/cm²", s.opt.PigmentID, s.opt.DilutionLabel, got, client.PerCM2)
			}
		}
		seen := viewer.Compare(work, stubble, g.shadeDistanceM())
		if math.Abs(seen.AreaDE-s.opt.AreaDE) > 1e-9 || math.Abs(seen.TextureRatio-s.opt.TextureRatio) > 1e-9 {
			t.Errorf("%s %s: the patches compare as area %.3f, texture %.3f; the option ranks by %.3f, %.3f",
				s.opt.PigmentID, s.opt.DilutionLabel, seen.AreaDE, seen.TextureRatio, s.opt.AreaDE, s.opt.TextureRatio)
		}
	}
}

// TestShadeTilesShowTheirOwnDeltaE: every tile read "ΔE 0.0" (the area
// ΔE00 seen from half a metre, under one JND for every mix at SMP
// coverage). A tile's ΔE is its healed dot against the client's hair as
// shaved on the same skin (domain.md §7), which the advisor computes on
// its own (shade.Option.DeltaE) for healed dots; it tells the mixes apart.
func TestShadeTilesShowTheirOwnDeltaE(t *testing.T) {
	g := newHeadless(t, input.NewScript(), "")
	g.stage = appearance.Healed // the advisor's stage (the trainer opens on fresh)
	c := g.shadeContent()
	if c.err != "" {
		t.Fatal(c.err)
	}
	words := map[string]bool{}
	for i := range c.swatches {
		s := &c.swatches[i]
		if math.Abs(s.stageDE-s.opt.DeltaE) > 0.05 {
			t.Errorf("%s %s: tile ΔE00 %.2f, the advisor's dot-to-hair ΔE00 %.2f", s.opt.PigmentID, s.opt.DilutionLabel, s.stageDE, s.opt.DeltaE)
		}
		words[strings.Fields(tileSeenWords(s))[1]] = true
	}
	if len(words) < len(c.swatches)/2 {
		t.Errorf("%d tiles show only %d different ΔE figures: %v", len(c.swatches), len(words), words)
	}
}
