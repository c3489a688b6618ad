package ui

import (
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/store"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/session"
)

// clickSlopPx is how far the pointer may move between press and release
// and still count as a click rather than a drag, in device pixels per
// device scale unit: a steady hand moves a pixel or two.
const clickSlopPx = 4

// Update implements ebiten.Game: it reads one Input and applies it.
func (g *Game) Update() error {
	if g.frames != nil {
		defer g.frames.timeUpdate(time.Now())
	}
	if !g.camInit && g.w > 0 {
		g.initCamera()
	}
	if len(g.pendingCapture) > 0 {
		// Hold the input until the frame asked for is read back, so a
		// script's later actions cannot happen before its capture.
		return nil
	}
	in := g.src.Next(g.tick, g)
	g.noteInput(&in) // redraw.go
	g.apply(&in)
	g.pollAutosave()
	g.pollHandin()
	g.tick++
	g.pace() // redraw.go: full rate, or the minimum-update mode when idle
	if g.quit {
		// Let a background autosave finish rather than leave its
		// temporary file behind.
		g.cancelAutosave()
		return ebiten.Termination
	}
	return nil
}

// apply is the whole of the game logic: state + Input → state.
func (g *Game) apply(in *input.Input) {
	if in.Capture != "" {
		g.pendingCapture = append(g.pendingCapture, in.Capture)
	}
	if in.Quit {
		g.quit = true
	}
	if in.Close {
		g.closeRequested()
	}
	if g.msg != "" && g.tick >= g.msgUntil {
		g.msg = ""
	}
	if in.Dropped != nil {
		g.openDropped(in.Dropped)
	}
	g.scenes.Update(in) // scenes.go: the top scene takes the input
	g.lastX, g.lastY = in.X, in.Y
	g.shadeContent() // the ink the status line and the next dot show
	g.distanceTick() // distance.go: the view from a distance, in any scene
	// The layout the frame is drawn with, after this tick's changes (a
	// panel opened, the UI size), whichever scene is on top.
	g.layoutPanels()
}

// closeRequested handles the window's close button: it closes at once
// when the work is saved, and otherwise asks for a second close within
// closeConfirmTicks, saying how to save.
func (g *Game) closeRequested() {
	if !g.doc.Unsaved() {
		g.quit = true
		return
	}
	if g.closeAsked >= 0 && g.tick-g.closeAsked <= closeConfirmTicks {
		// The trainee chose to discard the work: the recovery file goes
		// too, or the next start would offer it back.
		g.cancelAutosave()
		g.work.Remove()
		g.quit = true
		return
	}
	g.closeAsked = g.tick
	g.error("Unsaved work: press Ctrl+S to save it, or quit again (Ctrl+Q or the close button) within %d s to discard it", closeConfirmTicks/TPS)
}

// closeTopmost is Esc: it clears the lasso's selection, or else the
// message line.
func (g *Game) closeTopmost() {
	if g.tools.tool == ToolLasso && g.selection() != nil {
		g.tools.lasso.sel = nil
	}
	g.msg = ""
}

// quitRequested is the quit key: like the window's close button, it asks
// first when the work is unsaved.
func (g *Game) quitRequested() { g.closeRequested() }

// closeConfirmTicks is how long a second close request counts as a
// confirmation.
const closeConfirmTicks = 10 * TPS

// previewStages are the looks P cycles through: what the client sees
// today, in a month, and in five years (issue 3's preview switch).
var previewStages = []appearance.Stage{appearance.Fresh, appearance.Healed, appearance.Aged(5)}

// cycleStage switches the impressions' preview to the next stage.
func (g *Game) cycleStage() {
	i := slices.Index(previewStages, g.stage)
	g.stage = previewStages[(i+1)%len(previewStages)]
	g.layer.SetOptions(g.layerOptions(), g.stage)
	g.info("Preview: impressions as they look %s", stageWords(g.stage))
}

func stageWords(st appearance.Stage) string {
	switch st.Kind {
	case appearance.KindFresh:
		return "fresh, just done"
	case appearance.KindHealed:
		return "healed, about a month later"
	}
	return fmt.Sprintf("after %g years", st.Years)
}

// setGrouping changes the needle's grouping, keeping its gauge.
func (g *Game) setGrouping(gr impression.Grouping) {
	g.setNeedle(impression.Needle{Grouping: gr, GaugeMM: g.needle.GaugeMM})
}

// zoomCentre is the point the zoom keys zoom about: the middle of the
// chart area, or of the left half in split view (and so of the right).
func (g *Game) zoomCentre() (x, y float64) {
	if g.panels.split.on {
		return g.splitX() / 2, float64(g.h-g.statusHeight()) / 2
	}
	return float64(g.w) / 2, float64(g.h) / 2
}

// zoomStep zooms one wheel notch in (+1) or out (-1) about zoomCentre.
func (g *Game) zoomStep(dir float64) {
	x, y := g.zoomCentre()
	g.cam.Wheel(x, y, dir)
}

// zoomTrue zooms to 1:1, true size.
func (g *Game) zoomTrue() {
	x, y := g.zoomCentre()
	g.cam.SetZoom(x, y, 1)
	where := ""
	if g.panels.split.on {
		where = " in both halves"
	}
	g.info("Zoom 1:1%s: 1 mm on screen is 1 mm of scalp (at %.0f dpi per logical pixel)", where, 96.0)
}

// fit fits the template in the chart area (one half in split view),
// below the toolbar and the title and above the status line.
func (g *Game) fit() {
	w := g.w
	if g.panels.split.on {
		w = int(g.splitX())
	}
	top := g.toolbar.Height() + g.titleHeight()
	g.cam.Fit(g.doc.T.Bounds(), w, g.h-g.statusHeight()-int(top), 20)
	g.cam.Pan(0, top)
}

// setNeedle changes the needle for the next impressions.
func (g *Game) setNeedle(n impression.Needle) {
	g.needle = n
	g.info("Needle %s: dots %.2f mm across", n, n.DotDiameterMM())
}

// stepGauge moves to the next smaller (-1) or larger (+1) gauge.
func (g *Game) stepGauge(dir int) {
	gs := impression.Gauges
	i := slices.Index(gs, g.needle.GaugeMM)
	if i < 0 {
		i = 1
	}
	i = max(0, min(len(gs)-1, i+dir))
	g.setNeedle(impression.Needle{Grouping: g.needle.Grouping, GaugeMM: gs[i]})
}

// pointer handles the mouse: wheel zoom, pan drags and clicks.
func (g *Game) pointer(in *input.Input) {
	if g.viewPointer(in) {
		return
	}
	if g.toolPointer(in) { // stipple and eraser: tools.go
		return
	}
	// A click places on release, at the press position, if the pointer
	// stayed put: a drag that started as a click is not an impression.
	if in.Pressed[input.Left] && g.onCanvas(in.X, in.Y) {
		// Presses on the status line are not aimed at the scalp.
		g.pressed = true
		g.pressX, g.pressY = in.X, in.Y
	}
	// The pointer is read once a frame, so on the tick a release is read
	// it may already have moved on to the next place: only a move seen
	// while the button is still down makes the press a drag.
	if g.pressed && in.Held[input.Left] && !in.Released[input.Left] &&
		math.Hypot(in.X-g.pressX, in.Y-g.pressY) > clickSlopPx*math.Max(1, g.dsf) {
		g.pressed = false
	}
	if in.Released[input.Left] && g.pressed {
		g.pressed = false
		g.clickPlace(g.pressX, g.pressY, in) // depth from the hold: tools.go
	}
}

// viewPointer moves the view: the wheel zooms, and a right or middle
// drag (or Space with a left drag) pans. It reports whether a pan has the
// pointer.
func (g *Game) viewPointer(in *input.Input) bool {
	if in.WheelY != 0 {
		g.cam.Wheel(in.X, in.Y, in.WheelY)
	}
	space := in.IsDown(ebiten.KeySpace)
	dx, dy := in.X-g.lastX, in.Y-g.lastY

	// Pan: right or middle drag, or space + left drag.
	if in.Pressed[input.Right] || in.Pressed[input.Middle] || (in.Pressed[input.Left] && space) {
		g.panning = true
	}
	if !g.panning {
		return false
	}
	if dx != 0 || dy != 0 {
		g.cam.Pan(dx, dy)
	}
	if !in.Held[input.Right] && !in.Held[input.Middle] && !(in.Held[input.Left] && space) {
		g.panning = false
	}
	g.pressed = false
	return true
}

func (g *Game) undo() {
	if c := g.doc.Undo(); c != nil {
		g.info("Undone: %s", c.Name())
		g.changed()
	} else {
		g.info("Nothing to undo")
	}
}

func (g *Game) redo() {
	if c := g.doc.Redo(); c != nil {
		g.info("Redone: %s", c.Name())
		g.changed()
	} else {
		g.info("Nothing to redo")
	}
}

// save writes the document to the file it came from, or a new file in
// the sessions folder named after the trainee and the exercise.
func (g *Game) save() {
	path := g.savePath
	if path == "" {
		p, err := store.NewNamedSessionPath(g.fileStem(), g.cfg.Now())
		if err != nil {
			g.error("Could not save: %v", err)
			return
		}
		path = p
	}
	g.saveTo(path)
}

// saveTo writes the document to path (atomically: the old file, if any,
// stays intact when writing fails) and makes it the file Ctrl+S writes.
func (g *Game) saveTo(path string) bool {
	// A pending or running autosave of this work must not write its
	// recovery after the save has removed it.
	g.cancelAutosave()
	s := g.session()
	if err := store.SaveSession(path, s); err != nil {
		g.changed() // still unsaved: autosave keeps it meanwhile
		g.error("Could not save %v (the work is still here; autosave keeps a copy)", err)
		return false
	}
	g.doc.MarkSaved()
	g.work.Remove()
	g.savePath, g.fileName = path, path
	who := ""
	if s.Trainee == "" {
		who = " (without a name: Ctrl+, sets yours, for the next save)"
	}
	g.info("Saved %s to %s%s", plural(g.doc.Len(), "impression"), store.Where(path), who)
	g.recordProgress() // picker.go: best score per exercise
	return true
}

// fileStem is the start of a new file's name: the trainee's name and the
// exercise (or template) and session, made safe for any file system:
// "ana-lima-square-even-s1".
func (g *Game) fileStem() string {
	what := g.doc.Exercise
	if what == "" {
		what = fmt.Sprintf("%s-s%d", g.doc.T.ID, g.doc.Number)
	}
	parts := []string{fileWord(cmp.Or(g.doc.Trainee, g.trainee)), fileWord(what)}
	parts = slices.DeleteFunc(parts, func(s string) bool { return s == "" })
	if len(parts) == 0 {
		return "session"
	}
	return strings.Join(parts, "-")
}

// fileWord turns s into a file-name word: letters and digits (any
// script) kept and lower-cased, every other run of characters one "-",
// at most 40 characters.
func fileWord(s string) string {
	var b strings.Builder
	dash := false
	n := 0
	for _, r := range strings.ToLower(s) {
		if n >= 40 {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
				n++
			}
			b.WriteRune(r)
			n++
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

// openPath opens a session file, keeping the current work when it fails.
func (g *Game) openPath(path string) {
	s, err := store.LoadSession(path)
	if err != nil {
		g.error("Could not open %v", err)
		return
	}
	kept, err := g.switchTo(func() error { return g.adopt(s, path) })
	if err != nil {
		g.error("Could not open %v", err)
		return
	}
	g.info("Opened %s: %d impressions on %s%s", filepath.Base(path), g.doc.Len(), g.doc.T.ID, kept)
}

// openDropped opens the first file dropped on the window.
func (g *Game) openDropped(fsys fs.FS) {
	des, err := fs.ReadDir(fsys, ".")
	if err != nil || len(des) == 0 {
		return
	}
	for _, de := range des {
		if de.IsDir() {
			continue
		}
		// On desktops the entry knows its real path: open it as a file,
		// so Ctrl+S saves back to it.
		if ap, ok := de.(ebiten.AbsPather); ok && ap.AbsPath() != "" {
			g.openPath(ap.AbsPath())
			return
		}
		f, err := fsys.Open(de.Name())
		if err != nil {
			g.error("Could not open %s: %v", de.Name(), err)
			return
		}
		s, err := session.Decode(io.LimitReader(f, 1<<30), de.Name())
		f.Close()
		if err != nil {
			g.error("Could not open %v", err)
			return
		}
		kept, err := g.switchTo(func() error { return g.adopt(s, "") })
		if err != nil {
			g.error("Could not open %v", err)
			return
		}
		g.fileName = de.Name()
		g.info("Opened %s: %d impressions (Ctrl+S saves a copy to %s)%s", de.Name(), g.doc.Len(), store.Where(""), kept)
		return
	}
}
