package scene

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

type fakeScene struct {
	name    string
	updates int
	opaque  bool
}

func (s *fakeScene) Update(*input.Input) { s.updates++ }
func (s *fakeScene) Draw(*ebiten.Image)  {}
func (s *fakeScene) Opaque() bool        { return s.opaque }

// TestManagerRoutesToTop: only the top scene is updated; closing it hands
// input back; the base cannot be closed.
func TestManagerRoutesToTop(t *testing.T) {
	base, modal := &fakeScene{name: "base"}, &fakeScene{name: "modal"}
	m := NewManager(base)
	m.Update(&input.Input{})
	m.Push(modal)
	if !m.TakeChanged() || !m.Modal() {
		t.Fatal("Push did not open a modal layer")
	}
	m.Update(&input.Input{})
	m.Update(&input.Input{})
	if base.updates != 1 || modal.updates != 2 {
		t.Errorf("updates base %d modal %d, want 1 and 2", base.updates, modal.updates)
	}
	if got, ok := Find[*fakeScene](m); !ok || got != modal {
		t.Errorf("Find returned %v, want the modal layer", got)
	}
	m.Close(modal)
	m.Close(base)
	if m.Top() != base || m.Modal() {
		t.Error("after closing the modal layer the base is not on top alone")
	}
}

type fakePanel struct {
	r       Rect
	open    bool
	touched bool
}

func (p *fakePanel) Open() bool         { return p.open }
func (p *fakePanel) Layout(a Rect) Rect { return p.r }
func (p *fakePanel) Update(in *input.Input) bool {
	p.touched = true
	return p.r.Contains(in.X, in.Y)
}
func (p *fakePanel) Draw(*ebiten.Image) {}

// TestPanelsTopFirst: the top panel under the pointer consumes it and the
// one beneath never sees it; closed panels are skipped.
func TestPanelsTopFirst(t *testing.T) {
	under := &fakePanel{r: Rect{0, 0, 100, 100}, open: true}
	over := &fakePanel{r: Rect{50, 50, 100, 100}, open: true}
	closed := &fakePanel{r: Rect{0, 0, 1000, 1000}}
	var ps Panels
	ps.Add(under, over, closed)
	if !ps.Update(&input.Input{X: 60, Y: 60}) {
		t.Fatal("a point on both panels was not consumed")
	}
	if under.touched || closed.touched {
		t.Error("the panel beneath, or a closed one, saw input the top panel took")
	}
	if ps.Update(&input.Input{X: 500, Y: 500}) {
		t.Error("a point on no open panel was consumed")
	}
}

// TestScroller: the offset stays within range and the thumb fills the
// track in proportion.
func TestScroller(t *testing.T) {
	var s Scroller
	s.Set(300, 100)
	in := &input.Input{X: 5, Y: 5, WheelY: -10}
	if !s.Wheel(in, Rect{0, 0, 10, 100}, 40) || s.Offset != 200 {
		t.Errorf("offset %v after a long scroll down, want 200 (the end)", s.Offset)
	}
	if th := s.Thumb(Rect{0, 0, 10, 90}); th.H != 30 || th.Y != 60 {
		t.Errorf("thumb %+v, want height 30 at the bottom", th)
	}
	s.Set(50, 100)
	if s.Offset != 0 || !s.Thumb(Rect{0, 0, 10, 90}).Empty() {
		t.Error("content that fits still scrolls")
	}
}
