package input

import "time"

// Reading a mouse button from Ebitengine without losing a click.
//
// Ebitengine (v2.10) records each press and release from GLFW's event
// callbacks, but it polls the window's events once a frame and keeps only
// the last press and the last release of each button: a tick learns that a
// press came since the last read (just pressed), that a release came
// (just released), and, from which came last, whether the button is down
// now. When a frame is slow, as under software GL on a loaded machine,
// several edges can arrive between two reads. buttonTrack works out the
// edges that must have happened from those three facts and what the game
// was last told, and hands them to the game one tick each, so a release
// and the next press read together become two ticks instead of a click
// that swallows the next one. Only two whole clicks inside one read are
// beyond it: they read exactly like one.
//
// Times are the wall clock. An edge read now happened at some moment since
// the last read, so a hold is known to lie between the shortest and the
// longest time its two spans allow: the game gets the middle of that
// range and how far either end lies from it. A press read late, after a
// slow frame, then does not make the click that follows look short, and
// with frames of a sixtieth of a second the range is that narrow.

// buttonRead is what one read of the devices tells of a button.
type buttonRead struct {
	// pressed and released: a press, a release came since the last read.
	pressed, released bool
	// down: the button is down now (the last edge was a press).
	down bool
}

// edge is a press, a release or a whole click, to hand to the game in
// one tick.
type edge int

const (
	edgePress edge = iota
	edgeRelease
	// edgeClick is a press and its release read together: the click
	// happened, its hold is not known.
	edgeClick
)

// timedEdge is an edge and the span of wall time it happened in.
type timedEdge struct {
	edge
	from, to time.Time
}

// buttonTick is a button's state in one tick's Input.
type buttonTick struct {
	pressed, held, released bool
	// holdS is, when released, how long the button was held in seconds,
	// give or take holdErrS; HoldUnknown for a click read whole.
	holdS, holdErrS float64
}

// buttonTrack is one mouse button as the game has been told of it.
type buttonTrack struct {
	// down is the button's state once every edge so far, queued ones
	// included, is handed over.
	down bool
	// queue holds edges read but not yet handed over, oldest first.
	queue []timedEdge
	// pressed is the span the press the game was last told of happened
	// in (from is zero before the first).
	pressed timedEdge
}

// read takes one read of the button, made at now, the last one having
// been made at prev (zero for the first), and returns the tick's state.
func (b *buttonTrack) read(r buttonRead, prev, now time.Time) buttonTick {
	from := prev
	if from.IsZero() || from.After(now) {
		from = now
	}
	for _, e := range b.edges(r) {
		b.queue = append(b.queue, timedEdge{e, from, now})
	}
	if len(b.queue) == 0 {
		return buttonTick{held: b.down}
	}
	s := b.queue[0]
	b.queue = b.queue[1:]
	switch s.edge {
	case edgePress:
		b.pressed = s
		return buttonTick{pressed: true, held: true}
	case edgeRelease:
		t := buttonTick{released: true, holdS: HoldUnknown}
		if p := b.pressed; !p.from.IsZero() {
			lo := max(0, s.from.Sub(p.to).Seconds())
			hi := s.to.Sub(p.from).Seconds()
			t.holdS, t.holdErrS = (lo+hi)/2, (hi-lo)/2
		}
		return t
	}
	// A click read whole is down for part of its tick (as Ebitengine's
	// own "pressed" says), so a tool that acts while the button is down
	// acts on it once.
	return buttonTick{pressed: true, held: true, released: true, holdS: HoldUnknown}
}

// edges returns the edges one read stands for, given the state the game
// will have been told of (b.down), and updates b.down.
func (b *buttonTrack) edges(r buttonRead) []edge {
	var ss []edge
	switch {
	case r.pressed && r.released:
		// Which edge came first follows from the state before and
		// after: up → up is a click; up → down, a click and a press
		// still held; down → down, a release and a new press; down →
		// up, a release and a whole click.
		if b.down {
			ss = append(ss, edgeRelease)
			if r.down {
				ss = append(ss, edgePress)
			} else {
				ss = append(ss, edgeClick)
			}
		} else {
			ss = append(ss, edgeClick)
			if r.down {
				ss = append(ss, edgePress)
			}
		}
	case r.pressed != r.released, r.down != b.down:
		// One edge; or none read but the state moved on (a release
		// Ebitengine dropped, as when the window loses the pointer):
		// catch up with it.
		if r.down != b.down {
			if r.down {
				ss = append(ss, edgePress)
			} else {
				ss = append(ss, edgeRelease)
			}
		}
	}
	b.down = r.down
	return ss
}
