package input

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// Recorder wraps a Source and writes every tick's Input as one JSON line,
// so a session at the keyboard can be replayed exactly (Replay). Dropped
// files are not recorded.
type Recorder struct {
	// Src is the source being recorded.
	Src Source
	// W receives the JSON lines.
	W io.Writer
	// Err is the first write error; recording stops after it.
	Err error
}

// Next implements Source.
func (r *Recorder) Next(tick int, c Context) Input {
	in := r.Src.Next(tick, c)
	if r.Err == nil {
		var b []byte
		b, r.Err = json.Marshal(in)
		if r.Err == nil {
			_, r.Err = r.W.Write(append(b, '\n'))
		}
	}
	return in
}

// Replay is a Source that plays back a recording made by Recorder. After
// the last recorded tick it sends Quit.
//
// A recording is JSON lines, one Input each. Hand-written scripts may add
// "repeat": N to a line to play it for N ticks in all: the first tick as
// written, the others as idle ticks holding the same cursor, buttons and
// keys (no new presses, releases, wheel, capture, quit or close). A long
// repeat keeps the window open, for example until a test kills it.
type Replay struct {
	ticks []Input
	reps  []int
	i     int
	// left is how many idle repeats of ticks[i-1] are still to play.
	left int
}

// replayLine is one line of a recording: an Input and its repeat count.
type replayLine struct {
	Input
	// Repeat is how many ticks the line plays in all; 0 or 1 means once.
	Repeat int `json:"repeat,omitzero"`
}

// MaxRepeat bounds a line's repeat count: a day at 60 ticks a second.
const MaxRepeat = 24 * 3600 * 60

// ReadReplay reads a recording; name is used in errors.
func ReadReplay(r io.Reader, name string) (*Replay, error) {
	var rp Replay
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		var l replayLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("%s: line %d: %v", name, line, err)
		}
		if l.Repeat < 0 || l.Repeat > MaxRepeat {
			return nil, fmt.Errorf("%s: line %d: repeat: %d is outside 0–%d", name, line, l.Repeat, MaxRepeat)
		}
		rp.ticks = append(rp.ticks, l.Input)
		rp.reps = append(rp.reps, max(1, l.Repeat))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return &rp, nil
}

// Next implements Source.
func (r *Replay) Next(tick int, _ Context) Input {
	if r.left > 0 {
		r.left--
		prev := r.ticks[r.i-1]
		return Input{Tick: tick, X: prev.X, Y: prev.Y, Held: prev.Held, Down: prev.Down,
			Ctrl: prev.Ctrl, Shift: prev.Shift, Alt: prev.Alt}
	}
	if r.i >= len(r.ticks) {
		return Input{Tick: tick, Quit: true}
	}
	in := r.ticks[r.i]
	r.left = r.reps[r.i] - 1
	r.i++
	in.Tick = tick
	return in
}
