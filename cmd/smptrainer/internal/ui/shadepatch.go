package ui

// The shade panel's two patches seen from the viewing distance (issue 9):
// the client's stubble on the skin beside work in the selected mix on the
// same skin, both as an eye sees them from the panel's distance
// (viewer.Blur), so the trainee sees why a mix ranks where it does.

import (
	"fmt"
	"image"
	"math"
	"math/rand/v2"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/shade"
	"github.com/smptrainer/smp/sim/viewer"
)

// seenPatchMM is the side of the skin square each patch shows, magnified
// to the patch's size on screen (presentation choice: a few dozen marks at
// SMP densities).
const seenPatchMM = 8.0

// seenPatchSize is a patch's side in logical pixels.
const seenPatchSize = 52

// seenPatches is the two patches for one key.
type seenPatches struct {
	key      string
	ref, ink *ebiten.Image
}

// patchPicture draws p as a square of side px pixels covering seenPatchMM
// of skin: the marks scattered at their density by a fixed seed (the same
// places for every patch), each pixel's colour the skin and marks mixed
// in linear light by how much of it they cover (3×3 samples).
func patchPicture(p viewer.Patch, px int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, px, px))
	pxPerMM := float64(px) / seenPatchMM
	type disc struct {
		x, y, r float64
		c       colorful.Color
	}
	var discs []disc
	for _, m := range p.Marks {
		rng := rand.New(rand.NewPCG(1, 2))
		n := int(math.Round(m.PerCM2 * seenPatchMM * seenPatchMM / 100))
		for range n {
			discs = append(discs, disc{rng.Float64() * float64(px), rng.Float64() * float64(px), m.DiameterMM / 2 * pxPerMM, m.Colour})
		}
	}
	const ss = 3
	for y := range px {
		for x := range px {
			var r, g, b float64
			for sy := range ss {
				for sx := range ss {
					fx, fy := float64(x)+(float64(sx)+0.5)/ss, float64(y)+(float64(sy)+0.5)/ss
					c := p.Skin
					for _, d := range discs {
						if (fx-d.x)*(fx-d.x)+(fy-d.y)*(fy-d.y) <= d.r*d.r {
							c = d.c
						}
					}
					lr, lg, lb := c.Clamped().LinearRgb()
					r, g, b = r+lr, g+lg, b+lb
				}
			}
			c := colorful.LinearRgb(r/ss/ss, g/ss/ss, b/ss/ss).Clamped()
			cr, cg, cb := c.RGB255()
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = cr, cg, cb, 255
		}
	}
	return img
}

// seenPatch is patch p seen from m metres: patchPicture through the eye
// blur at the picture's own pixels per millimetre.
func seenPatch(p viewer.Patch, px int, m float64) *image.RGBA {
	return viewer.Blur(patchPicture(p, px), float64(px)/seenPatchMM, m)
}

// seenPair is what the panel's two patches show for option o: the
// client's stubble on the skin at its own density (shade.ClientOf: the
// existing hair's, else the session's target), and work in o's mix on the
// same skin at that density, as the advisor compared them to rank o.
func (c *shadeCache) seenPair(o *shade.Option) (stubble, work viewer.Patch) {
	stubble = shade.Reference(c.skin, c.hair, c.perCM2)
	work = viewer.Patch{Skin: c.skin, Marks: []viewer.Marks{{DiameterMM: o.HealedDiameterMM, Colour: o.Healed, PerCM2: c.perCM2}}}
	return stubble, work
}

// drawSeenPatches draws the stubble and the selected mix's patches at the
// top right of the panel p.
func (g *Game) drawSeenPatches(screen *ebiten.Image, p box, c *shadeCache, s *swatch) {
	m := g.shadeDistanceM()
	px := int(math.Round(g.ui(seenPatchSize)))
	sp := &g.panels.seen
	key := fmt.Sprintf("%s|%s|%g|%g|%d", c.key, s.opt.PigmentID, s.opt.Dilution, m, px)
	if sp.key != key {
		for _, im := range []*ebiten.Image{sp.ref, sp.ink} {
			if im != nil {
				im.Deallocate()
			}
		}
		stubble, work := c.seenPair(&s.opt)
		sp.ref = ebiten.NewImageFromImage(seenPatch(stubble, px, m))
		sp.ink = ebiten.NewImageFromImage(seenPatch(work, px, m))
		sp.key = key
	}
	pad, gap := g.ui(shadePad), g.ui(6)
	x := p.x + p.w - pad - 2*float64(px) - gap
	y := p.y + pad + g.ui(18)
	face := g.panels.tiny
	drawText(screen, fmt.Sprintf("From %s m, %g mm:", trimFloat(m), seenPatchMM), face, x, p.y+pad-g.ui(2), dimColour)
	for i, im := range []*ebiten.Image{sp.ref, sp.ink} {
		op := &ebiten.DrawImageOptions{}
		op.GeoM.Translate(x+float64(i)*(float64(px)+gap), y)
		screen.DrawImage(im, op)
	}
	drawText(screen, "stubble", face, x, y+float64(px)+g.ui(1), dimColour)
	drawText(screen, "this ink", face, x+float64(px)+gap, y+float64(px)+g.ui(1), dimColour)
}
