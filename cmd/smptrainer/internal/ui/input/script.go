package input

import (
	"io/fs"
	"math"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/sim/geom"
)

// Script is a Source that plays a list of scripted actions, one or more
// ticks each, for tests and benchmarks. Build it with the chainable methods;
// positions given in mm are turned into screen pixels when the action runs,
// through the game's view at that moment.
//
// After the last action Script keeps sending idle ticks; end it with Quit.
type Script struct {
	steps []step
	next  int
	queue []Input

	x, y float64
	held [numButtons]bool
	down []ebiten.Key
}

// step produces the ticks of one action. It may return none (an action that
// only changes state, such as a cursor move with no tick of its own).
type step func(s *Script, c Context) []Input

// NewScript returns an empty script.
func NewScript() *Script { return &Script{} }

func (s *Script) add(st step) *Script {
	s.steps = append(s.steps, st)
	return s
}

// frame returns an Input carrying the script's current state.
func (s *Script) frame() Input {
	in := Input{X: s.x, Y: s.y, Held: s.held, Down: slices.Clone(s.down)}
	for _, k := range s.down {
		switch k {
		case ebiten.KeyControl, ebiten.KeyControlLeft, ebiten.KeyControlRight, ebiten.KeyMeta:
			in.Ctrl = true
		case ebiten.KeyShift, ebiten.KeyShiftLeft, ebiten.KeyShiftRight:
			in.Shift = true
		case ebiten.KeyAlt, ebiten.KeyAltLeft, ebiten.KeyAltRight:
			in.Alt = true
		}
	}
	return in
}

// Next implements Source.
func (s *Script) Next(tick int, c Context) Input {
	for len(s.queue) == 0 && s.next < len(s.steps) {
		st := s.steps[s.next]
		s.next++
		s.queue = st(s, c)
	}
	var in Input
	if len(s.queue) > 0 {
		in = s.queue[0]
		s.queue = s.queue[1:]
	} else {
		in = s.frame()
	}
	in.Tick = tick
	return in
}

// Done reports whether every action has been played.
func (s *Script) Done() bool { return s.next >= len(s.steps) && len(s.queue) == 0 }

// Wait sends n idle ticks.
func (s *Script) Wait(n int) *Script {
	return s.add(func(s *Script, _ Context) []Input {
		out := make([]Input, n)
		for i := range out {
			out[i] = s.frame()
		}
		return out
	})
}

// MoveTo moves the cursor to screen position (x, y) in one tick.
func (s *Script) MoveTo(x, y float64) *Script {
	return s.add(func(s *Script, _ Context) []Input {
		s.x, s.y = x, y
		return []Input{s.frame()}
	})
}

// MoveToMM moves the cursor over the chart point p in one tick. Like a
// real mouse, the cursor lands on a whole pixel: the one holding p.
func (s *Script) MoveToMM(p geom.Point) *Script {
	return s.add(func(s *Script, c Context) []Input {
		x, y := c.MMToScreen(p)
		s.x, s.y = math.Floor(x), math.Floor(y)
		return []Input{s.frame()}
	})
}

// Press pushes button b down in one tick.
func (s *Script) Press(b Button) *Script {
	return s.add(func(s *Script, _ Context) []Input {
		s.held[b] = true
		in := s.frame()
		in.Pressed[b] = true
		return []Input{in}
	})
}

// Release lets button b up in one tick.
func (s *Script) Release(b Button) *Script {
	return s.add(func(s *Script, _ Context) []Input {
		s.held[b] = false
		in := s.frame()
		in.Released[b] = true
		return []Input{in}
	})
}

// Click presses and releases b at the current cursor position (two ticks).
func (s *Script) Click(b Button) *Script { return s.Press(b).Release(b) }

// ClickMM moves over the chart point p and clicks the left button there
// (three ticks).
func (s *Script) ClickMM(p geom.Point) *Script { return s.MoveToMM(p).Click(Left) }

// Drag presses b, moves the cursor by (dx, dy) pixels over n ticks and
// releases it.
func (s *Script) Drag(b Button, dx, dy float64, n int) *Script {
	s.Press(b)
	s.add(func(s *Script, _ Context) []Input {
		out := make([]Input, 0, n)
		x0, y0 := s.x, s.y
		for i := 1; i <= n; i++ {
			s.x = x0 + dx*float64(i)/float64(n)
			s.y = y0 + dy*float64(i)/float64(n)
			out = append(out, s.frame())
		}
		return out
	})
	return s.Release(b)
}

// Wheel turns the wheel by dy notches at the cursor in one tick.
func (s *Script) Wheel(dy float64) *Script {
	return s.add(func(s *Script, _ Context) []Input {
		in := s.frame()
		in.WheelY = dy
		return []Input{in}
	})
}

// Key presses key with the modifier keys mods held, then releases them all
// (two ticks), as a person typing a shortcut does.
func (s *Script) Key(key ebiten.Key, mods ...ebiten.Key) *Script {
	return s.add(func(s *Script, _ Context) []Input {
		saved := slices.Clone(s.down)
		s.down = append(s.down, mods...)
		s.down = append(s.down, key)
		in := s.frame()
		in.Keys = []ebiten.Key{key}
		s.down = saved
		return []Input{in, s.frame()}
	})
}

// Type types s into a text field, one character a tick.
func (s *Script) Type(text string) *Script {
	return s.add(func(s *Script, _ Context) []Input {
		var out []Input
		for _, r := range text {
			in := s.frame()
			in.Chars = []rune{r}
			out = append(out, in)
		}
		return out
	})
}

// Hold holds key down (for example Space before a drag) until Unhold.
func (s *Script) Hold(key ebiten.Key) *Script {
	return s.add(func(s *Script, _ Context) []Input {
		s.down = append(s.down, key)
		in := s.frame()
		in.Keys = []ebiten.Key{key}
		return []Input{in}
	})
}

// Unhold lets key up.
func (s *Script) Unhold(key ebiten.Key) *Script {
	return s.add(func(s *Script, _ Context) []Input {
		s.down = slices.DeleteFunc(s.down, func(k ebiten.Key) bool { return k == key })
		return []Input{s.frame()}
	})
}

// Drop drops the files of fsys on the window in one tick.
func (s *Script) Drop(fsys fs.FS) *Script {
	return s.add(func(s *Script, _ Context) []Input {
		in := s.frame()
		in.Dropped = fsys
		return []Input{in}
	})
}

// Capture asks the game to read back the next frame under name (one tick).
func (s *Script) Capture(name string) *Script {
	return s.add(func(s *Script, _ Context) []Input {
		in := s.frame()
		in.Capture = name
		return []Input{in}
	})
}

// Do runs fn when the script reaches it, without a tick of its own; tests
// use it to note the game's state between actions.
func (s *Script) Do(fn func()) *Script {
	return s.add(func(*Script, Context) []Input {
		fn()
		return nil
	})
}

// CloseWindow asks to close the window, as the title bar's close button
// does (one tick).
func (s *Script) CloseWindow() *Script {
	return s.add(func(s *Script, _ Context) []Input {
		in := s.frame()
		in.Close = true
		return []Input{in}
	})
}

// Quit ends the game.
func (s *Script) Quit() *Script {
	return s.add(func(s *Script, _ Context) []Input {
		in := s.frame()
		in.Quit = true
		return []Input{in}
	})
}
