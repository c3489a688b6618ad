package ui

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

// Drawing only when something changed (issue 12). The screen is not
// cleared between frames (ebiten.SetScreenClearedEveryFrame(false)), and
// Draw returns at once when nothing it shows can have changed since the
// last frame; Ebitengine then stops presenting after a few such frames.
// It still wakes 60 times a second to poll the devices, which costs a
// little; so once the trainer has been idle for idleAfter, it switches to
// Ebitengine's minimum-update mode (FPSModeVsyncOffMinimum: a frame only
// on input), and back to 60 ticks a second at the first input. It is idle
// only when nothing is due (no message to expire, no autosave pending, no
// background work, no tile left to draw), so no timer needs to wake it.
// Ebitengine records button edges from GLFW's callbacks in either mode,
// so a click that wakes it is not lost (input.buttonTrack). The session
// clock counts ticks, so idle time in the minimum mode is not counted as
// working time.
//
// Frames are drawn on a tick with input and a few times after it, not on
// every tick: under a software GL each drawn frame costs tens of
// milliseconds, and the devices are read only between frames, so a
// loaded machine that drew every frame read the mouse a few times a
// second.

// Redraw timing, in ticks or wall time.
const (
	// redrawAfterInput keeps drawing for a moment after the last input,
	// every redrawFollowUp, for effects that follow it by a few ticks:
	// the score report, the heatmap, the expert example and the profile
	// refresh at most every 6 to 30 ticks. A tick with input is drawn at
	// once.
	redrawAfterInput = TPS / 2
	// redrawEvery is the longest an idle trainer goes without a frame: a
	// safety net for any change the checks below miss, at one frame a
	// second.
	redrawEvery = TPS
	// redrawFollowUp is the wall time between two frames drawn after an
	// input for what follows it: wall time, as a loaded machine runs
	// several ticks a frame.
	redrawFollowUp = 100 * time.Millisecond
	// idleAfter is how long without input (and with nothing moving or
	// due) before the trainer goes to the minimum-update mode: wall time,
	// as a loaded machine runs fewer ticks.
	idleAfter = 2 * time.Second
)

// drawnState is what the last frame showed, to tell whether the next one
// would differ.
type drawnState struct {
	tick      int
	at        time.Time
	w, h      int
	msg       string
	docState  uint64
	stackSize int
}

// noteInput records the tick's input: an event that can change the
// picture (a move, a wheel turn, a key, a press or release…) asks for a
// frame; a key or button merely held keeps the trainer from going idle
// but draws nothing by itself, so a loaded machine spends its frames on
// reading the mouse rather than redrawing a picture that did not change.
func (g *Game) noteInput(in *input.Input) {
	changes := in.X != g.lastX || in.Y != g.lastY || in.WheelX != 0 || in.WheelY != 0 ||
		len(in.Keys) > 0 || len(in.Chars) > 0 || in.Dropped != nil || in.Close || in.Capture != ""
	held := len(in.Down) > 0
	for b := range in.Pressed {
		changes = changes || in.Pressed[b] || in.Released[b]
		held = held || in.Held[b]
	}
	if changes {
		g.lastInputTick = g.tick
	}
	if changes || held {
		g.lastInputAt = time.Now()
	}
}

// needsDraw reports whether the next frame could differ from the last.
func (g *Game) needsDraw() bool {
	d := g.drawn
	switch {
	case g.tick-d.tick >= redrawEvery,
		inputWantsFrame(g.tick, g.lastInputTick, d.tick, time.Since(d.at)),
		d.w != g.w || d.h != g.h,
		d.msg != g.msg,
		d.docState != g.doc.StateID(),
		d.stackSize != g.scenes.Depth(),
		g.panels.heat.on && g.panels.heat.imgStale, // a measure landed
		len(g.pendingCapture) > 0:
		return true
	}
	return g.animating()
}

// inputWantsFrame reports whether input asks for a frame at tick, the
// last input having come at tick last and the last frame drawn at tick
// drawn, since ago: input since that frame does, and then a frame every
// redrawFollowUp for redrawAfterInput ticks.
func inputWantsFrame(tick, last, drawn int, since time.Duration) bool {
	return last >= drawn || (tick-last <= redrawAfterInput && since >= redrawFollowUp)
}

// animating reports whether something moves on its own: a review playing,
// background work showing its progress, cache tiles still being drawn, an
// autosave under way.
func (g *Game) animating() bool {
	p := &g.panels
	return (g.review() != nil && g.review().playing) ||
		p.expert.job != nil || p.heat.job != nil || p.heat.measure != nil || p.distance.job != nil || g.profile.job != nil ||
		g.autosaving != nil || !g.layer.Complete(g.cam, g.w, g.h)
}

// markDrawn notes what the frame just drawn showed.
func (g *Game) markDrawn() {
	g.drawn = drawnState{tick: g.tick, at: time.Now(), w: g.w, h: g.h, msg: g.msg, docState: g.doc.StateID(), stackSize: g.scenes.Depth()}
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
