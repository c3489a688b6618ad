package consult

import (
	"fmt"
	"math"
	"slices"

	"github.com/smptrainer/smp/sim/score"
)

// aftercare grades the client's aftercare sheet (§3): each item's first
// day against the sources' range, and the signs that mean "see a doctor".
func (g *grader) aftercare() score.Criterion {
	cr := score.Criterion{ID: IDAftercare, Name: "Aftercare", Unit: "%", Target: "§3: each item inside the sources' days; infection and allergy signs named"}
	a := g.c.Aftercare
	ar := &g.rs.Aftercare
	if a == nil {
		g.note(&cr, "aftercare", FaultNoAftercare, "No aftercare sheet was written for a client you decided to treat: give written aftercare with contact details [51].")
		cr.Parts = []score.Part{}
		return cr
	}
	var items float64
	for _, it := range ar.Items {
		item := "aftercare." + it.ID
		d, ok := a.Days[it.ID]
		s := 100.0
		why := it.Why
		if it.Differ != "" {
			why += " Sources differ: " + it.Differ
		}
		switch {
		case !ok:
			s = 0
			g.note(&cr, item, score.FaultCode("missing-"+it.ID), "Not on the sheet: %s. %s", it.What, why)
		case d < it.MinDay:
			s = 0
			g.note(&cr, item, score.FaultCode(it.ID+"-too-soon"), "%s from day %d is too soon: no source allows it before day %d. %s", capital(it.What), d, it.MinDay, why)
		case d > it.MaxDay:
			s = 60
			g.note(&cr, item, score.FaultCode(it.ID+"-too-late"), "%s from day %d is later than any source asks (day %d–%d). %s", capital(it.What), d, it.MinDay, it.MaxDay, why)
		default:
			g.note(&cr, item, "", "%s from day %d: inside the sources' day %d–%d. %s", capital(it.What), d, it.MinDay, it.MaxDay, why)
		}
		items += s
		cr.Parts = append(cr.Parts, score.Part{ID: it.ID, Score: s, Value: float64(d), Unit: "day"})
	}
	if len(ar.Items) > 0 {
		items /= float64(len(ar.Items))
	}

	var inf, all, normal int
	for _, id := range a.SeeDoctor {
		switch ar.sign(id).Kind {
		case "infection":
			inf++
		case "allergy":
			all++
		default:
			normal++
		}
	}
	cover := func(n, need int) float64 {
		if need <= 0 {
			return 1
		}
		return math.Min(1, float64(n)/float64(need))
	}
	signs := math.Max(0, 50*cover(inf, ar.InfectionNeeded)+50*cover(all, ar.AllergyNeeded)-10*float64(normal))
	if inf < ar.InfectionNeeded {
		g.note(&cr, "aftercare.see_doctor", FaultInfectionSigns, "Name at least %d signs of infection (%d named): redness that spreads or lasts beyond 1–2 days, heat, worsening swelling, pain still rising after 48 h, yellow or green discharge, a bad smell, fever [34][78][79].", ar.InfectionNeeded, inf)
	}
	if all < ar.AllergyNeeded {
		g.note(&cr, "aftercare.see_doctor", FaultAllergySigns, "Name at least %d signs of an allergy (%d named): intense itching, nodules, a rash, blisters; see a dermatologist [55][80].", ar.AllergyNeeded, all)
	}
	if normal > 0 {
		g.note(&cr, "aftercare.see_doctor", FaultNormalAsAlarm, "%d sign(s) of normal healing were named as reasons to see a doctor: teach how normal healing differs from infection or allergy [51].", normal)
	}
	if inf >= ar.InfectionNeeded && all >= ar.AllergyNeeded && normal == 0 {
		g.note(&cr, "aftercare.see_doctor", "", "See-a-doctor signs: infection and allergy both covered [34][55][78][79][80].")
	}
	cr.Parts = append(cr.Parts, score.Part{ID: "see-doctor", Score: signs, Value: float64(inf + all), Unit: "signs"})
	cr.Score = 0.7*items + 0.3*signs
	cr.Value = cr.Score
	return cr
}

// capital upper-cases the first letter of an ASCII sentence.
func capital(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// AlwaysWrongCodes lists the fault codes that are always wrong under the
// shipped rules: the screening rules marked always_wrong (when treated) and
// the things never to tell a client.
func AlwaysWrongCodes() []score.FaultCode {
	rs := Rules()
	var out []score.FaultCode
	for _, r := range rs.Screening {
		if r.AlwaysWrong {
			out = append(out, score.FaultCode(r.Fault))
		}
	}
	for _, t := range rs.Plan.Tell {
		if t.AlwaysWrong {
			out = append(out, score.FaultCode(t.Fault))
		}
	}
	return out
}

// IsAlwaysWrong reports whether code is one of AlwaysWrongCodes.
func IsAlwaysWrong(code score.FaultCode) bool { return slices.Contains(AlwaysWrongCodes(), code) }

// Attach adds a consultation's criteria to a dot report and recomputes its
// overall score as the weighted mean of every criterion (dots and
// consultation), so a file's one overall covers all its work.
func Attach(r *score.Report, res *Result, w score.Weights) {
	// An exercise's weights override the consultation's own only for the
	// ids they name; score.Report.Attach then keeps the one rule for the
	// overall (the weighted mean of every criterion).
	cs := slices.Clone(res.Criteria)
	for i := range cs {
		if v, ok := w[cs[i].ID]; ok {
			cs[i].Weight = v
		}
	}
	r.Attach(nil, cs...)
}

// String describes the result in one line, for logs and tests.
func (r *Result) String() string {
	s := fmt.Sprintf("key %s;", r.Key)
	for _, c := range r.Criteria {
		s += fmt.Sprintf(" %s %.0f", c.ID, c.Score)
	}
	return s
}
