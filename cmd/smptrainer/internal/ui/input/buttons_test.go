package input

import (
	"math"
	"testing"
	"time"
)

// buttonEvents plays a button's true history against reads made at given
// times, as Ebitengine would report them: each read says whether a press
// and a release came since the last read, and whether the button is down
// now. It returns the ticks a buttonTrack hands the game.
func buttonEvents(t *testing.T, presses, releases []float64, reads []float64) []buttonTick {
	t.Helper()
	t0 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	var b buttonTrack
	var out []buttonTick
	var prev time.Time
	last := math.Inf(-1)
	for _, r := range reads {
		var rd buttonRead
		lastPress, lastRelease := math.Inf(-1), math.Inf(-1)
		for _, p := range presses {
			if p > last && p <= r {
				rd.pressed = true
			}
			if p <= r {
				lastPress = p
			}
		}
		for _, p := range releases {
			if p > last && p <= r {
				rd.released = true
			}
			if p <= r {
				lastRelease = p
			}
		}
		rd.down = lastPress > lastRelease
		out = append(out, b.read(rd, prev, at(r)))
		prev, last = at(r), r
	}
	return out
}

// clicks returns the clicks the ticks hand over (releases after
// presses): their ticks.
func clicks(ts []buttonTick) (cs []buttonTick) {
	down := false
	for _, tk := range ts {
		if tk.pressed {
			down = true
		}
		if tk.released && down {
			cs = append(cs, tk)
			down = false
		}
	}
	return cs
}

// checkHolds checks that each click's true hold lies within its measured
// range (or that it is unknown).
func checkHolds(t *testing.T, cs []buttonTick, truth []float64) {
	t.Helper()
	if len(cs) != len(truth) {
		t.Fatalf("%d clicks, want %d", len(cs), len(truth))
	}
	for i, c := range cs {
		if c.holdS == HoldUnknown {
			continue
		}
		if math.Abs(c.holdS-truth[i]) > c.holdErrS+1e-9 {
			t.Errorf("click %d: held %.3f s, measured %.3f ± %.3f s", i, truth[i], c.holdS, c.holdErrS)
		}
	}
}

func TestButtonTrackFastFrames(t *testing.T) {
	// 60 reads a second: a 0.1 s click reads as pressed, held, released,
	// with its hold within a frame of the truth.
	var reads []float64
	for i := range 60 {
		reads = append(reads, float64(i)/60)
	}
	ts := buttonEvents(t, []float64{0.205}, []float64{0.305}, reads)
	cs := clicks(ts)
	checkHolds(t, cs, []float64{0.1})
	if cs[0].holdErrS > 1.0/60+1e-9 {
		t.Errorf("hold known to ± %.3f s, want within a frame", cs[0].holdErrS)
	}
	for i, tk := range ts {
		if tk.held != (reads[i] >= 0.205 && reads[i] < 0.305) {
			t.Errorf("read at %.3f s: held %v", reads[i], tk.held)
		}
	}
}

func TestButtonTrackClickInsideOneRead(t *testing.T) {
	// A 0.1 s click between two reads 0.4 s apart: one click, hold
	// unknown, held during its tick.
	ts := buttonEvents(t, []float64{0.1}, []float64{0.2}, []float64{0, 0.4, 0.8})
	if tk := ts[1]; !tk.pressed || !tk.released || !tk.held || tk.holdS != HoldUnknown {
		t.Errorf("tick %+v, want a whole click of unknown hold", tk)
	}
	if ts[2].held || ts[2].pressed {
		t.Errorf("after the click: %+v", ts[2])
	}
}

func TestButtonTrackReleaseAndNextPressReadTogether(t *testing.T) {
	// Press read at 0.4; release at 0.45 and the next press at 0.75 both
	// read at 0.8; release of the second at 0.85, read at 1.2. Two
	// clicks, the second press handed over one tick late.
	ts := buttonEvents(t, []float64{0.35, 0.75}, []float64{0.45, 0.85}, []float64{0, 0.4, 0.8, 0.8167, 1.2})
	cs := clicks(ts)
	checkHolds(t, cs, []float64{0.1, 0.1})
	// First: press in (0, 0.4], release in (0.4, 0.8]: 0 to 0.8 s.
	if math.Abs(cs[0].holdS-0.4) > 1e-6 || math.Abs(cs[0].holdErrS-0.4) > 1e-6 {
		t.Errorf("first hold %.3f ± %.3f s, want 0.4 ± 0.4", cs[0].holdS, cs[0].holdErrS)
	}
	if !ts[2].released || ts[2].pressed || ts[2].held {
		t.Errorf("read at 0.8 first hands over the release alone: %+v", ts[2])
	}
	if !ts[3].pressed || !ts[3].held {
		t.Errorf("the next tick hands over the press: %+v", ts[3])
	}
}

func TestButtonTrackClickThenHeldPress(t *testing.T) {
	// A whole click and the next press, all inside one read: the click,
	// then the press, which is released later.
	ts := buttonEvents(t, []float64{0.1, 0.3}, []float64{0.2, 0.7}, []float64{0, 0.35, 0.37, 0.75})
	checkHolds(t, clicks(ts), []float64{0.1, 0.4})
	if tk := ts[1]; !tk.pressed || !tk.released || tk.holdS != HoldUnknown {
		t.Errorf("first tick %+v, want the whole click", tk)
	}
	if tk := ts[2]; !tk.pressed || tk.released || !tk.held {
		t.Errorf("second tick %+v, want the press still held", tk)
	}
}

func TestButtonTrackReleaseThenWholeClick(t *testing.T) {
	// Held from 0.05; released at 0.3, clicked again 0.35–0.38, read at
	// 0.4: the release, then a whole click.
	ts := buttonEvents(t, []float64{0.05, 0.35}, []float64{0.3, 0.38}, []float64{0, 0.1, 0.4, 0.42})
	cs := clicks(ts)
	checkHolds(t, cs, []float64{0.25, 0.03})
	if cs[1].holdS != HoldUnknown {
		t.Errorf("second click %+v, want its hold unknown", cs[1])
	}
}

func TestButtonTrackManyReadsNoEdgeLost(t *testing.T) {
	// 60 clicks of 0.1 s, 0.3 s apart, against reads whose spans wander
	// between a frame and 0.39 s (under the 0.4 s a click and its gap
	// take): every click reaches the game.
	var presses, releases, reads []float64
	for i := range 60 {
		p := 0.5 + float64(i)*0.4
		presses, releases = append(presses, p), append(releases, p+0.1)
	}
	for r, i := 0.0, 0; r < 25; i++ {
		reads = append(reads, r)
		r += []float64{1.0 / 60, 0.39, 0.05, 0.3, 0.2, 1.0 / 60, 0.37}[i%7]
	}
	truth := make([]float64, 60)
	for i := range truth {
		truth[i] = 0.1
	}
	checkHolds(t, clicks(buttonEvents(t, presses, releases, reads)), truth)
}
