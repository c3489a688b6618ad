package ui

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

// taskCard is the card shown at launch and whenever the exercise changes:
// the brief, the session's targets and a legend of the chart. One click or
// Esc dismisses it; the toolbar's Task button (I) brings it back. Long
// content scrolls.
type taskCard struct {
	g      *Game
	scroll scene.Scroller
}

// showTaskCard opens the task card for the current work (once).
func (g *Game) showTaskCard() {
	if _, open := scene.Find[*taskCard](g.scenes); open {
		return
	}
	g.push(&taskCard{g: g})
}

// TaskCardOpen reports whether the task card is showing.
func (g *Game) TaskCardOpen() bool {
	_, ok := scene.Find[*taskCard](g.scenes)
	return ok
}

// Update implements scene.Scene.
func (c *taskCard) Update(in *input.Input) {
	g := c.g
	L := c.layout()
	c.scroll.Set(L.contentH, L.view.h)
	if c.scroll.Wheel(in, L.panel.rect(), g.ui(40)) {
		return
	}
	for _, k := range in.Keys {
		switch k {
		case ebiten.KeyDown:
			c.scroll.By(g.ui(40))
		case ebiten.KeyUp:
			c.scroll.By(-g.ui(40))
		case ebiten.KeyEscape, ebiten.KeyEnter, ebiten.KeyNumpadEnter, ebiten.KeySpace, ebiten.KeyI:
			g.scenes.Close(c)
			return
		}
	}
	if in.Pressed[input.Left] {
		g.scenes.Close(c)
	}
}

// taskLine is one line of the card: text in a face and colour, and an
// optional legend sample drawn to its left.
type taskLine struct {
	text   string
	bold   bool
	dim    bool
	sample func(dst *ebiten.Image, r box)
	h      float64
}

// taskLayout is the card's box, its scrolled viewport and lines.
type taskLayout struct {
	panel, view box
	lines       []taskLine
	contentH    float64
	sampleW     float64
}

// lines builds the card's content for the current work.
func (c *taskCard) lines(w float64) []taskLine {
	g := c.g
	var out []taskLine
	add := func(s string, bold, dim bool) {
		for _, l := range wrap(s, g.small, w) {
			out = append(out, taskLine{text: l, bold: bold, dim: dim})
		}
	}
	gap := func() { out = append(out, taskLine{}) }
	d := g.doc
	title := d.T.Name + " (free practice)"
	if g.ex != nil {
		title = g.ex.Title
	}
	add(title, true, false)
	add(fmt.Sprintf("Template %s · session %d", d.T.ID, d.Number), false, true)
	gap()
	if g.ex != nil {
		add(g.ex.Brief, false, false)
		gap()
	}
	add("Targets for this session (impressions per cm²)", true, false)
	var keepEmpty []string
	for _, z := range d.T.Zones {
		name := z.Name
		if name == "" {
			name = z.ID
		}
		if !z.Treated() {
			keepEmpty = append(keepEmpty, name)
			continue
		}
		b := z.Target(d.Number)
		add(fmt.Sprintf("%s: %.0f–%.0f", name, b.Min, b.Max), false, false)
	}
	if len(keepEmpty) > 0 {
		s := "Keep empty: "
		for i, n := range keepEmpty {
			if i > 0 {
				s += ", "
			}
			s += n
		}
		add(s, false, true)
	}
	gap()
	add("On the chart", true, false)
	sw := g.ui(36)
	legend := func(s string, sample func(*ebiten.Image, box)) {
		ls := wrap(s, g.small, w-sw-g.ui(10))
		for i, l := range ls {
			cl := taskLine{text: l}
			if i == 0 {
				cl.sample = sample
			}
			out = append(out, cl)
		}
	}
	legend("Hatched: forehead and temples, where no impression belongs", drawHatchSample)
	legend("Tinted bands with outlines: the zones (transition, frontal, crown…), each with its own target", drawBandSample)
	legend("Dashed line: the instructor's design hairline (H hides it)", drawDashSample)
	legend("Thin lines: landmarks, midline, brow, canthus and pupil lines (L shows them)", drawLandmarkSample)
	legend("Your impressions: round dots in the ink you chose, ringed in blue when zoomed in close enough to see single dots; the client's own stubble is finer, greyer and never ringed", drawDotSample)
	gap()
	add("Click anywhere or press Esc to start. The Task button (I) brings this card back; F1 lists every key; Ctrl+Q quits.", false, true)
	return out
}

// layout places the card in the middle of the window.
func (c *taskCard) layout() taskLayout {
	g := c.g
	pad := g.ui(18)
	top := g.toolbar.Height() + g.ui(8)
	bottom := float64(g.h-g.statusHeight()) - g.ui(8)
	w := math.Min(float64(g.w)-2*g.ui(10), g.ui(620))
	L := taskLayout{sampleW: g.ui(36)}
	L.lines = c.lines(w - 2*pad - L.sampleW - g.ui(10))
	lh := g.small.Size * 1.45
	for i := range L.lines {
		L.lines[i].h = lh
		if L.lines[i].text == "" {
			L.lines[i].h = lh / 2
		}
		L.contentH += L.lines[i].h
	}
	h := math.Min(L.contentH+2*pad, bottom-top)
	x := (float64(g.w) - w) / 2
	y := math.Max(top, top+(bottom-top-h)/3)
	L.panel = box{x, y, w, h}
	L.view = box{x + pad, y + pad, w - 2*pad, h - 2*pad}
	return L
}

// Draw implements scene.Scene.
func (c *taskCard) Draw(screen *ebiten.Image) {
	g := c.g
	L := c.layout()
	fillRect(screen, 0, 0, float32(g.w), float32(g.h), color.RGBA{0, 0, 0, 0x60})
	fillRect(screen, float32(L.panel.x), float32(L.panel.y), float32(L.panel.w), float32(L.panel.h), panelColour)
	strokeBox(screen, L.panel, float32(g.ui(1)), selColour)
	view := subImage(screen, L.view)
	y := L.view.y - c.scroll.Offset
	for _, l := range L.lines {
		if y+l.h >= L.view.y && y <= L.view.y+L.view.h && l.text != "" {
			f, col := g.small, color.Color(textColour)
			if l.bold {
				f = g.panels.bold
			}
			if l.dim {
				col = dimColour
			}
			x := L.view.x
			if l.sample != nil {
				l.sample(view, box{x, y + l.h*0.1, L.sampleW, l.h * 0.8})
			}
			if l.sample != nil || !l.bold {
				x += L.sampleW + g.ui(10)
			}
			drawText(view, l.text, f, x, y, col)
		}
		y += l.h
	}
	if th := c.scroll.Thumb(scene.Rect{X: L.panel.x + L.panel.w - g.ui(6), Y: L.view.y, W: g.ui(3), H: L.view.h}); !th.Empty() {
		fillRect(screen, float32(th.X), float32(th.Y), float32(th.W), float32(th.H), dimColour)
	}
}

// Legend samples: small pictures in the chart's own styles (render's
// guide colours on a skin-like tile).
var (
	sampleSkin = color.RGBA{0xc8, 0xa0, 0x84, 0xff}
	sampleLine = color.RGBA{0x2c, 0x36, 0x44, 0xd0}
	sampleDot  = color.RGBA{0x30, 0x2a, 0x28, 0xff}
	sampleHair = color.RGBA{0x6a, 0x60, 0x58, 0xff}
	sampleBand = color.RGBA{0x60, 0x90, 0xc0, 0x50}
	sampleHL   = color.RGBA{0xf0, 0xd0, 0x30, 0xff}
)

func drawSampleTile(dst *ebiten.Image, r box) {
	fillRect(dst, float32(r.x), float32(r.y), float32(r.w), float32(r.h), sampleSkin)
}

func drawHatchSample(dst *ebiten.Image, r box) {
	drawSampleTile(dst, r)
	for x := r.x - r.h; x < r.x+r.w; x += r.h / 2.5 {
		x0, y0, x1, y1 := x, r.y+r.h, x+r.h, r.y
		if x0 < r.x {
			y0 -= r.x - x0
			x0 = r.x
		}
		if x1 > r.x+r.w {
			y1 += x1 - (r.x + r.w)
			x1 = r.x + r.w
		}
		vector.StrokeLine(dst, float32(x0), float32(y0), float32(x1), float32(y1), 1, sampleLine, true)
	}
}

func drawBandSample(dst *ebiten.Image, r box) {
	drawSampleTile(dst, r)
	fillRect(dst, float32(r.x), float32(r.y+r.h*0.3), float32(r.w), float32(r.h*0.4), sampleBand)
	hline(dst, float32(r.x), float32(r.x+r.w), float32(r.y+r.h*0.3), 1, sampleLine)
	hline(dst, float32(r.x), float32(r.x+r.w), float32(r.y+r.h*0.7), 1, sampleLine)
}

func drawDashSample(dst *ebiten.Image, r box) {
	drawSampleTile(dst, r)
	for x := r.x + 2; x < r.x+r.w-2; x += 8 {
		hline(dst, float32(x), float32(math.Min(x+5, r.x+r.w-2)), float32(r.y+r.h/2), 2, sampleHL)
	}
}

func drawLandmarkSample(dst *ebiten.Image, r box) {
	drawSampleTile(dst, r)
	vline(dst, float32(r.x+r.w/2), float32(r.y), float32(r.y+r.h), 1, sampleLine)
	hline(dst, float32(r.x), float32(r.x+r.w), float32(r.y+r.h*0.65), 1, sampleLine)
}

func drawDotSample(dst *ebiten.Image, r box) {
	drawSampleTile(dst, r)
	for i := range 3 {
		vector.FillCircle(dst, float32(r.x+r.w*(0.2+0.3*float64(i))), float32(r.y+r.h*0.35), float32(r.h*0.16), sampleDot, true)
		vector.FillCircle(dst, float32(r.x+r.w*(0.35+0.3*float64(i))), float32(r.y+r.h*0.75), float32(r.h*0.07), sampleHair, true)
	}
}

// subImage returns the part of dst inside b, for clipping.
func subImage(dst *ebiten.Image, b box) *ebiten.Image {
	return dst.SubImage(b.rect().Image()).(*ebiten.Image)
}
