package ui

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/keymap"
)

// iconCache keeps each toolbar icon drawn once, at the size and stroke it
// is shown at, in an image of its own: the icons are anti-aliased vector
// paths, and drawing them onto the screen in every drawn frame cost
// Ebitengine's vector package (v2.10) seconds a frame under a software GL
// with a loaded machine, the mouse going unread meanwhile. A frame now
// copies the pictures.
type iconCache map[iconKey]*ebiten.Image

// iconKey is an icon at a size: the action, its side and stroke width in
// device pixels.
type iconKey struct {
	a    keymap.Action
	s, w float64
}

// maxCachedIcons bounds the cache: every icon at a few sizes.
const maxCachedIcons = 4 * 64

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
		img = ebiten.NewImage(n, n)
		drawIcon(img, a, iconPad, iconPad, s, w)
		c[k] = img
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(x-iconPad, y-iconPad)
	dst.DrawImage(img, op)
	return true
}
