package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/store"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/consult"
	"github.com/smptrainer/smp/sim/session"
)

// ConsultPostponeKeys drives the consultation of c07 (psoriasis flare) to
// a 30-day postponement for the flare, with no plan and no aftercare, and
// saves: the keys a trainee presses, from the exercise picker on.
func consultPostponeKeys(s *input.Script) *input.Script {
	s.Key(ebiten.KeyF2).Key(ebiten.KeyTab)
	for range 6 { // c01 … c07
		s.Key(ebiten.KeyDown)
	}
	s.Key(ebiten.KeyEnter)                                                                                                                  // intake
	s.Key(ebiten.KeyEnter)                                                                                                                  // ask the first question
	s.Key(ebiten.KeyTab)                                                                                                                    // decision: treat
	s.Key(ebiten.KeyRight)                                                                                                                  // postpone
	s.Key(ebiten.KeyDown).Key(ebiten.KeyRight, ebiten.KeyShift).Key(ebiten.KeyRight, ebiten.KeyShift).Key(ebiten.KeyRight, ebiten.KeyShift) // 30 days
	for range 5 {                                                                                                                           // the reasons, in screening.json order: psoriasis-flare is the 5th
		s.Key(ebiten.KeyDown)
	}
	s.Key(ebiten.KeySpace)
	s.Key(ebiten.KeyTab).Key(ebiten.KeySpace) // no plan
	s.Key(ebiten.KeyTab).Key(ebiten.KeySpace) // no aftercare sheet
	s.Key(ebiten.KeyTab)                      // feedback
	return s.Key(ebiten.KeyS, ebiten.KeyControl).Key(ebiten.KeyP)
}

func TestConsultationSceneSavesAndGrades(t *testing.T) {
	path := filepath.Join(t.TempDir(), "consult.json")
	s := consultPostponeKeys(input.NewScript().Wait(1))
	g := newHeadless(t, s, path)
	play(t, g, s)
	if !g.ConsultOpen() {
		t.Fatal("the consultation closed")
	}
	res := g.ConsultResult()
	if res == nil {
		t.Fatal("no feedback step")
	}
	want := &consult.Consultation{Client: "c07", Decision: consult.Postpone, PostponeDays: 30, Reasons: []string{"psoriasis-flare"}}
	// New work on the client's head saves to a new file in the sessions
	// folder, as any new work does.
	path = g.SavePath()
	sv, err := session.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	got := sv.Consultation
	if got == nil || got.Client != want.Client || got.Decision != want.Decision || got.PostponeDays != 30 ||
		strings.Join(got.Reasons, ",") != "psoriasis-flare" || got.Plan != nil || got.Aftercare != nil {
		t.Fatalf("saved %+v", got)
	}
	if sv.Template != "norwood5" { // c07's head
		t.Errorf("template %s", sv.Template)
	}
	sc := res.Criteria[0]
	if sc.ID != consult.IDScreening || sc.Score < 90 || len(res.Criteria) != 1 {
		t.Errorf("feedback %v", res)
	}
	again, _ := consult.Grade(got)
	if again.Criteria[0].Score != sc.Score {
		t.Errorf("the file grades %v, the trainer showed %v", again.Criteria[0].Score, sc.Score)
	}
	sheet, err := os.ReadFile(filepath.Join(filepath.Dir(path), "aftercare-c07.html"))
	if err != nil || !strings.Contains(string(sheet), "No aftercare sheet was written") {
		t.Errorf("client sheet: %v", err)
	}
}

// Treating: the plan and aftercare are graded item by item, the sheet
// lists each item with its check, and Enter leaves the trainee on the
// client's head with the consultation in the work.
func TestConsultationTreatGoesToTheDots(t *testing.T) {
	s := input.NewScript().Wait(1).Key(ebiten.KeyF2).Key(ebiten.KeyTab)
	for range 5 { // c06: healthy
		s.Key(ebiten.KeyDown)
	}
	s.Key(ebiten.KeyEnter).Key(ebiten.KeyTab).Key(ebiten.KeyTab)                                              // decision treat, to the plan
	s.Key(ebiten.KeyTab)                                                                                      // aftercare
	s.Key(ebiten.KeyDown).Key(ebiten.KeyRight).Key(ebiten.KeyRight).Key(ebiten.KeyRight).Key(ebiten.KeyRight) // washing from day 4
	s.Key(ebiten.KeyTab).Key(ebiten.KeyP)
	path := filepath.Join(t.TempDir(), "treat.json")
	g := newHeadless(t, s, path)
	play(t, g, s)
	dir, err := store.SessionsDir() // unsaved: the sheet goes to the sessions folder
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(dir, "x")
	res := g.ConsultResult()
	if res == nil || len(res.Criteria) != 3 {
		t.Fatalf("result %v", res)
	}
	var washing *consult.Note
	for i, n := range res.Notes {
		if n.Item == "aftercare.washing" {
			washing = &res.Notes[i]
		}
	}
	if washing == nil || !washing.OK() {
		t.Errorf("washing from day 4: %+v", washing)
	}
	sheet, _ := os.ReadFile(filepath.Join(filepath.Dir(path), "aftercare-c06.html"))
	if !strings.Contains(string(sheet), "day 4") || !strings.Contains(string(sheet), "not on the sheet") {
		t.Errorf("sheet:\n%s", sheet)
	}
	s2 := input.NewScript().Key(ebiten.KeyEnter)
	g.src = s2
	play(t, g, s2)
	if g.ConsultOpen() || g.doc.Consultation == nil || g.doc.Consultation.Decision != consult.Treat || g.doc.T.ID != "norwood4" {
		t.Errorf("after Enter: open %v, consultation %+v, template %s", g.ConsultOpen(), g.doc.Consultation, g.doc.T.ID)
	}
}
