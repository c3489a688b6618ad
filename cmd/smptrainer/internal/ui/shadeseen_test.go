package ui

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/shade"
	"github.com/smptrainer/smp/sim/viewer"
)

// checkSwatchesAreAdvice: the panel's tiles are the advisor's options for
// the template's client at distance m with the current needle, in its order, with
// its seen numbers.
func checkSwatchesAreAdvice(t *testing.T, g *Game, m float64) {
	t.Helper()
	// The client as the scorer's colour criterion sees it: the palette's
	// hair target and the stubble's own density.
	c, err := shade.ClientOf(g.doc.T, g.doc.Number)
	if err != nil {
		t.Fatal(err)
	}
	want := shade.AdviseFor(c.Skin, c.Hair, shade.Viewing{Needle: g.Needle(), DistanceM: m, PerCM2: c.PerCM2})
	got := g.ShadeSwatches()
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("%d swatches, the advisor has %d options", len(got), len(want))
	}
	for i, w := range want {
		s := got[i]
		if s.Pigment != w.PigmentID || s.Dilution != w.Dilution {
			t.Fatalf("at %g m tile %d is %s %g, the advisor ranks %s %g there", m, i, s.Pigment, s.Dilution, w.PigmentID, w.Dilution)
		}
		if s.AreaDE != w.AreaDE || s.TextureRatio != w.TextureRatio || s.HealedDiameterMM != w.HealedDiameterMM {
			t.Errorf("at %g m tile %d shows area ΔE00 %g, texture %g, dot %g mm; the advisor says %g, %g, %g",
				m, i, s.AreaDE, s.TextureRatio, s.HealedDiameterMM, w.AreaDE, w.TextureRatio, w.HealedDiameterMM)
		}
	}
}

// TestShadePanelRanksWhatIsSeen: the shade panel ranks as the advisor
// does at the default distance, and at the view from a distance's when O
// is on; the seen numbers change with it.
func TestShadePanelRanksWhatIsSeen(t *testing.T) {
	s := input.NewScript().Wait(1).Key(ebiten.KeyC)
	g := newHeadless(t, s, "")
	play(t, g, s)
	checkSwatchesAreAdvice(t, g, viewer.DefaultDistanceM)
	near := g.ShadeSwatches()
	s.Key(ebiten.KeyO).Key(ebiten.KeyO).Key(ebiten.KeyO).Key(ebiten.KeyO) // 2 m
	play(t, g, s)
	if g.shadeDistanceM() != 2 {
		t.Fatalf("the panel judges at %g m with the view from 2 m on", g.shadeDistanceM())
	}
	checkSwatchesAreAdvice(t, g, 2)
	far := g.ShadeSwatches()
	if far[0].TextureRatio == near[0].TextureRatio && far[0].AreaDE == near[0].AreaDE &&
		far[len(far)-1].TextureRatio == near[len(near)-1].TextureRatio {
		t.Error("the seen numbers are the same from 0.5 m and 2 m")
	}
}
