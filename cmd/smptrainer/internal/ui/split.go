package ui

// The split view (issue 5: "a side-by-side or split view of the trainee's
// work against the expert example"), V toggles it. The window splits into
// two halves showing the same chart region: the trainee's work on the
// left, the expert example on the right. Both halves use the one camera,
// so pans and zooms move them together; the left half is the main chart
// as ever, and the right half is a second tile cache (layer.Layer) over a
// document holding the expert example, drawn into a half-window image. The
// example is the one X overlays (overlays.go: startExpert, made once per
// template and session in the background).
//
// Placing works on the left half only: presses on the right half are
// dropped before the tools see them, and the wheel there zooms about the
// matching point of the left half.

import (
	"image/color"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/doc"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/layer"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/render"
)

// splitState is the split view.
type splitState struct {
	on bool
	// The expert half's picture: a tile cache over a document of the
	// expert example ims for key, drawn with look.
	layer *layer.Layer
	key   string
	ims   []impression.Impression
	look  splitLook
	// img is the right half, drawn each frame from the cache.
	img *ebiten.Image
}

// splitLook is what the expert half's tiles depend on besides the
// impressions: the template options (render.Options holds slices, so it
// is not comparable itself) and the preview stage.
type splitLook struct {
	zones, hairline, landmarks, hair, scars bool
	lineScale                               float64
	stage                                   appearance.Stage
}

func (g *Game) splitLook() splitLook {
	o := g.layerOptions()
	return splitLook{o.Zones, o.Hairline, o.Landmarks, o.Hair, o.Scars, o.LineScale, g.stage}
}

// SplitOn reports whether the split view is shown.
func (g *Game) SplitOn() bool { return g.panels.split.on }

// splitX is the screen x of the split: the left half is [0, splitX).
func (g *Game) splitX() float64 { return float64(g.w / 2) }

// panes returns the views of the chart on the screen: the whole window, or
// the two halves of the split view (trainee's left, expert's right), which
// share the camera and so show the same chart region.
func (g *Game) panes() []pane {
	if !g.panels.split.on {
		return []pane{{X0: 0, W: float64(g.w), Cam: g.cam}}
	}
	h := g.splitX()
	return []pane{{X0: 0, W: h, Cam: g.cam}, {X0: h, W: float64(g.w) - h, Cam: g.cam}}
}

// toggleSplit is bound to V. The chart point at the window's centre stays
// in view: it moves to the centre of the left half, and back.
func (g *Game) toggleSplit() {
	s := &g.panels.split
	s.on = !s.on
	if s.on {
		g.cam.Pan(-float64(g.w)/4, 0)
		g.ensureExpert()
		g.info("Split view: your work on the left, the expert example for %s, session %d on the right; pan and zoom move both · V closes", g.doc.T.ID, g.doc.Number)
	} else {
		g.cam.Pan(float64(g.w)/4, 0)
		g.dropSplitLayer()
	}
}

// ensureExpert starts making the expert example, through the X overlay's
// path, unless it is made or being made for the current document.
func (g *Game) ensureExpert() {
	e := &g.panels.expert
	key := g.docKey()
	if e.key == key || (e.job != nil && e.jobKey == key) {
		return
	}
	if e.job != nil {
		// A job for another document is running; pollJobs drops its
		// result and splitInput asks again.
		return
	}
	g.startExpert()
}

func (g *Game) dropSplitLayer() {
	s := &g.panels.split
	s.layer, s.key, s.ims = nil, "", nil
	if s.img != nil {
		s.img.Deallocate()
		s.img = nil
	}
}

// onExpertHalf reports whether screen x is on the split view's expert
// half, where nothing is placed (review shows its own replay on both).
func (g *Game) onExpertHalf(x float64) bool {
	return g.panels.split.on && g.review() == nil && x >= g.splitX()
}

// splitPanel is the split view's expert half as a panel: the wheel there
// zooms about the same chart point in both halves, and presses there never
// reach the tools (Space + left drag still pans, from either half).
type splitPanel struct{ g *Game }

// Open implements scene.Panel.
func (p splitPanel) Open() bool { return p.g.panels.split.on }

// Layout implements scene.Panel: the right half of area.
func (p splitPanel) Layout(area scene.Rect) scene.Rect {
	x := p.g.splitX()
	return scene.Rect{X: x, Y: area.Y, W: area.Right() - x, H: area.H}
}

// Update implements scene.Panel.
func (p splitPanel) Update(in *input.Input) bool {
	g := p.g
	g.ensureExpert() // the document may have changed template or session
	if !g.onExpertHalf(in.X) {
		return false
	}
	if in.WheelY != 0 {
		g.cam.Wheel(in.X-g.splitX(), in.Y, in.WheelY)
	}
	return !in.IsDown(ebiten.KeySpace)
}

// Draw implements scene.Panel: the halves are drawn with the chart.
func (p splitPanel) Draw(*ebiten.Image) {}

// Split view looks (presentation choices).
var (
	splitDivider = color.RGBA{0x1b, 0x1d, 0x1f, 0xff}
	splitTag     = color.RGBA{0x1b, 0x1d, 0x1f, 0xd0}
)

// drawSplit draws the expert half over the right of the screen, the
// divider and the halves' names. The right half's draw calls are its
// visible cache tiles, one image and a few rectangles.
func (g *Game) drawSplit(screen *ebiten.Image) {
	s := &g.panels.split
	if !s.on || g.w < 2 || g.h < 1 {
		return
	}
	x0 := g.splitX()
	w, h := g.w-int(x0), g.h
	e := &g.panels.expert
	ready := e.key == g.docKey() && e.err == nil
	if ready {
		look := g.splitLook()
		if s.layer == nil || s.key != e.key || !sameSlice(s.ims, e.ims) || s.look != look {
			d := doc.New(g.doc.T, "", g.doc.Number, time.Time{})
			d.SetImpressions(e.ims)
			s.layer = layer.New(d, g.layerOptions(), g.stage)
			s.key, s.ims, s.look = e.key, e.ims, look
			// The same tile budget as the main chart (setDoc).
			if g.cfg.RenderBudget > 0 {
				s.layer.Budget = g.cfg.RenderBudget
			} else {
				s.layer.TimeBudget = tileTimeBudget
			}
		}
		if s.img == nil || s.img.Bounds().Dx() != w || s.img.Bounds().Dy() != h {
			if s.img != nil {
				s.img.Deallocate()
			}
			s.img = ebiten.NewImage(w, h)
		}
		b, tb := s.layer.Budget, s.layer.TimeBudget
		if len(g.pendingCapture) > 0 {
			// A capture waits for a finished picture: render every
			// missing tile now.
			s.layer.Budget, s.layer.TimeBudget = 0, 0
		}
		s.layer.Draw(s.img, g.cam)
		s.layer.Budget, s.layer.TimeBudget = b, tb
		op := &ebiten.DrawImageOptions{}
		op.GeoM.Translate(x0, 0)
		screen.DrawImage(s.img, op)
	} else {
		fillRect(screen, float32(x0), 0, float32(w), float32(h), render.Background)
		msg := "Making the expert example…"
		if e.err != nil && e.key == g.docKey() {
			msg = "No expert example: " + e.err.Error()
		}
		drawText(screen, msg, g.face, x0+g.ui(40), float64(h)/2, dimColour)
	}
	sw := float32(g.ui(3))
	vline(screen, float32(x0), 0, float32(h), sw, splitDivider)
	// The pointer's twin: the same chart point in the other half, so a
	// spot can be compared across.
	if g.lastY < float64(g.h-g.statusHeight()) && g.lastX >= 0 && g.lastX < float64(g.w) {
		tx := g.lastX + x0
		if g.lastX >= x0 {
			tx = g.lastX - x0
		}
		g.drawTwin(screen, float32(tx+0.5), float32(g.lastY+0.5))
	}
	// The halves' names, either side of the divider at the bottom, clear
	// of the scale bar in the bottom-left corner.
	y := float64(g.h-g.statusHeight()) - g.ui(30)
	left, right := "Your work", "Expert example (V closes)"
	pad := g.ui(6)
	for _, t := range []struct {
		s string
		x float64
	}{{left, x0 - measure(left, g.face) - g.ui(12)}, {right, x0 + g.ui(12)}} {
		tw := measure(t.s, g.face)
		fillRect(screen, float32(t.x-pad), float32(y-pad), float32(tw+2*pad), float32(g.face.Size*1.3+2*pad), splitTag)
		drawText(screen, t.s, g.face, t.x, y, textColour)
	}
}

// drawTwin draws a small open cross at (x, y).
func (g *Game) drawTwin(screen *ebiten.Image, x, y float32) {
	sw := float32(g.ui(1))
	gap, l := float32(g.ui(4)), float32(g.ui(7))
	hline(screen, x-gap-l, x-gap, y, sw, cursorColour)
	hline(screen, x+gap, x+gap+l, y, sw, cursorColour)
	vline(screen, x, y-gap-l, y-gap, sw, cursorColour)
	vline(screen, x, y+gap, y+gap+l, sw, cursorColour)
}

// sameSlice reports whether a and b are the same slice (not just equal):
// the expert example is replaced, never edited in place.
func sameSlice(a, b []impression.Impression) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// drawViewOverlays draws the split view's right half and then the grid
// over both halves; drawOverlays defers it so it lands after every other
// canvas overlay, which the right half covers.
func (g *Game) drawViewOverlays(screen *ebiten.Image) {
	g.drawSplit(screen)
	g.drawGrid(screen)
}

// pointerMM is the chart point under the pointer, in whichever half of
// the split view it is.
func (g *Game) pointerMM() geom.Point {
	x := g.lastX
	if g.panels.split.on && x >= g.splitX() {
		x -= g.splitX()
	}
	return g.cam.ToMM(x+0.5, g.lastY+0.5)
}
