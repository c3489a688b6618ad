package ui

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/render"
	"github.com/smptrainer/smp/sim/viewer"
)

// TestDistanceCycle: O steps the view through off, 0.3, 0.5, 1 and 2 m
// and back to off, from the keyboard as a trainee presses it.
func TestDistanceCycle(t *testing.T) {
	s := input.NewScript()
	g := newHeadless(t, s, "")
	want := []float64{0.3, 0.5, 1, 2, 0, 0.3}
	for i, w := range want {
		s.Key(ebiten.KeyO)
		play(t, g, s)
		if got := g.panels.distance.metres(); got != w {
			t.Fatalf("after %d presses of O the view is from %g m, want %g", i+1, got, w)
		}
	}
	if got, want := distanceLabel(0.5), "seen from 0.5 m (model: eye blur, S-CIELAB)"; got != want {
		t.Errorf("label %q, want %q", got, want)
	}
}

// TestDistanceKeyFollowsTheWork: the blurred picture is out of date once
// an impression is added, and only then (the preview is not recomputed
// while nothing changes).
func TestDistanceKeyFollowsTheWork(t *testing.T) {
	s := input.NewScript()
	g := newHeadless(t, s, "")
	s.Key(ebiten.KeyO)
	play(t, g, s)
	k0 := g.distanceKeyNow()
	if k1 := g.distanceKeyNow(); k1 != k0 {
		t.Fatalf("key changed with nothing done: %+v → %+v", k0, k1)
	}
	s.ClickMM(geom.Point{X: 1, Y: 2})
	play(t, g, s)
	if len(g.doc.Impressions()) == 0 {
		t.Fatal("the click placed no impression")
	}
	if k1 := g.distanceKeyNow(); k1 == k0 {
		t.Error("key unchanged after an impression was placed")
	}
}

// dottedSkin is a chart-like picture: skin with a dark 0.15 mm dot every
// millimetre, drawn at pxPerMM.
func dottedSkin(pxPerMM int) *image.RGBA {
	const mm = 20
	n := mm * pxPerMM
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	skin := color.RGBA{0xd9, 0xb0, 0x94, 0xff}
	ink := color.RGBA{0x30, 0x2c, 0x2e, 0xff}
	for y := range n {
		for x := range n {
			img.SetRGBA(x, y, skin)
		}
	}
	r := max(1, pxPerMM*15/200) // 0.15 mm across
	for cy := pxPerMM / 2; cy < n; cy += pxPerMM {
		for cx := pxPerMM / 2; cx < n; cx += pxPerMM {
			for y := cy - r; y <= cy+r; y++ {
				for x := cx - r; x <= cx+r; x++ {
					if (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r {
						img.SetRGBA(x, y, ink)
					}
				}
			}
		}
	}
	return img
}

// spread is the range of the green channel: how much texture is left.
func spread(img *image.RGBA) int {
	lo, hi := 255, 0
	for i := 1; i < len(img.Pix); i += 4 {
		v := int(img.Pix[i])
		lo, hi = min(lo, v), max(hi, v)
	}
	return hi - lo
}

// TestSeenFromIsTheEyeBlur: the preview's picture is viewer.Blur of the
// chart, differs from the sharp chart, and loses texture with distance.
func TestSeenFromIsTheEyeBlur(t *testing.T) {
	const pxPerMM = 20
	sharp := dottedSkin(pxPerMM)
	orig := bytes.Clone(sharp.Pix)
	near := seenFrom(sharp, pxPerMM, 0.3)
	if !bytes.Equal(sharp.Pix, orig) {
		t.Fatal("the preview changed the chart it was given")
	}
	if want := viewer.Blur(sharp, pxPerMM, 0.3); !bytes.Equal(near.Pix, want.Pix) {
		t.Error("the preview is not viewer.Blur of the chart")
	}
	if bytes.Equal(near.Pix, sharp.Pix) {
		t.Fatal("the view from 0.3 m is the sharp chart")
	}
	far := seenFrom(sharp, pxPerMM, 2)
	s0, s1, s2 := spread(sharp), spread(near), spread(far)
	if !(s0 > s1 && s1 > s2) {
		t.Errorf("texture (green range) sharp %d, 0.3 m %d, 2 m %d: want it to fall with distance", s0, s1, s2)
	}
}

// TestDistanceViewHasNoFringe: a scalp's edge against the window's dark
// background, seen from every distance, gains no colour that neither the
// skin nor the background has (the old blur spread the background into
// the scalp and left a red fringe along the outline), the background
// stays as it is, and the skin stays the skin.
func TestDistanceViewHasNoFringe(t *testing.T) {
	skin := color.RGBA{0xe0, 0xb8, 0x98, 0xff}
	const w, h = 160, 40
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := render.Background
			if x < w/2 {
				c = skin
			}
			img.SetRGBA(x, y, c)
		}
	}
	chroma := func(c color.RGBA) float64 {
		col, _ := colorful.MakeColor(c)
		_, ch, _ := col.LuvLCh()
		return ch
	}
	most := max(chroma(skin), chroma(render.Background))
	for _, m := range viewer.DistancesM {
		out := seenFrom(img, 6, m)
		worst, at := 0.0, -1
		for x := range w {
			if ch := chroma(out.RGBAAt(x, h/2)); ch > worst {
				worst, at = ch, x
			}
		}
		if worst > most+0.02 {
			t.Errorf("from %g m pixel %d is %v, chroma %.3f, more than the skin's or the background's %.3f: a fringe", m, at, out.RGBAAt(at, h/2), worst, most)
		}
		for x := range w {
			c := out.RGBAAt(x, h/2)
			if x >= w/2 && c != render.Background {
				t.Errorf("from %g m background pixel %d became %v", m, x, c)
				break
			}
			if x < w/2 && colour.DeltaE00(colorfulOf(c), colorfulOf(skin)) > 1 {
				t.Errorf("from %g m skin pixel %d became %v", m, x, c)
				break
			}
		}
	}
}

func colorfulOf(c color.RGBA) colorful.Color {
	col, _ := colorful.MakeColor(c)
	return col
}
