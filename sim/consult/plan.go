package consult

import (
	"math"
	"slices"
	"strings"

	"github.com/smptrainer/smp/sim/design"

	"github.com/smptrainer/smp/sim/score"
)

// needsMore says the client's findings call for the longer course of
// sessions: scars and alopecia need more (§2 [58][59]).
var needsMore = []string{"areata-stable", "areata-active", "scar-immature", "hair-transplant"}

// plan grades the treatment plan (§2): patch test, sessions, interval,
// starting shade, hairline style and what the client is told.
func (g *grader) plan() score.Criterion {
	cr := score.Criterion{ID: IDPlan, Name: "Plan", Unit: "%", Target: "§2: patch test, 2–4 sessions 10–30 days apart, start light, tell the client"}
	p := g.c.Plan
	pr := &g.rs.Plan
	if p == nil {
		g.note(&cr, "plan", FaultNoPlan, "No treatment plan was written for a client you decided to treat.")
		cr.Parts = []score.Part{}
		return cr
	}
	var parts []score.Part
	part := func(id string, s, v float64, unit string) {
		parts = append(parts, score.Part{ID: id, Score: s, Value: v, Unit: unit})
	}

	// Patch test.
	required := false
	for _, n := range g.needs {
		required = required || n.rule.PatchTest
	}
	pt := pr.PatchTest
	switch h := p.PatchTestHours; {
	case !p.PatchTest && required:
		g.note(&cr, "plan.patch_test", FaultNoPatchTest, "No patch test for a client with allergies: %s", pt.Why)
		part("patch-test", 0, 0, "h")
	case !p.PatchTest:
		g.note(&cr, "plan.patch_test", "", "No patch test planned: offer one and record the client's choice [52][53]. %s", pt.Why)
		part("patch-test", 100, 0, "h")
	default:
		if h == 0 {
			h = DefaultPatchTestHours
		}
		if h < pt.MinHours {
			g.note(&cr, "plan.patch_test", FaultPatchTestLate, "A patch test %d h before is too late: no source accepts under %d h. %s", h, pt.MinHours, pt.Why)
			part("patch-test", 30, float64(h), "h")
		} else {
			g.note(&cr, "plan.patch_test", "", "Patch test %d h before: inside the sources' range. Sources differ: %s", h, pt.Differ)
			part("patch-test", 100, float64(h), "h")
		}
	}

	// Sessions and interval.
	sb := pr.Sessions
	lo, hi := sb.Min, sb.Max
	if slices.ContainsFunc(g.needs, func(n need) bool { return slices.Contains(needsMore, n.rule.ID) }) && sb.MoreMax > 0 {
		lo, hi = sb.MoreMin, sb.MoreMax
	}
	g.rangePart(&cr, &parts, "plan.sessions", "sessions", p.Sessions, lo, hi, FaultSessions, sb)
	ib := pr.IntervalDays
	g.rangePart(&cr, &parts, "plan.interval_days", "interval", p.IntervalDays, ib.Min, ib.Max, FaultInterval, ib)

	// Starting shade.
	switch sh := pr.shade(p.StartShade); {
	case sh == nil:
		g.note(&cr, "plan.start_shade", FaultStartTooDark, "No starting shade chosen: %s", pr.ShadeWhy)
		part("shade", 0, 0, "")
	case !sh.OK:
		g.note(&cr, "plan.start_shade", FaultStartTooDark, "Starting at the %s shade: %s", sh.ID, pr.ShadeWhy)
		part("shade", 30, 0, "")
	default:
		g.note(&cr, "plan.start_shade", "", "Starting lighter: %s", pr.ShadeWhy)
		part("shade", 100, 0, "")
	}

	// Hairline style: the client decides, guided by old photos [57]; the
	// instructor's profile lists the styles that suit the client (sim/client,
	// §4: a young client with progressive loss → conservative; juvenile only
	// for stable loss); a sharp juvenile line may age badly [68].
	switch {
	case p.Hairline == "":
		g.note(&cr, "plan.hairline", FaultHairlineUnsuited, "No hairline style chosen: the client decides, guided by old photos [57].")
		part("hairline", 0, 0, "")
	case g.styles != nil && !slices.Contains(g.styles, p.Hairline):
		g.note(&cr, "plan.hairline", FaultHairlineUnsuited, "A %s line does not suit this client (%s suit): plan for future loss, start higher and lower the line later [87][66]; a sharp young line may age badly [68].", p.Hairline, styleWords(g.styles))
		part("hairline", 50, 0, "")
	default:
		g.note(&cr, "plan.hairline", "", "A %s line suits this client; the client decides, guided by old photos [57].", p.Hairline)
		part("hairline", 100, 0, "")
	}

	// What the client is told: every required item and the findings'
	// advice; nothing wrong.
	var want []string
	for _, t := range pr.Tell {
		if t.Required {
			want = append(want, t.ID)
		}
	}
	if g.c.Decision == Treat {
		for _, n := range g.needs {
			for _, a := range n.rule.Advice {
				if !slices.Contains(want, a) {
					want = append(want, a)
				}
			}
		}
	}
	told, wrong, always := 0, 0, false
	for _, id := range want {
		t := pr.tell(id)
		if slices.Contains(p.Tell, id) {
			told++
			continue
		}
		g.note(&cr, "plan.tell", score.FaultCode("untold-"+id), "The client was not told: %s", t.Why)
	}
	for _, id := range p.Tell {
		t := pr.tell(id)
		switch {
		case t.AlwaysWrong:
			always = true
			g.wrongAlways(score.FaultCode(t.Fault))
			g.note(&cr, "plan.tell", score.FaultCode(t.Fault), "Always wrong: %s", t.Why)
		case t.Wrong:
			wrong++
			g.note(&cr, "plan.tell", score.FaultCode(t.Fault), "Wrong to tell the client: %s", t.Why)
		}
	}
	tell := 100.0
	if len(want) > 0 {
		tell = 100 * float64(told) / float64(len(want))
	}
	tell = math.Max(0, tell-25*float64(wrong))
	if told == len(want) && wrong == 0 && !always {
		g.note(&cr, "plan.tell", "", "The client was told everything they need to know (§2).")
	}
	part("tell", tell, float64(told), "items")

	var sum float64
	for _, pt := range parts {
		sum += pt.Score
	}
	cr.Score = sum / float64(len(parts))
	if always {
		cr.Score = 0
	}
	cr.Parts = parts
	cr.Value = cr.Score
	return cr
}

func styleWords(ss []design.Style) string {
	w := make([]string, len(ss))
	for i, s := range ss {
		w[i] = string(s)
	}
	return strings.Join(w, " or ")
}

// rangePart grades a planned number against the sources' range.
func (g *grader) rangePart(cr *score.Criterion, parts *[]score.Part, item, id string, v, lo, hi int, code score.FaultCode, b Bounds) {
	s := 100.0
	switch {
	case v == 0:
		s = 0
		g.note(cr, item, code, "Not planned: %s", b.Why)
	case v < lo || v > hi:
		s = 40
		g.note(cr, item, code, "%d is outside the sources' %d–%d: %s", v, lo, hi, b.Why)
	default:
		text := "%d: inside the sources' %d–%d. %s"
		if b.Differ != "" {
			text += " Sources differ: " + b.Differ
		}
		g.note(cr, item, "", text, v, lo, hi, b.Why)
	}
	*parts = append(*parts, score.Part{ID: id, Score: s, Value: float64(v), Unit: ""})
}
