package ui

// The consultation scene (issue 13): a virtual client's intake, the
// screening decision with its reasons, the plan, the aftercare sheet and
// the feedback on every item, from sim/consult. It is opened from the
// exercise picker (Tab) and covers the window; it implements scene.Scene
// (Update, Draw, Opaque), so it moves onto the scene manager unchanged.
//
// Everything is picked, not typed, by mouse or keys: a click on a row
// asks its question or ticks its box, a click on a value's ← or → or
// the wheel over it changes it, a click on a step's name goes there, and
// the buttons at the foot do what the keys do; ↑/↓ move between rows, ←/→
// change a value (Shift: by 10), Space or Enter ticks a box or asks a
// question, Tab and Shift+Tab go to the next and previous step. On the
// feedback step Ctrl+S saves the consultation into the session file
// (with the client's template), P writes the printable client sheet
// beside it, and Enter starts the dot session on the client when the
// decision was to treat.

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/store"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/consult"
	"github.com/smptrainer/smp/sim/design"
	"github.com/smptrainer/smp/sim/score"
)

// consultStep is one page of the consultation.
type consultStep int

const (
	stepClient consultStep = iota
	stepIntake
	stepDecision
	stepPlan
	stepAftercare
	stepFeedback
)

var stepNames = []string{"Client", "Intake", "Decision", "Plan", "Aftercare", "Feedback"}

// consultRow is one line of a step: its text, and what ←/→ and Space do.
type consultRow struct {
	text   string
	head   bool      // a heading: the cursor skips it
	change func(int) // ←/→: step by -1/+1 (×10 with Shift)
	toggle func()    // Space/Enter
	dim    bool      // shown dimmed (a question already asked)
	ok     *bool     // feedback: right (green) or wrong (red)
}

// consultScene is the consultation of one client.
type consultScene struct {
	g    *Game
	step consultStep
	cur  int // cursor row on the current step

	clients []*consult.Case
	cs      *consult.Case
	prof    *client.Client

	asked map[int]bool // questions asked
	c     consult.Consultation
	plan  bool // a plan is written
	after bool // an aftercare sheet is written
	res   *consult.Result
	note  string // the last message of the scene
}

// openConsult opens the client list.
func (g *Game) openConsult() {
	cs := consult.Cases()
	if len(cs) == 0 {
		g.error("No virtual clients are available: %v", consult.CasesErr())
		return
	}
	g.consult = &consultScene{g: g, clients: cs}
	g.push(&modalLayer{g: g, open: func() bool { return g.consult != nil },
		update: func(in *input.Input) { g.consult.Update(in) }, draw: func(s *ebiten.Image) { g.consult.Draw(s) }})
}

// ConsultOpen reports whether the consultation scene is up (for tests).
func (g *Game) ConsultOpen() bool { return g.consult != nil }

// ConsultResult is the graded consultation on the feedback step, or nil.
func (g *Game) ConsultResult() *consult.Result {
	if g.consult == nil {
		return nil
	}
	return g.consult.res
}

// Opaque implements scene.Opaque: the consultation covers the window.
func (s *consultScene) Opaque() bool { return true }

// start begins the consultation of the client at index i: new, empty work
// on the client's head, so the session file names the right template.
func (s *consultScene) start(i int) {
	g := s.g
	cs := s.clients[i]
	p := cs.Profile()
	if p == nil {
		g.error("Client %s has no profile", cs.Client)
		return
	}
	kept, err := g.switchTo(func() error { return g.startExercise("", p.Template) })
	if err != nil {
		g.error("Could not start the consultation: %v", err)
		return
	}
	s.cs, s.prof = cs, p
	s.asked = map[int]bool{}
	s.c = consult.Consultation{Client: cs.Client, Decision: consult.Treat, Reasons: []string{}}
	s.c.Plan = &consult.Plan{PatchTest: true, PatchTestHours: consult.DefaultPatchTestHours}
	s.c.Aftercare = &consult.Aftercare{Days: map[string]int{}}
	s.plan, s.after = true, true
	s.step = stepIntake
	s.cur = max(0, s.move(s.rows(), -1, +1)) // the first question, past the form
	s.note = strings.TrimPrefix(kept, "; ")
}

// Update implements scene.Scene.
func (s *consultScene) Update(in *input.Input) {
	g := s.g
	rows := s.rows()
	for _, k := range in.Keys {
		switch {
		case k == ebiten.KeyEscape:
			g.consult = nil
			return
		case k == ebiten.KeyS && in.Ctrl && s.step == stepFeedback:
			s.save()
		case k == ebiten.KeyP && !in.Ctrl && s.step == stepFeedback:
			s.printSheet()
		case k == ebiten.KeyTab && s.cs != nil:
			if in.Shift {
				s.goTo(s.step - 1)
			} else {
				s.goTo(s.step + 1)
			}
			return
		case k == ebiten.KeyUp:
			s.cur = s.move(rows, s.cur, -1)
		case k == ebiten.KeyDown:
			s.cur = s.move(rows, s.cur, +1)
		case k == ebiten.KeyLeft || k == ebiten.KeyRight:
			d := 1
			if k == ebiten.KeyLeft {
				d = -1
			}
			if in.Shift {
				d *= 10
			}
			if r := rowAt(rows, s.cur); r != nil && r.change != nil {
				r.change(d)
			}
		case k == ebiten.KeySpace || k == ebiten.KeyEnter || k == ebiten.KeyNumpadEnter:
			switch {
			case s.step == stepClient:
				s.start(s.cur)
				return
			case s.step == stepFeedback && k != ebiten.KeySpace:
				s.startDots()
				return
			}
			if r := rowAt(rows, s.cur); r != nil && r.toggle != nil {
				r.toggle()
			}
		}
		rows = s.rows()
	}
	if s.pointer(in) {
		return
	}
	if rows = s.rows(); s.cur >= len(rows) {
		s.cur = max(0, len(rows)-1)
	}
}

// pointer does what the tick's press and wheel ask (consultLayout says
// what lies under the pointer): a press on a button does its action; on a
// step's name it goes to that step once a client is chosen; on a row it
// puts the cursor there and starts the client's consultation, asks the
// question, ticks the box or, on a value's ← or →, changes the value. The
// wheel over a value changes it. It reports whether the scene closed or
// changed step.
func (s *consultScene) pointer(in *input.Input) bool {
	L := s.layout()
	if pressButton(L.buttons, in) {
		return true
	}
	if in.Pressed[input.Left] && s.cs != nil {
		for i, b := range L.stepBox {
			if consultStep(i) != stepClient && b.Contains(in.X, in.Y) {
				s.goTo(consultStep(i))
				return true
			}
		}
	}
	i := L.rowAtPoint(in.X, in.Y)
	if i < 0 || L.rows[i].head {
		return false
	}
	r := L.rows[i]
	switch {
	case in.Pressed[input.Left]:
		s.cur = i
		if s.step == stepClient {
			s.start(i)
			return true
		}
		if d := L.arrowAt(i, in.X, s.g.small); d != 0 && r.change != nil {
			r.change(d)
		} else if r.toggle != nil {
			r.toggle()
		}
	case in.WheelY != 0 && r.change != nil:
		s.cur = i
		r.change(signOfWheel(in.WheelY))
	}
	return false
}

// signOfWheel is +1 for a turn away from the user, -1 toward.
func signOfWheel(w float64) int {
	if w > 0 {
		return 1
	}
	return -1
}

func rowAt(rows []consultRow, i int) *consultRow {
	if i < 0 || i >= len(rows) {
		return nil
	}
	return &rows[i]
}

// move steps the cursor by d, skipping headings.
func (s *consultScene) move(rows []consultRow, i, d int) int {
	for j := i + d; j >= 0 && j < len(rows); j += d {
		if !rows[j].head {
			return j
		}
	}
	return i
}

// goTo changes step; the feedback step grades the consultation.
func (s *consultScene) goTo(st consultStep) {
	if st < stepIntake || st > stepFeedback {
		return
	}
	s.step, s.cur = st, 0
	if rows := s.rows(); len(rows) > 0 && rows[0].head {
		s.cur = s.move(rows, 0, +1)
	}
	if st == stepFeedback {
		res, err := consult.Grade(s.consultation())
		if err != nil {
			s.g.error("The consultation cannot be graded: %v", err)
			s.res = nil
			return
		}
		s.res = res
	}
}

// consultation is the consultation as written: the plan and aftercare
// only when the trainee chose to write them.
func (s *consultScene) consultation() *consult.Consultation {
	c := s.c
	c.Reasons = slices.Clone(c.Reasons)
	if !s.plan {
		c.Plan = nil
	}
	if !s.after {
		c.Aftercare = nil
	}
	return &c
}

// save puts the consultation into the work and saves it (Ctrl+S).
func (s *consultScene) save() {
	g := s.g
	g.doc.Consultation = s.consultation()
	g.save()
	if m, isErr := g.Message(); !isErr {
		s.note = m + " (consultation included)"
	} else {
		s.note = m
	}
}

// startDots closes the consultation and, when the decision was to treat,
// leaves the trainee on the client's head with the consultation carried
// into the work's file.
func (s *consultScene) startDots() {
	g := s.g
	g.doc.Consultation = s.consultation()
	g.consult = nil
	if s.c.Decision != consult.Treat {
		g.info("Consultation of %s: %s. Ctrl+S saves it.", s.prof.Name, s.c.Decision)
		return
	}
	g.info("Treating %s on %s: the consultation goes into this session's file.", s.prof.Name, g.doc.T.Name)
}

// printSheet writes the client sheet (the aftercare the trainee wrote,
// checked) beside the saved session, or in the sessions folder.
func (s *consultScene) printSheet() {
	if s.res == nil {
		return
	}
	dir := filepath.Dir(s.g.savePath)
	if s.g.savePath == "" {
		d, err := store.SessionsDir()
		if err != nil {
			s.note = fmt.Sprintf("Could not write the client sheet: %v", err)
			return
		}
		dir = d
	}
	path := filepath.Join(dir, fmt.Sprintf("aftercare-%s.html", s.cs.Client))
	if err := writeClientSheet(path, s.prof, s.cs, s.consultation(), s.res); err != nil {
		s.note = fmt.Sprintf("Could not write the client sheet: %v", err)
		return
	}
	s.note = "Client sheet written to " + path
}

// decisionIndex is the decision's place in consult.Decisions.
func (s *consultScene) decisionIndex() int { return slices.Index(consult.Decisions, s.c.Decision) }

// toggleIn adds id to list, or removes it.
func toggleIn(list *[]string, id string) {
	if i := slices.Index(*list, id); i >= 0 {
		*list = slices.Delete(*list, i, i+1)
	} else {
		*list = append(*list, id)
	}
}

func tickBox(on bool) string {
	if on {
		return "[x] "
	}
	return "[ ] "
}

func clampInt(v, lo, hi int) int { return max(lo, min(hi, v)) }

// rows builds the current step's rows.
func (s *consultScene) rows() []consultRow {
	switch s.step {
	case stepClient:
		var out []consultRow
		for _, cs := range s.clients {
			p := cs.Profile()
			if p == nil {
				continue
			}
			out = append(out, consultRow{text: fmt.Sprintf("%s  %s, %d, %s · %s", cs.Client, p.Name, p.Age, p.Sex, p.Template)})
		}
		return out
	case stepIntake:
		return s.intakeRows()
	case stepDecision:
		return s.decisionRows()
	case stepPlan:
		return s.planRows()
	case stepAftercare:
		return s.aftercareRows()
	}
	return s.feedbackRows()
}

func (s *consultScene) intakeRows() []consultRow {
	p, cs := s.prof, s.cs
	out := []consultRow{{text: fmt.Sprintf("%s, %d, %s · skin %s · hair %s · %s", p.Name, p.Age, p.Sex, p.Skin, p.Hair, p.Template), head: true},
		{text: "“" + p.Wish + "”", head: true}, {text: "Intake form", head: true}}
	for _, f := range cs.Form {
		out = append(out, consultRow{text: "  " + f.Q + "  " + f.A, head: true})
	}
	if len(cs.Medicines) > 0 {
		out = append(out, consultRow{text: "Medicines on file: " + medicineList(cs.Medicines), head: true})
	}
	out = append(out, consultRow{text: "Questions to ask (a click or Enter asks)", head: true})
	for i, q := range cs.Questions {
		i := i
		r := consultRow{text: "? " + q.Ask, toggle: func() { s.asked[i] = true }}
		if s.asked[i] {
			r.text += "  →  “" + q.Answer + "”"
			r.dim = true
		}
		out = append(out, r)
	}
	return out
}

func medicineList(ms []consult.Medicine) string {
	var b []string
	for _, m := range ms {
		w := m.Name
		if m.Prescribed {
			w += " (prescribed)"
		}
		b = append(b, w)
	}
	return strings.Join(b, "; ")
}

func (s *consultScene) decisionRows() []consultRow {
	rs := consult.Rules()
	out := []consultRow{
		{text: "Decision:  ← " + string(s.c.Decision) + " →", change: func(d int) {
			i := clampInt(s.decisionIndex()+signOf(d), 0, len(consult.Decisions)-1)
			s.c.Decision = consult.Decisions[i]
		}},
		{text: fmt.Sprintf("Wait before treating:  ← %d days →  (Shift: ±10)", s.c.PostponeDays), change: func(d int) {
			s.c.PostponeDays = clampInt(s.c.PostponeDays+d, 0, consult.MaxPostponeDays)
		}},
		{text: "Reasons: what you found (a click or Space ticks)", head: true},
	}
	for _, r := range rs.Screening {
		id := r.ID
		out = append(out, consultRow{text: tickBox(slices.Contains(s.c.Reasons, id)) + r.Condition, toggle: func() { toggleIn(&s.c.Reasons, id) }})
	}
	return out
}

func signOf(d int) int {
	if d < 0 {
		return -1
	}
	return 1
}

func (s *consultScene) planRows() []consultRow {
	p := s.c.Plan
	pr := consult.Rules().Plan
	cycle := func(cur string, ids []string, d int) string {
		i := slices.Index(ids, cur)
		return ids[clampInt(i+signOf(d), 0, len(ids)-1)]
	}
	var hairlines, shades []string
	for _, h := range design.Styles { // the mapping work's styles
		hairlines = append(hairlines, string(h))
	}
	for _, sh := range pr.Shades {
		shades = append(shades, sh.ID)
	}
	out := []consultRow{
		{text: tickBox(s.plan) + "Write a treatment plan", toggle: func() { s.plan = !s.plan }},
		{text: tickBox(p.PatchTest) + "Patch test", toggle: func() { p.PatchTest = !p.PatchTest }},
		{text: fmt.Sprintf("Patch test before the first session:  ← %d h →", p.PatchTestHours), change: func(d int) {
			p.PatchTestHours = clampInt(p.PatchTestHours+d, 0, consult.MaxPatchTestHours)
		}},
		{text: fmt.Sprintf("Sessions:  ← %d →", p.Sessions), change: func(d int) { p.Sessions = clampInt(p.Sessions+signOf(d), 0, consult.MaxSessions) }},
		{text: fmt.Sprintf("Days between sessions:  ← %d →", p.IntervalDays), change: func(d int) {
			p.IntervalDays = clampInt(p.IntervalDays+d, 0, consult.MaxIntervalDays)
		}},
		{text: "Hairline style:  ← " + orDash(string(p.Hairline)) + " →  (suits this client: " + styleNames(s.prof.Styles) + ")", change: func(d int) {
			p.Hairline = design.Style(cycle(string(p.Hairline), hairlines, d))
		}},
		{text: "Starting shade:  ← " + orDash(p.StartShade) + " →", change: func(d int) { p.StartShade = cycle(p.StartShade, shades, d) }},
		{text: "Tell the client (a click or Space ticks)", head: true},
	}
	for _, t := range pr.Tell {
		id := t.ID
		out = append(out, consultRow{text: tickBox(slices.Contains(p.Tell, id)) + strings.ReplaceAll(id, "-", " "), toggle: func() { toggleIn(&p.Tell, id) }})
	}
	return out
}

func styleNames(ss []design.Style) string {
	w := make([]string, len(ss))
	for i, st := range ss {
		w[i] = string(st)
	}
	return strings.Join(w, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func (s *consultScene) aftercareRows() []consultRow {
	a := s.c.Aftercare
	ar := consult.Rules().Aftercare
	out := []consultRow{{text: tickBox(s.after) + "Write the aftercare sheet", toggle: func() { s.after = !s.after }},
		{text: "From which day (day 0 = the session); ← → or the wheel to set, a click or Space clears", head: true}}
	for _, it := range ar.Items {
		id, what := it.ID, it.What
		v, ok := a.Days[id]
		val := "not on the sheet"
		if ok {
			val = fmt.Sprintf("day %d", v)
		}
		out = append(out, consultRow{text: fmt.Sprintf("%s (%s):  ← %s →", id, what, val),
			change: func(d int) {
				cur, ok := a.Days[id]
				if !ok {
					cur = 0
					if d < 0 {
						d = 0
					}
				}
				a.Days[id] = clampInt(cur+d, 0, consult.MaxAftercareDay)
			},
			toggle: func() { delete(a.Days, id) }})
	}
	out = append(out, consultRow{text: "See a doctor if… (a click or Space ticks)", head: true})
	for _, sg := range ar.Signs {
		id := sg.ID
		out = append(out, consultRow{text: tickBox(slices.Contains(a.SeeDoctor, id)) + strings.ReplaceAll(id, "-", " "), toggle: func() { toggleIn(&a.SeeDoctor, id) }})
	}
	return out
}

func (s *consultScene) feedbackRows() []consultRow {
	if s.res == nil {
		return []consultRow{{text: "Nothing graded", head: true}}
	}
	var out []consultRow
	for _, c := range s.res.Criteria {
		out = append(out, consultRow{text: fmt.Sprintf("%s  %d/100", c.Name, score.Whole(c.Score)), head: true})
		for _, n := range s.res.Notes {
			if n.Criterion != c.ID {
				continue
			}
			ok := n.OK()
			out = append(out, consultRow{text: n.Item + ": " + n.Text, ok: &ok})
		}
	}
	if len(s.res.AlwaysWrong) > 0 {
		var codes []string
		for _, c := range s.res.AlwaysWrong {
			codes = append(codes, string(c))
		}
		f := false
		out = append([]consultRow{{text: "Always wrong: " + strings.Join(codes, ", ") + " — the consultation unit is not yet competent", ok: &f}}, out...)
	}
	return out
}
