package ui

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/keymap"
)

// iconCache keeps each toolbar icon drawn once, at the size and stroke it
// is shown at, in an image of its own, and copies it in every drawn
// frame. The icons are vector paths; Ebitengine's (v2.10) anti-aliased
// vector drawing costs some 60 ms of CPU an icon under a software GL
// (llvmpipe), a second and more for the toolbar, so drawing them onto the
// screen in every frame, or even once, stalled the window for seconds on
// a loaded machine with the mouse going unread. An icon is drawn instead
// without anti-aliasing at iconSuper times its size, a fifteenth of the
// cost, and halved with linear filtering down to its size: the same
// smooth edges.
type iconCache map[iconKey]*ebiten.Image

// iconKey is an icon at a size: the action, its side and stroke width in
// device pixels.
type iconKey struct {
	a    keymap.Action
	s, w float64
}

// maxCachedIcons bounds the cache: every icon at a few sizes.
const maxCachedIcons = 4 * 64

// iconSuper is how many times larger an icon is drawn before it is scaled
// down: a power of two, halved step by step.
const iconSuper = 4

// iconPad is the room left around an icon in its picture, for the
// anti-aliased edges and round caps that reach past its square.
const iconPad = 4

// draw draws the icon of a as drawIcon would, s×s with its top left at
// (x, y) and strokes w wide; it reports whether a has an icon.
func (c iconCache) draw(dst *ebiten.Image, a keymap.Action, x, y, s, w float64) bool {
	k := iconKey{a, s, w}
	img, ok := c[k]
	if !ok {
		if _, has := toolIcons[a]; !has {
			return false
		}
		if len(c) >= maxCachedIcons {
			// Sizes left behind by resizes and UI size changes.
			for k, img := range c {
				img.Deallocate()
				delete(c, k)
			}
		}
		n := int(math.Ceil(s + 2*iconPad + w))
		big := ebiten.NewImage(n*iconSuper, n*iconSuper)
		toolIcons[a](iconPen{dst: big, x: iconPad * iconSuper, y: iconPad * iconSuper,
			s: float32(s * iconSuper), w: float32(w * iconSuper), noAA: true})
		for big.Bounds().Dx() > n {
			half := ebiten.NewImage(big.Bounds().Dx()/2, big.Bounds().Dy()/2)
			op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
			op.GeoM.Scale(0.5, 0.5)
			half.DrawImage(big, op)
			big.Deallocate()
			big = half
		}
		img = big
		c[k] = img
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(x-iconPad, y-iconPad)
	dst.DrawImage(img, op)
	return true
}
