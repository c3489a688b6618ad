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
type Replay struct {
	ticks []Input
	i     int
}

// ReadReplay reads a recording; name is used in errors.
func ReadReplay(r io.Reader, name string) (*Replay, error) {
	var rp Replay
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		var in Input
		if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
			return nil, fmt.Errorf("%s: line %d: %v", name, line, err)
		}
		rp.ticks = append(rp.ticks, in)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return &rp, nil
}

// Next implements Source.
func (r *Replay) Next(tick int, _ Context) Input {
	if r.i >= len(r.ticks) {
		return Input{Tick: tick, Quit: true}
	}
	in := r.ticks[r.i]
	r.i++
	in.Tick = tick
	return in
}
