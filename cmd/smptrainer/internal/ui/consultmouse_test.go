package ui

import (
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/consult"
	"github.com/smptrainer/smp/sim/session"
)

// TestConsultationByMouse runs TestConsultationSceneSavesAndGrades's
// consultation (c07, postponed 30 days for a psoriasis flare, no plan,
// no aftercare sheet) with the mouse alone, as a newcomer would: a click
// on the client, on a question, on the step names, on a value's arrow,
// the wheel over a value, and clicks on the boxes.
func TestConsultationByMouse(t *testing.T) {
	var g *Game
	s := input.NewScript().Wait(1).Key(ebiten.KeyF2).Key(ebiten.KeyTab)
	// at points the pointer at the middle of the first shown row (not a
	// heading) whose text holds sub, or at its arrow when one is named.
	at := func(sub, arrow string) func(input.Context) (float64, float64) {
		return func(input.Context) (float64, float64) {
			L := g.consult.layout()
			for i, r := range L.rows {
				p := L.placed[i]
				if !p.shown || r.head || !strings.Contains(strings.ToLower(r.text), strings.ToLower(sub)) {
					continue
				}
				x := L.x + L.w/2
				if arrow != "" {
					line := p.lines[0]
					k := strings.Index(line, arrow)
					x = L.textX + measure(line[:k], g.small) + measure(arrow, g.small)/2
				}
				return x, p.y + p.h/2
			}
			t.Errorf("no row %q on step %s", sub, stepNames[g.consult.step])
			return -1, -1
		}
	}
	click := func(pos func(input.Context) (float64, float64)) { clickAt(s, pos) }
	step := func(st consultStep) func(input.Context) (float64, float64) {
		return func(input.Context) (float64, float64) {
			b := g.consult.layout().stepBox[st]
			return b.X + b.W/2, b.Y + b.H/2
		}
	}
	button := func(label string) func(input.Context) (float64, float64) {
		return footButtonAt(t, func() []footButton { return g.consult.layout().buttons }, label)
	}
	click(at("c07 ", ""))
	click(at("? ", "")) // the first question
	click(step(stepDecision))
	click(at("Decision:", "→")) // treat → postpone
	s.MoveWith(at("Wait before treating", ""))
	for range 30 {
		s.Wheel(1)
	}
	click(at("psoriasis", ""))
	click(button("Next")) // decision → plan
	click(at("Write a treatment plan", ""))
	click(step(stepAftercare))
	click(at("Write the aftercare sheet", ""))
	click(step(stepFeedback))
	var onStep consultStep
	var res *consult.Result
	var got *consult.Consultation
	var asked int
	s.Do(func() {
		if g.consult != nil {
			onStep, res, got, asked = g.consult.step, g.ConsultResult(), g.consult.consultation(), len(g.consult.asked)
		}
	})
	click(button("Save with the work"))
	click(button("Close"))
	g = newHeadless(t, s, "")
	play(t, g, s)
	if got == nil {
		t.Fatal("the consultation closed before the feedback")
	}
	if onStep != stepFeedback || res == nil {
		t.Fatalf("on step %s with result %v, want the feedback", stepNames[onStep], res)
	}
	if got.Client != "c07" || got.Decision != consult.Postpone || got.PostponeDays != 30 ||
		strings.Join(got.Reasons, ",") != "psoriasis-flare" || got.Plan != nil || got.Aftercare != nil {
		t.Errorf("by mouse: %+v", got)
	}
	if asked != 1 {
		t.Errorf("%d questions asked, want the one clicked", asked)
	}
	saved, err := session.Load(g.SavePath())
	if err != nil || saved.Consultation == nil || saved.Consultation.Decision != consult.Postpone {
		t.Errorf("the Save button's file (%s): %v, consultation %+v", g.SavePath(), err, saved)
	}
	if g.ConsultOpen() {
		t.Error("the Close button left the consultation open")
	}
}
