package ui

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/sim/appearance"
)

// UI colours: presentation choices, not facts about skin.
var (
	barColour = color.RGBA{0x1b, 0x1d, 0x1f, 0xf0}
	// layerColour is barColour made opaque, for what text covers whole:
	// the help, the exercise list, and the consultation and mapping
	// scenes. Through barColour's few per cent the chart's light skin and
	// the title line showed as grey blocks and ghost letters.
	layerColour  = color.RGBA{0x1b, 0x1d, 0x1f, 0xff}
	textColour   = color.RGBA{0xe8, 0xe8, 0xe8, 0xff}
	dimColour    = color.RGBA{0xa0, 0xa4, 0xa8, 0xff}
	errColour    = color.RGBA{0xb0, 0x20, 0x20, 0xf4}
	infoColour   = color.RGBA{0x20, 0x4a, 0x70, 0xf0}
	cursorColour = color.RGBA{0x00, 0x9e, 0xe0, 0xff}
	selColour    = color.RGBA{0x2f, 0x5f, 0x8f, 0xff}
	hoverColour  = color.RGBA{0x3a, 0x40, 0x48, 0xff}
	// errTextColour is an error written on a panel.
	errTextColour = color.RGBA{0xff, 0x8a, 0x7a, 0xff}
	// unsavedColour makes the unsaved mark stand out from the status.
	unsavedColour = color.RGBA{0xf0, 0xc0, 0x40, 0xff}
	// tooltipColour is a pale-on-dark box that stands out from the bars.
	tooltipColour = color.RGBA{0x10, 0x30, 0x48, 0xf8}
)

// ui returns a length in logical pixels as device pixels at the UI size
// (uiscale.go): text and panels grow with it, the chart does not.
func (g *Game) ui(px float64) float64 { return px * math.Max(1, g.dsf) * g.UIScale() }

func (g *Game) statusHeight() int { return int(math.Ceil(g.ui(26))) }

// Draw implements ebiten.Game: the scenes, bottom to top.
//
// The scenes' Draw methods change no state the game's logic reads: every
// change is made in Update. What Draw does keep is pictures made from
// that state (the chart's cache tiles, the toolbar's icons, rings, the
// shade panel's patches), which show the same whenever they are made,
// and the redraw bookkeeping (what the frame showed, frame times,
// captures asked for).
func (g *Game) Draw(screen *ebiten.Image) {
	if !g.camInit {
		return // nothing to show before the first Update places the camera
	}
	if g.frames != nil {
		t0, painted := time.Now(), g.needsDraw()
		defer func() { g.frames.timeDraw(t0, painted, g.idle) }()
	}
	if !g.needsDraw() {
		// The screen still holds the last frame (it is not cleared
		// between frames): nothing to do.
		return
	}
	g.scenes.Draw(screen)
	g.markDrawn()
	// Captures are taken of the whole window once every tile is at the
	// current zoom, so a test reads the finished picture.
	if len(g.pendingCapture) > 0 && g.layer.Complete(g.cam, g.w, g.h) {
		g.capture(screen)
	}
	if g.cfg.OnFrame != nil {
		g.cfg.OnFrame(g)
	}
}

// drawEditor draws the chart editor: the chart, its overlays, the panels,
// the status line and the message.
func (g *Game) drawEditor(screen *ebiten.Image) {
	g.layer.Draw(screen, g.cam) // the background too
	g.drawDistance(screen)      // distance.go: the chart seen from afar (O)
	g.drawOwnDots(screen)       // owndots.go: the work's dots ringed up close
	// Heatmap, markers, expert example: overlays.go.
	g.drawOverlays(screen)
	g.drawLasso(screen) // lasso.go

	if !g.scenes.Modal() && !g.panning && !g.toolbar.bounds.Contains(g.lastX, g.lastY) {
		g.drawCursor(screen)
	}
	g.drawScaleBar(screen)
	g.drawTitle(screen)
	g.panelSet.Draw(screen)
	g.drawPanels(screen) // overlays.go: progress and the heatmap legend
	g.drawStatus(screen)
	g.drawMessage(screen)
	g.toolbar.Draw(screen) // last: its More menu and tooltips cover all
}

// capture reads the screen back for each pending capture.
func (g *Game) capture(screen *ebiten.Image) {
	b := screen.Bounds()
	img := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	screen.ReadPixels(img.Pix)
	for _, name := range g.pendingCapture {
		if g.cfg.OnCapture != nil {
			g.cfg.OnCapture(Capture{Name: name, Image: img, Camera: g.cam, Tick: g.tick})
		}
	}
	g.pendingCapture = g.pendingCapture[:0]
}

// drawCursor shows the needle's dot at true size under the pointer, with
// short ticks around it so a sub-pixel dot can still be aimed.
func (g *Game) drawCursor(screen *ebiten.Image) {
	x, y := float32(g.lastX+0.5), float32(g.lastY+0.5)
	if g.lastY >= float64(g.h-g.statusHeight()) {
		return
	}
	r := float32(g.cursorRadiusMM() * g.cam.Scale)
	sw := float32(g.ui(1))
	if r >= 2 && r < float32(g.w+g.h) {
		ring := g.ringImage(r, sw)
		op := &ebiten.DrawImageOptions{}
		half := float64(ring.Bounds().Dx()) / 2
		op.GeoM.Translate(float64(x)-half, float64(y)-half)
		screen.DrawImage(ring, op)
	}
	gap := max(r+2*sw, float32(g.ui(3)))
	l := float32(g.ui(6))
	hline(screen, x-gap-l, x-gap, y, sw, cursorColour)
	hline(screen, x+gap, x+gap+l, y, sw, cursorColour)
	vline(screen, x, y-gap-l, y-gap, sw, cursorColour)
	vline(screen, x, y+gap, y+gap+l, sw, cursorColour)
}

// ringImage returns the cursor's ring of radius r and stroke width sw,
// rasterised on the CPU once per radius (the vector package would rebuild
// its paths and stencils every frame).
func (g *Game) ringImage(r, sw float32) *ebiten.Image {
	if g.ring != nil && g.ringR == r && g.ringW == sw {
		return g.ring
	}
	if g.ring != nil {
		g.ring.Deallocate()
	}
	img := rasterRing(r, sw, cursorColour)
	g.ring = ebiten.NewImageFromImage(img)
	g.ringR, g.ringW = r, sw
	return g.ring
}

// rasterRing draws a ring of radius r and stroke width sw in c on the CPU,
// centred in a square image just large enough.
func rasterRing(r, sw float32, c color.RGBA) *image.RGBA {
	size := int(math.Ceil(float64(2*r+2*sw))) + 2
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	mid := float64(size) / 2
	for y := range size {
		for x := range size {
			d := math.Hypot(float64(x)+0.5-mid, float64(y)+0.5-mid)
			// Coverage of a pixel by the ring, as a 1 px linear ramp.
			a := math.Max(0, math.Min(1, float64(sw)/2-math.Abs(d-float64(r))+0.5)) * float64(c.A) / 255
			if a > 0 {
				// Premultiplied, as Ebitengine expects.
				img.SetRGBA(x, y, color.RGBA{uint8(float64(c.R) * a), uint8(float64(c.G) * a),
					uint8(float64(c.B) * a), uint8(255 * a)})
			}
		}
	}
	return img
}

// drawText draws s with its top-left corner at (x, y).
func drawText(dst *ebiten.Image, s string, f *text.GoTextFace, x, y float64, c color.Color) {
	op := &text.DrawOptions{}
	op.GeoM.Translate(x, y)
	op.ColorScale.ScaleWithColor(c)
	op.LineSpacing = f.Size * 1.3
	text.Draw(dst, s, f, op)
}

// titleHeight is the height of the title line under the toolbar.
func (g *Game) titleHeight() float64 { return math.Ceil(g.face.Size*1.3 + 2*g.ui(6)) }

// titleText is the title line: the exercise, the template and session.
func (g *Game) titleText() string {
	t := g.doc.T
	title := t.Name
	if g.ex != nil {
		title = g.ex.Title
	}
	return fmt.Sprintf("%s  ·  %s, session %d  ·  F1 keys · Ctrl+Q quits", title, t.ID, g.doc.Number)
}

// titleRect is the title line's box under the toolbar, as wide as its text.
func (g *Game) titleRect() scene.Rect {
	w, h := text.Measure(g.titleText(), g.face, g.face.Size*1.3)
	pad := g.ui(6)
	return scene.Rect{X: 0, Y: g.toolbar.Height(), W: w + 2*pad, H: h + 2*pad}
}

func (g *Game) drawTitle(screen *ebiten.Image) {
	r := g.titleRect()
	fillRect(screen, float32(r.X), float32(r.Y), float32(r.W), float32(r.H), barColour)
	pad := g.ui(6)
	drawText(screen, g.titleText(), g.face, r.X+pad, r.Y+pad, textColour)
}

// Status returns the status line's text: zoom, cursor position, zone and
// density, needle, and the unsaved marker.
func (g *Game) Status() string {
	d := g.doc
	p := g.pointerMM() // split.go: either half of the split view
	var b strings.Builder
	fmt.Fprintf(&b, "Zoom %s (%.2f px/mm)", zoomLabel(g.cam.Zoom()), g.cam.Scale)
	fmt.Fprintf(&b, "   x %+.1f  y %+.1f mm", p.X, p.Y)
	if zi := d.ZoneIndexAt(p); zi >= 0 {
		z := d.T.Zones[zi]
		name := z.Name
		if name == "" {
			name = z.ID
		}
		fmt.Fprintf(&b, "   %s: %d, %.1f/cm²", name, d.ZoneCount(zi), d.ZoneDensity(zi))
		if z.Treated() {
			tb := z.Target(d.Number)
			fmt.Fprintf(&b, " (target %.0f–%.0f)", tb.Min, tb.Max)
		} else {
			b.WriteString(" (keep empty)")
		}
	} else {
		b.WriteString("   off the scalp")
	}
	n, dens := d.Treated()
	fmt.Fprintf(&b, "   treated: %d, %.1f/cm²   total %d", n, dens, d.Len())
	fmt.Fprintf(&b, "   needle %s", g.needle)
	b.WriteString(g.toolStatus())
	b.WriteString(g.inkStatus())
	if g.stage != appearance.Fresh {
		fmt.Fprintf(&b, "   preview %s", g.stage)
	}
	if d.Unsaved() {
		b.WriteString(unsavedMark)
	}
	return b.String()
}

// unsavedMark ends the status line while the work is unsaved.
const unsavedMark = "   ● unsaved"

// zoomLabel writes a zoom as a ratio: "1:1", "4:1", "1:2", "1.41:1".
func zoomLabel(z float64) string {
	switch {
	case math.Abs(z-math.Round(z)) < 0.01 && z >= 1:
		return fmt.Sprintf("%.0f:1", math.Round(z))
	case z < 1 && math.Abs(1/z-math.Round(1/z)) < 0.01:
		return fmt.Sprintf("1:%.0f", math.Round(1/z))
	case z >= 1:
		return fmt.Sprintf("%.2f:1", z)
	}
	return fmt.Sprintf("1:%.2f", 1/z)
}

// drawStatus draws the status line. The unsaved mark is drawn first, at
// the right edge, so it shows at every window width and UI size; the rest
// is cut to the room left, and the file name shows only when it fits too.
func (g *Game) drawStatus(screen *ebiten.Image) {
	h := float64(g.statusHeight())
	y := float64(g.h) - h
	ty := y + (h-g.small.Size*1.2)/2
	fillRect(screen, 0, float32(y), float32(g.w), float32(h), barColour)
	right := float64(g.w) - g.ui(8)
	status := g.Status()
	if mark, ok := g.unsavedMarkBox(); ok {
		status = strings.TrimSuffix(status, unsavedMark)
		drawText(screen, strings.TrimSpace(unsavedMark), g.small, mark.X, ty, unsavedColour)
		right = mark.X - g.ui(16)
	}
	if g.fileName != "" {
		s := shortPath(g.fileName, 48)
		w := measure(s, g.small)
		// Only where it does not cover the status text.
		if w < float64(g.w)/4 && g.ui(8)+measure(status, g.small)+g.ui(24)+w < right {
			drawText(screen, s, g.small, right-w, ty, dimColour)
		}
	}
	drawText(screen, fitText(status, g.small, right-g.ui(8)), g.small, g.ui(8), ty, textColour)
}

// unsavedMarkBox is where the status line's unsaved mark is drawn, at its
// right edge; ok is false when the work is saved.
func (g *Game) unsavedMarkBox() (r scene.Rect, ok bool) {
	if !strings.HasSuffix(g.Status(), unsavedMark) {
		return scene.Rect{}, false
	}
	mark := strings.TrimSpace(unsavedMark)
	w := measure(mark, g.small)
	h := float64(g.statusHeight())
	return scene.Rect{X: float64(g.w) - g.ui(8) - w, Y: float64(g.h) - h + (h-g.small.Size*1.2)/2, W: w, H: g.small.Size * 1.2}, true
}

// shortPath keeps the end of a long path.
func shortPath(p string, n int) string {
	r := []rune(p)
	if len(r) <= n {
		return p
	}
	return "…" + string(r[len(r)-n+1:])
}

func (g *Game) drawMessage(screen *ebiten.Image) {
	r, lines, ok := g.messageBox()
	if !ok {
		return
	}
	bg := infoColour
	if g.msgErr {
		bg = errColour
	}
	fillRect(screen, float32(r.X), float32(r.Y), float32(r.W), float32(r.H), bg)
	pad := g.ui(10)
	drawText(screen, strings.Join(lines, "\n"), g.face, r.X+pad, r.Y+pad, textColour)
}

// messageBox is where the message (a toast, or an error until
// dismissed) goes: centred just above the status line, where it covers
// no panel's title (the panels hang from the top, their titles first)
// and never the status line's unsaved mark.
func (g *Game) messageBox() (r scene.Rect, lines []string, ok bool) {
	if g.msg == "" {
		return r, nil, false
	}
	pad := g.ui(10)
	lines = wrap(g.msg, g.face, float64(g.w)-6*pad)
	if g.msgErr {
		lines = append(lines, "(Esc to dismiss)")
	}
	w, h := text.Measure(strings.Join(lines, "\n"), g.face, g.face.Size*1.3)
	r = scene.Rect{X: (float64(g.w) - w) / 2, W: w, H: h}
	r.Y = float64(g.h-g.statusHeight()) - g.ui(8) - pad - h
	return r.Inset(-pad), lines, true
}

// wrap breaks s into lines no wider than w.
func wrap(s string, f *text.GoTextFace, w float64) []string {
	var lines []string
	var cur string
	for _, word := range strings.Fields(s) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if tw, _ := text.Measure(try, f, 0); tw > w && cur != "" {
			lines = append(lines, cur)
			cur = word
		} else {
			cur = try
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
