package input

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/sim/geom"
)

type ctx struct{}

func (ctx) MMToScreen(p geom.Point) (float64, float64) { return p.X*10 + 0.7, p.Y*10 + 0.2 }

func TestScriptTicks(t *testing.T) {
	s := NewScript().MoveToMM(geom.Point{X: 2, Y: 3}).Click(Left).Key(ebiten.KeyZ, ebiten.KeyControl, ebiten.KeyShift).Wait(2).Quit()
	var ins []Input
	for tick := 0; !s.Done(); tick++ {
		ins = append(ins, s.Next(tick, ctx{}))
	}
	if len(ins) != 1+2+2+2+1 {
		t.Fatalf("%d ticks, want 8", len(ins))
	}
	if ins[0].X != 20 || ins[0].Y != 30 {
		t.Errorf("cursor at (%v, %v), want the pixel (20, 30) holding the point", ins[0].X, ins[0].Y)
	}
	if !ins[1].Pressed[Left] || !ins[1].Held[Left] || !ins[2].Released[Left] || ins[2].Held[Left] {
		t.Errorf("click ticks wrong: %+v %+v", ins[1], ins[2])
	}
	if k := ins[3]; !k.Ctrl || !k.Shift || !k.JustPressed(ebiten.KeyZ) || !k.IsDown(ebiten.KeyZ) {
		t.Errorf("shortcut tick wrong: %+v", k)
	}
	if k := ins[4]; k.Ctrl || len(k.Keys) != 0 || len(k.Down) != 0 {
		t.Errorf("keys not released after the shortcut: %+v", k)
	}
	if !ins[7].Quit {
		t.Error("last tick should quit")
	}
}

func TestRecordReplay(t *testing.T) {
	s := NewScript().MoveTo(5, 6).Press(Right).MoveTo(9, 6).Release(Right).Wheel(-2).Key(ebiten.KeyS, ebiten.KeyControl)
	var buf bytes.Buffer
	rec := &Recorder{Src: s, W: &buf}
	var want []Input
	for tick := 0; !s.Done(); tick++ {
		want = append(want, rec.Next(tick, ctx{}))
	}
	if rec.Err != nil {
		t.Fatal(rec.Err)
	}
	rp, err := ReadReplay(&buf, "rec.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range want {
		got := rp.Next(i, ctx{})
		if got.X != w.X || got.Y != w.Y || got.Pressed != w.Pressed || got.Held != w.Held || got.Released != w.Released ||
			got.WheelY != w.WheelY || got.Ctrl != w.Ctrl || len(got.Keys) != len(w.Keys) {
			t.Errorf("tick %d replayed %+v, recorded %+v", i, got, w)
		}
	}
	if !rp.Next(len(want), ctx{}).Quit {
		t.Error("replay should quit after the recording")
	}
	if _, err := ReadReplay(bytes.NewBufferString("{\"x\":1}\nnot json\n"), "bad.jsonl"); err == nil {
		t.Error("a damaged recording should be an error")
	}
}

// TestReplayRepeat: a line with "repeat" plays once as written and then as
// idle ticks holding its state; a bad count is an error naming the line.
func TestReplayRepeat(t *testing.T) {
	src := `{"x":3,"y":4,"pressed":[true,false,false],"held":[true,false,false],"keys":["A"],"repeat":3}
{"x":5,"y":6,"released":[true,false,false]}
`
	rp, err := ReadReplay(bytes.NewBufferString(src), "s.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var ins []Input
	for i := range 5 {
		ins = append(ins, rp.Next(i, ctx{}))
	}
	if !ins[0].Pressed[Left] || len(ins[0].Keys) != 1 {
		t.Errorf("first tick lost its press: %+v", ins[0])
	}
	for i := 1; i < 3; i++ {
		if ins[i].Pressed[Left] || len(ins[i].Keys) != 0 || !ins[i].Held[Left] || ins[i].X != 3 || ins[i].Quit {
			t.Errorf("repeat tick %d: %+v, want idle holding the button at (3, 4)", i, ins[i])
		}
	}
	if !ins[3].Released[Left] || ins[3].X != 5 {
		t.Errorf("tick 3 should be the second line: %+v", ins[3])
	}
	if !ins[4].Quit {
		t.Error("replay should quit after the last line")
	}
	_, err = ReadReplay(bytes.NewBufferString("{}\n{\"repeat\":-2}\n"), "s.jsonl")
	if err == nil || !strings.Contains(err.Error(), "s.jsonl: line 2: repeat") {
		t.Errorf("negative repeat: error %v, want one naming s.jsonl line 2 and repeat", err)
	}
}
