package scene

import (
	"image"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

// Rect is a rectangle on the screen in device pixels.
type Rect struct {
	X, Y, W, H float64
}

// Contains reports whether (x, y) is inside r.
func (r Rect) Contains(x, y float64) bool {
	return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// Overlaps reports whether r and o share some area.
func (r Rect) Overlaps(o Rect) bool {
	return r.X < o.Right() && o.X < r.Right() && r.Y < o.Bottom() && o.Y < r.Bottom()
}

// Empty reports whether r has no area.
func (r Rect) Empty() bool { return r.W <= 0 || r.H <= 0 }

// Inset shrinks r by d on every side.
func (r Rect) Inset(d float64) Rect {
	return Rect{r.X + d, r.Y + d, math.Max(0, r.W-2*d), math.Max(0, r.H-2*d)}
}

// Bottom is the y just below r.
func (r Rect) Bottom() float64 { return r.Y + r.H }

// Right is the x just right of r.
func (r Rect) Right() float64 { return r.X + r.W }

// CutTop splits h pixels off the top of r: the strip and the rest.
func (r Rect) CutTop(h float64) (top, rest Rect) {
	h = math.Min(math.Max(0, h), r.H)
	return Rect{r.X, r.Y, r.W, h}, Rect{r.X, r.Y + h, r.W, r.H - h}
}

// CutBottom splits h pixels off the bottom of r: the strip and the rest.
func (r Rect) CutBottom(h float64) (bottom, rest Rect) {
	h = math.Min(math.Max(0, h), r.H)
	return Rect{r.X, r.Y + r.H - h, r.W, h}, Rect{r.X, r.Y, r.W, r.H - h}
}

// Panel is one box of a scene: the shade panel, the score panel, the
// toolbar, the status line…
type Panel interface {
	// Open reports whether the panel is shown; closed panels get no input
	// and are not drawn.
	Open() bool
	// Layout places the panel inside area (device pixels, already at the
	// UI scale) and returns the rectangle it takes; a panel whose content
	// does not fit scrolls or reflows within it.
	Layout(area Rect) Rect
	// Update handles the tick's input and reports whether the panel took
	// the pointer (a click, a wheel turn or a hover on it), so nothing
	// beneath sees it.
	Update(in *input.Input) (consumed bool)
	// Draw draws the panel where Layout put it; it must not change state.
	Draw(screen *ebiten.Image)
}

// Panels routes the pointer among a scene's panels: the last added is on
// top, and gets the input first.
type Panels struct {
	list []Panel
}

// Add appends p on top of the panels already added.
func (ps *Panels) Add(p ...Panel) { ps.list = append(ps.list, p...) }

// Layout lays every open panel out in area (each takes its own part).
func (ps *Panels) Layout(area Rect) {
	for _, p := range ps.list {
		if p.Open() {
			p.Layout(area)
		}
	}
}

// Update offers in to the open panels from the top down and reports
// whether one consumed it.
func (ps *Panels) Update(in *input.Input) bool {
	for i := len(ps.list) - 1; i >= 0; i-- {
		if p := ps.list[i]; p.Open() && p.Update(in) {
			return true
		}
	}
	return false
}

// Draw draws the open panels from the bottom up.
func (ps *Panels) Draw(screen *ebiten.Image) {
	for _, p := range ps.list {
		if p.Open() {
			p.Draw(screen)
		}
	}
}

// Scroller is the scroll state of content taller than its viewport.
type Scroller struct {
	// Offset is how far the content is scrolled, in device pixels.
	Offset float64
	// Content and View are the heights of the content and the viewport.
	Content, View float64
}

// Max is the largest offset.
func (s *Scroller) Max() float64 { return math.Max(0, s.Content-s.View) }

// Set sizes the scroller and keeps the offset in range.
func (s *Scroller) Set(content, view float64) {
	s.Content, s.View = content, view
	s.By(0)
}

// By scrolls by dy pixels, within range.
func (s *Scroller) By(dy float64) { s.Offset = math.Max(0, math.Min(s.Max(), s.Offset+dy)) }

// Wheel scrolls by the tick's wheel turn when the pointer is in r, step
// pixels a notch, and reports whether it did.
func (s *Scroller) Wheel(in *input.Input, r Rect, step float64) bool {
	if in.WheelY == 0 || !r.Contains(in.X, in.Y) || s.Max() == 0 {
		return false
	}
	s.By(-in.WheelY * step)
	return true
}

// Thumb is the scroll bar's thumb inside track r, or an empty Rect when
// everything fits.
func (s *Scroller) Thumb(r Rect) Rect {
	if s.Max() == 0 || s.Content <= 0 {
		return Rect{}
	}
	h := math.Max(r.H*s.View/s.Content, math.Min(r.H, 12))
	y := r.Y + (r.H-h)*s.Offset/s.Max()
	return Rect{r.X, y, r.W, h}
}

// Image returns r as an image.Rectangle, rounded outwards.
func (r Rect) Image() image.Rectangle {
	return image.Rect(int(math.Floor(r.X)), int(math.Floor(r.Y)), int(math.Ceil(r.X+r.W)), int(math.Ceil(r.Y+r.H)))
}
