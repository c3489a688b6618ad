package consult

import (
	"slices"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/score"
)

func TestShippedDataLoads(t *testing.T) {
	if err := CasesErr(); err != nil {
		t.Fatal(err)
	}
	if n := len(Cases()); n < 24 {
		t.Fatalf("%d cases, want at least 24", n)
	}
	// One client, one profile, one case.
	for _, p := range client.All() {
		if _, err := LookupCase(p.ID); err != nil {
			t.Errorf("client %s has no consultation case: %v", p.ID, err)
		}
	}
	for _, c := range Cases() {
		if c.Profile() == nil {
			t.Errorf("case %s has no client profile", c.Client)
		}
	}
	// The minor's rule follows from the profile's age.
	c := mustCase(t, "c13")
	if c.Profile().Age >= 18 || !slices.Contains(c.Key().Reasons, RuleUnder18) {
		t.Errorf("c13: age %d, key %+v", c.Profile().Age, c.Key())
	}
}

// sourceTable is domain-clients.md §1 written out by hand, independently of
// assets/rules: for each rule, the action the table gives and the shortest
// and longest wait in days it names (0, 0 when it names none). The rules
// file must agree with it, so an edit that drifts from the sources fails.
var sourceTable = map[string]struct {
	action     Action
	minD, maxD int
	tier       string
}{
	"under-18":               {ActRefuse, 0, 0, "T1"},
	"intoxicated":            {ActPostpone, 1, 3, "T1"},   // 24 h [4] … 3 days [6]
	"pregnant-breastfeeding": {ActPostpone, 14, 90, "T3"}, // ≥2 weeks [9] … first few months [10]
	"hair-transplant":        {ActPostpone, 180, 365, "T3"},
	"scar-immature":          {ActPostpone, 90, 365, "T3"}, // 3–4 months [35] … ≥12 [38]
	"sunburn":                {ActPostpone, 7, 14, "T3"},   // 1 [4] to 2 weeks [40]
	"isotretinoin":           {ActPostpone, 183, 365, "T3"},
	"chemo-radiotherapy":     {ActPostpone, 183, 365, "T3"},
	"laser-removal":          {ActPostpone, 90, 90, "T3"},
	"antibiotics":            {ActPostpone, 21, 28, "T3"},
	"keloid":                 {ActRefuse, 0, 0, "T3"},
	"haemophilia":            {ActRefuse, 0, 0, "T3"},
	"ink-reaction":           {ActRefuse, 0, 0, "T3"},
	"anticoagulant":          {ActClearance, 0, 0, "T3"},
	"medical-clearance":      {ActClearance, 0, 0, "T3"},
	"minoxidil":              {ActCaution, 0, 0, "T3"},
	"finasteride":            {ActCaution, 0, 0, "T3"},
}

func TestRulesMatchTheSourceTable(t *testing.T) {
	rs := Rules()
	for id, want := range sourceTable {
		r := rs.Rule(id)
		if r == nil {
			t.Errorf("no rule %q", id)
			continue
		}
		if r.Action() != want.action || r.Tier != want.tier {
			t.Errorf("%s: action %s tier %s, table says %s %s", id, r.Action(), r.Tier, want.action, want.tier)
		}
		if want.maxD > 0 && (r.Wait == nil || r.Wait.MinDays != want.minD || r.Wait.MaxDays != want.maxD) {
			t.Errorf("%s: wait %+v, table says %d–%d days", id, r.Wait, want.minD, want.maxD)
		}
	}
	// §1: every rule of the table is met by some client.
	met := map[string]bool{}
	for _, c := range Cases() {
		for _, n := range c.needs(rs) {
			met[n.rule.ID] = true
		}
	}
	for _, r := range rs.Screening {
		if !met[r.ID] {
			t.Errorf("no client meets rule %q", r.ID)
		}
	}
	// §1 and §7: the three always-wrong answers.
	for _, code := range []score.FaultCode{"treated-minor", "treated-intoxicated", "told-stop-medicine"} {
		if !IsAlwaysWrong(code) {
			t.Errorf("%s is not always wrong", code)
		}
	}
	// Rules that are our synthesis say so.
	for _, id := range []string{"scalp-infection", "psoriasis-flare", "areata-active", "expectations-persist"} {
		if !rs.Rule(id).Inference {
			t.Errorf("%s is marked as sourced, but domain-clients.md gives no number for it", id)
		}
	}
}

// wantDecision is each client's decision as the case's author worked it
// out by hand from domain-clients.md, not from the grader.
var wantDecision = map[string]Decision{
	"c01": Treat, "c02": Treat, "c03": Treat, "c04": Clearance, "c05": Treat,
	"c06": Treat, "c07": Postpone, "c08": Treat, "c09": Clearance, "c10": Treat,
	"c11": Postpone, "c12": Treat, "c13": Decline, "c14": Postpone, "c15": Postpone,
	"c16": Postpone, "c17": Decline, "c18": Decline, "c19": Treat, "c20": Clearance,
	"c21": Treat, "c22": Postpone, "c23": Postpone, "c24": Treat, "c25": Decline,
	"c26": Decline, "c27": Decline, "c28": Treat, "c29": Treat, "c30": Treat,
	"c31": Treat, "c32": Treat, "c33": Treat,
}

func TestKeysMatchHandWorkedDecisions(t *testing.T) {
	counts := map[Decision]int{}
	for _, c := range Cases() {
		k := c.Key()
		counts[k.Decision]++
		if want, ok := wantDecision[c.Client]; !ok || k.Decision != want {
			t.Errorf("%s: key %s, worked out by hand %q", c.Client, k, want)
		}
	}
	if 2*counts[Treat] <= len(Cases()) || counts[Decline] < 3 || counts[Postpone]+counts[Clearance] < 5 {
		t.Errorf("spread %v: want most treatable, several postponed or cleared, a few refused", counts)
	}
	// c11's sunburn was 3 days ago: 7–14 days from the burn leaves 4–11.
	if k := mustCase(t, "c11").Key(); k.MinDays != 4 || k.MaxDays != 11 {
		t.Errorf("c11 key %s, want 4–11 days", k)
	}
}

func mustCase(t *testing.T, id string) *Case {
	t.Helper()
	c, err := LookupCase(id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fromKey is the consultation the answer key gives.
func fromKey(c *Case) *Consultation {
	k := c.Key()
	return &Consultation{Client: c.Client, Decision: k.Decision, PostponeDays: k.MinDays, Reasons: k.Reasons}
}

func screeningOf(t *testing.T, c *Consultation) score.Criterion {
	t.Helper()
	res, err := Grade(c)
	if err != nil {
		t.Fatal(err)
	}
	return res.Criteria[0]
}

func TestKeyScoresHigh(t *testing.T) {
	for _, c := range Cases() {
		k := c.Key()
		for _, days := range []int{k.MinDays, k.MaxDays} {
			con := fromKey(c)
			con.PostponeDays = days
			if s := screeningOf(t, con); s.Score < 90 {
				t.Errorf("%s: the key %s with %d days scores %.1f on screening: %s", c.Client, k, days, s.Score, s.Feedback)
			}
		}
	}
}

func TestTreatingARefusalScoresZero(t *testing.T) {
	n := 0
	for _, c := range Cases() {
		for _, f := range c.Findings {
			r := Rules().Rule(f.Rule)
			if r.Action() != ActRefuse {
				continue
			}
			n++
			con := fromKey(c)
			con.Decision, con.PostponeDays = Treat, 0
			s := screeningOf(t, con)
			if s.Score != 0 {
				t.Errorf("%s: treating despite %s scores %.1f", c.Client, r.ID, s.Score)
			}
			if !strings.Contains(s.Feedback, r.Condition) || !hasFault(s, r.Fault) {
				t.Errorf("%s: feedback %q (faults %v) does not name %s", c.Client, s.Feedback, s.Faults, r.ID)
			}
		}
	}
	if n < 3 {
		t.Fatalf("only %d refusal cases", n)
	}
}

func hasFault(c score.Criterion, code string) bool {
	return slices.ContainsFunc(c.Faults, func(f score.Fault) bool { return string(f.Code) == code })
}

func TestPostponingTooBrieflyNamesTheMinimum(t *testing.T) {
	c := mustCase(t, "c07") // psoriasis flare: 28–90 days
	con := fromKey(c)
	con.PostponeDays = 7
	s := screeningOf(t, con)
	if !hasFault(s, string(FaultPostponeTooShort)) || !strings.Contains(s.Feedback, "minimum is 28 days") {
		t.Fatalf("feedback %q, faults %v", s.Feedback, s.Faults)
	}
	if s.Score >= 50 {
		t.Errorf("postponing a quarter of the minimum scores %.1f", s.Score)
	}
	con.PostponeDays = 30
	if s := screeningOf(t, con); s.Score < 90 || !strings.Contains(s.Feedback, "Sources differ") {
		t.Errorf("30 days for a flare: %.1f %q", s.Score, s.Feedback)
	}
}

func TestAlwaysWrongAnswers(t *testing.T) {
	con := fromKey(mustCase(t, "c13"))
	con.Decision = Treat
	res, err := Grade(con)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(res.AlwaysWrong, "treated-minor") {
		t.Errorf("treating a 17-year-old: always wrong %v", res.AlwaysWrong)
	}
	// Telling a client on finasteride to stop it: plan 0, always wrong.
	con = fromKey(mustCase(t, "c02"))
	con.Plan = &Plan{Sessions: 3, IntervalDays: 14, Hairline: "mature", StartShade: "lighter",
		Tell: []string{"several-sessions", "first-session-light", "fading-touch-ups", "not-hair", "stop-prescribed-medicine"}}
	res, err = Grade(con)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(res.AlwaysWrong, "told-stop-medicine") || res.Criteria[1].Score != 0 {
		t.Errorf("told to stop a prescribed medicine: %v, plan %.1f", res.AlwaysWrong, res.Criteria[1].Score)
	}
	// The key for c02 is clean.
	if res, _ := Grade(fromKey(mustCase(t, "c02"))); len(res.AlwaysWrong) != 0 {
		t.Errorf("key answer flagged %v", res.AlwaysWrong)
	}
}

// goodPlan and goodAftercare are written by hand from §2 and §3.
func goodPlan() *Plan {
	return &Plan{PatchTest: true, PatchTestHours: 48, Sessions: 3, IntervalDays: 14, Hairline: "mature", StartShade: "lighter",
		Tell: []string{"several-sessions", "first-session-light", "fading-touch-ups", "not-hair"}}
}

func goodAftercare() *Aftercare {
	return &Aftercare{
		Days:      map[string]int{"washing": 4, "sweat": 5, "shaving": 7, "moisturiser": 4, "sun": 30, "pools": 28, "hats": 0},
		SeeDoctor: []string{"spreading-redness", "fever", "yellow-green-discharge", "intense-itching", "rash"},
	}
}

func TestPlanAndAftercare(t *testing.T) {
	con := fromKey(mustCase(t, "c06"))
	con.Plan, con.Aftercare = goodPlan(), goodAftercare()
	res, err := Grade(con)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Criteria) != 3 {
		t.Fatalf("criteria %v", res)
	}
	for _, c := range res.Criteria {
		if c.Score < 99 {
			t.Errorf("%s %.1f: %s", c.ID, c.Score, c.Feedback)
		}
	}
	// Washing on day 1 is too soon; no allergy signs; a defined line at 50.
	con.Aftercare.Days["washing"] = 1
	con.Aftercare.SeeDoctor = []string{"spreading-redness", "fever", "heat", "light-scabbing"}
	con.Plan.Hairline = "juvenile"
	con.Client = "c07" // 55
	con.Decision, con.Reasons = Treat, nil
	res, _ = Grade(con)
	ac := res.Criteria[2]
	for _, code := range []string{"washing-too-soon", string(FaultAllergySigns), string(FaultNormalAsAlarm)} {
		if !hasFault(ac, code) {
			t.Errorf("aftercare faults %v lack %s", ac.Faults, code)
		}
	}
	if !strings.Contains(ac.Feedback, "day 3") {
		t.Errorf("feedback %q does not give the sources' first day", ac.Feedback)
	}
	if !hasFault(res.Criteria[1], string(FaultHairlineUnsuited)) {
		t.Errorf("plan faults %v", res.Criteria[1].Faults)
	}
	// Treating without a plan or aftercare grades both at 0.
	res, _ = Grade(fromKey(mustCase(t, "c06")))
	if len(res.Criteria) != 3 || res.Criteria[1].Score != 0 || res.Criteria[2].Score != 0 {
		t.Errorf("no plan or aftercare: %v", res)
	}
	// A postponement without either grades screening only.
	if res, _ := Grade(fromKey(mustCase(t, "c07"))); len(res.Criteria) != 1 {
		t.Errorf("postponed: %v", res)
	}
}

func TestValidateRefusesHostile(t *testing.T) {
	many := make([]string, MaxListItems+1)
	for i := range many {
		many[i] = "sunburn"
	}
	for _, tc := range []struct {
		c     Consultation
		field string
	}{
		{Consultation{Client: "c99", Decision: Treat}, "client"},
		{Consultation{Client: "", Decision: Treat}, "client"},
		{Consultation{Client: "c01", Decision: "maybe"}, "decision"},
		{Consultation{Client: "c01", Decision: Postpone, PostponeDays: -3}, "postpone_days"},
		{Consultation{Client: "c01", Decision: Postpone, Reasons: many}, "reasons"},
		{Consultation{Client: "c01", Decision: Postpone, Reasons: []string{"sunburn", "sunburn"}}, "reasons[1]"},
		{Consultation{Client: "c01", Decision: Treat, Plan: &Plan{Tell: []string{"buy-more"}}}, "plan.tell[0]"},
		{Consultation{Client: "c01", Decision: Treat, Aftercare: &Aftercare{Days: map[string]int{"washing": -1}}}, "aftercare.days.washing"},
		{Consultation{Client: "c01", Decision: Treat, Aftercare: &Aftercare{Days: map[string]int{"bathing": 3}}}, "aftercare.days.bathing"},
	} {
		err := tc.c.Validate()
		fe, ok := err.(*FieldError)
		if !ok || fe.Field != tc.field {
			t.Errorf("%+v: error %v, want field %s", tc.c, err, tc.field)
		}
	}
}
