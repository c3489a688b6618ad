package ui

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

// Drawing only when something changed (issue 12). The screen is not
// cleared between frames (ebiten.SetScreenClearedEveryFrame(false)), and
// Draw returns at once when nothing it shows can have changed since the
// last frame. That alone still leaves Ebitengine presenting 60 frames a
// second, which under a software GL costs most of a core; so once the
// trainer has been idle for idleAfter, it switches to Ebitengine's
// minimum-update mode (FPSModeVsyncOffMinimum: a frame only on input),
// and back to 60 ticks a second at the first input. It is idle only when
// nothing is due (no message to expire, no autosave pending, no background
// work, no tile left to draw), so no timer needs to wake it. While active, vsync is on, which keeps GLFW's sticky mouse
// buttons, so no click is lost between two frames. The session clock
// counts ticks, so idle time in the minimum mode is not counted as
// working time.

// Redraw timing, in ticks.
const (
	// redrawAfterInput keeps drawing for a moment after the last input,
	// for effects that follow it by a few ticks (a panel's layout, a
	// toast's first frame).
	redrawAfterInput = TPS / 2
	// redrawEvery is the longest an idle trainer goes without a frame: a
	// safety net for any change the checks below miss, at one frame a
	// second.
	redrawEvery = TPS
	// idleAfter is how long without input (and with nothing moving or
	// due) before the trainer goes to the minimum-update mode: wall time,
	// as a loaded machine runs fewer ticks.
	idleAfter = 2 * time.Second
)

// drawnState is what the last frame showed, to tell whether the next one
// would differ.
type drawnState struct {
	tick      int
	w, h      int
	msg       string
	docState  uint64
	stackSize int
}

// noteInput records the tick's input: any event means the picture may
// change.
func (g *Game) noteInput(in *input.Input) {
	active := in.X != g.lastX || in.Y != g.lastY || in.WheelX != 0 || in.WheelY != 0 ||
		len(in.Keys) > 0 || len(in.Down) > 0 || len(in.Chars) > 0 || in.Dropped != nil || in.Close || in.Capture != ""
	for b := range in.Pressed {
		active = active || in.Pressed[b] || in.Held[b] || in.Released[b]
	}
	if active {
		g.lastInputTick = g.tick
		g.lastInputAt = time.Now()
	}
}

// needsDraw reports whether the next frame could differ from the last.
func (g *Game) needsDraw() bool {
	d := g.drawn
	switch {
	case g.tick-d.tick >= redrawEvery,
		g.tick-g.lastInputTick <= redrawAfterInput,
		d.w != g.w || d.h != g.h,
		d.msg != g.msg,
		d.docState != g.doc.StateID(),
		d.stackSize != g.scenes.Depth(),
		len(g.pendingCapture) > 0:
		return true
	}
	return g.animating()
}

// animating reports whether something moves on its own: a review playing,
// background work showing its progress, cache tiles still being drawn, an
// autosave under way.
func (g *Game) animating() bool {
	p := &g.panels
	return (g.tools.review != nil && g.tools.review.playing) ||
		p.expert.job != nil || p.heat.job != nil || g.profile.job != nil ||
		g.autosaving != nil || !g.layer.Complete(g.cam, g.w, g.h)
}

// markDrawn notes what the frame just drawn showed.
func (g *Game) markDrawn() {
	g.drawn = drawnState{tick: g.tick, w: g.w, h: g.h, msg: g.msg, docState: g.doc.StateID(), stackSize: g.scenes.Depth()}
}

// busy reports whether the trainer must keep ticking at full rate: recent
// input, something moving, or something due (a message to expire, an
// autosave to write).
func (g *Game) busy() bool {
	return time.Since(g.lastInputAt) <= idleAfter || g.animating() || g.msg != "" ||
		!g.dirtySince.IsZero() || len(g.pendingCapture) > 0 || g.panning || g.tools.stroke != nil || g.tools.erase != nil
}

// pace switches between full rate and the minimum-update mode (only for
// the real window: headless tests and the benchmark keep their pace).
func (g *Game) pace() {
	if !g.windowed {
		return
	}
	switch busy := g.busy(); {
	case busy && g.idle:
		ebiten.SetFPSMode(ebiten.FPSModeVsyncOn)
		g.idle = false
	case !busy && !g.idle:
		ebiten.SetFPSMode(ebiten.FPSModeVsyncOffMinimum)
		g.idle = true
	}
}
