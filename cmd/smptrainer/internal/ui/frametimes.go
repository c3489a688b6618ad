package ui

import (
	"fmt"
	"io"
	"time"
)

// frameTimes times the real window's frames for -frametimes: how long
// Update and Draw take, and the wall time between two frames, which is
// how often Ebitengine reads the mouse and keyboard (once a frame). A
// click pressed and released inside one interval has no measured hold,
// and two inside one interval read as one: the intervals under load are
// the figure that says whether clicks can be lost.
type frameTimes struct {
	update, draw, painted, interval []time.Duration
	lastFrame                       time.Time
}

// timeUpdate records one Update that began at t0.
func (f *frameTimes) timeUpdate(t0 time.Time) {
	f.update = append(f.update, time.Since(t0))
}

// timeDraw records one Draw that began at t0; painted tells whether it
// drew (a Draw with nothing changed returns at once), idle whether the
// game is in the minimum-update mode, whose long waits for input are not
// frame intervals.
func (f *frameTimes) timeDraw(t0 time.Time, painted, idle bool) {
	d := time.Since(t0)
	f.draw = append(f.draw, d)
	if painted {
		f.painted = append(f.painted, d)
	}
	if !f.lastFrame.IsZero() {
		f.interval = append(f.interval, t0.Sub(f.lastFrame))
	}
	f.lastFrame = t0
	if idle {
		f.lastFrame = time.Time{}
	}
}

// report writes the figures.
func (f *frameTimes) report(w io.Writer) {
	fmt.Fprintf(w, "smptrainer frame times: %d updates, %d frames (%d painted)\n", len(f.update), len(f.draw), len(f.painted))
	fmt.Fprintf(w, "  update          %s\n", percentiles(f.update))
	fmt.Fprintf(w, "  draw, painted   %s\n", percentiles(f.painted))
	fmt.Fprintf(w, "  frame interval  %s\n", percentiles(f.interval))
}
