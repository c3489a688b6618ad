package session

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/consult"
)

const consultHead = `{"format":"smp-session","version":1,"template":"norwood3","impressions":[],`

func TestConsultationMinimalForm(t *testing.T) {
	s, err := Decode(strings.NewReader(consultHead+`"consultation": {"client": "c07", "decision": "postpone", "postpone_days": 30, "reasons": ["psoriasis-flare"]}}`), "min.json")
	if err != nil {
		t.Fatal(err)
	}
	want := &consult.Consultation{Client: "c07", Decision: consult.Postpone, PostponeDays: 30, Reasons: []string{"psoriasis-flare"}}
	if !reflect.DeepEqual(s.Consultation, want) {
		t.Fatalf("got %+v", s.Consultation)
	}
	// null is no consultation; a file without one has none.
	s, err = Decode(strings.NewReader(consultHead+`"consultation": null}`), "null.json")
	if err != nil || s.Consultation != nil {
		t.Fatalf("null: %v %+v", err, s)
	}
}

func fullConsultation() *consult.Consultation {
	return &consult.Consultation{
		Client: "c06", Decision: consult.Treat, Reasons: []string{},
		Plan: &consult.Plan{PatchTest: true, PatchTestHours: 48, Sessions: 3, IntervalDays: 14, Hairline: "mature", StartShade: "lighter",
			Tell: []string{"not-hair", "fading-touch-ups"}},
		Aftercare: &consult.Aftercare{Days: map[string]int{"washing": 4, "sun": 30}, SeeDoctor: []string{"fever", "rash"}},
	}
}

func TestConsultationRoundTrip(t *testing.T) {
	s := &Session{Template: "norwood3", Number: 1, Consultation: fullConsultation()}
	var buf bytes.Buffer
	if err := Encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	s2, err := Decode(&buf, "rt.json")
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(s2.Consultation, s.Consultation) {
		t.Fatalf("round trip\n%+v\n%+v", s2.Consultation, s.Consultation)
	}
	// The hash covers the consultation: a decision edited after saving
	// shows.
	h := s2.Hash()
	s2.Consultation.Decision = consult.Decline
	if s2.Hash() == h {
		t.Error("changing the decision kept the content hash")
	}
	s2.Consultation = nil
	if s2.Hash() != (&Session{Template: "norwood3", Number: 1}).Hash() {
		t.Error("a file without a consultation hashes differently from before")
	}
}

func TestConsultationHostile(t *testing.T) {
	many := `"` + strings.Repeat(`sunburn", "`, consult.MaxListItems) + `sunburn"`
	for _, tc := range []struct{ obj, field string }{
		{`{"client": "c99", "decision": "treat"}`, "consultation.client"},
		{`{"decision": "treat"}`, "consultation.client"},
		{`{"client": "c07", "decision": "maybe"}`, "consultation.decision"},
		{`{"client": "c07"}`, "consultation.decision"},
		{`{"client": "c07", "decision": "postpone", "postpone_days": -30}`, "consultation.postpone_days"},
		{`{"client": "c07", "decision": "postpone", "postpone_days": 2.5}`, "consultation.postpone_days"},
		{`{"client": "c07", "decision": "postpone", "postpone_days": 1e9}`, "consultation.postpone_days"},
		{`{"client": "c07", "decision": "postpone", "reasons": [` + many + `]}`, "consultation.reasons"},
		{`{"client": "c07", "decision": "postpone", "reasons": ["psoriasis-flare", 3]}`, "consultation.reasons[1]"},
		{`{"client": "c07", "decision": "postpone", "reasons": ["psoriasis-flare", "psoriasis-flare"]}`, "consultation.reasons[1]"},
		{`{"client": "c07", "decision": "treat", "plan": {"sessions": -1}}`, "consultation.plan.sessions"},
		{`{"client": "c07", "decision": "treat", "plan": {"tell": ["buy-more"]}}`, "consultation.plan.tell[0]"},
		{`{"client": "c07", "decision": "treat", "plan": {"patch_test": "yes"}}`, "consultation.plan.patch_test"},
		{`{"client": "c07", "decision": "treat", "aftercare": {"days": {"washing": -2}}}`, "consultation.aftercare.days.washing"},
		{`{"client": "c07", "decision": "treat", "aftercare": {"days": {"bathing": 2}}}`, "consultation.aftercare.days.bathing"},
		{`{"client": "c07", "decision": "treat", "client": "c08"}`, "consultation.client"},
		{`[1, 2]`, "consultation"},
	} {
		_, err := Decode(strings.NewReader(consultHead+`"consultation": `+tc.obj+`}`), "bad.json")
		var se *Error
		if !errors.As(err, &se) || se.Field != tc.field || se.File != "bad.json" || strings.ContainsAny(err.Error(), "\n\r") {
			t.Errorf("%s: got %v (field %q), want field %s", tc.obj, err, fieldOf(se), tc.field)
		}
	}
}

func fieldOf(e *Error) string {
	if e == nil {
		return ""
	}
	return e.Field
}

// FuzzConsultation feeds the consultation decoder arbitrary objects: it
// must never panic, every refusal is one line naming the file, and every
// accepted consultation encodes and decodes back to itself.
func FuzzConsultation(f *testing.F) {
	f.Add(`{"client": "c07", "decision": "postpone", "postpone_days": 30, "reasons": ["psoriasis-flare"]}`)
	f.Add(`{"client": "c06", "decision": "treat", "plan": {"patch_test": true, "sessions": 3, "interval_days": 14, "hairline": "mature", "start_shade": "lighter", "tell": ["not-hair"]}, "aftercare": {"days": {"washing": 4}, "see_doctor": ["fever"]}}`)
	f.Add(`{"client": "c99", "decision": "treat"}`)
	f.Add(`{"client": "c07", "decision": "postpone", "postpone_days": -1}`)
	f.Add(`{"client": "c07", "decision": "refer", "plan": null, "aftercare": {"days": null}, "future": [[{}]]}`)
	f.Fuzz(func(t *testing.T, obj string) {
		s, err := decodeLimit(strings.NewReader(consultHead+`"consultation": `+obj+`}`), "fuzz.json", 1<<20)
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "fuzz.json: ") || strings.ContainsAny(msg, "\n\r") {
				t.Fatalf("bad error line %q", msg)
			}
			return
		}
		var buf bytes.Buffer
		if err := Encode(&buf, s); err != nil {
			t.Fatalf("accepted session does not encode: %v", err)
		}
		s2, err := Decode(&buf, "again.json")
		if err != nil {
			t.Fatalf("re-encoded session does not decode: %v\n%s", err, buf.Bytes())
		}
		if (s.Consultation == nil) != (s2.Consultation == nil) || s.Consultation != nil && !sameConsultation(s.Consultation, s2.Consultation) {
			t.Fatalf("round trip changed the consultation\n%+v\n%+v", s.Consultation, s2.Consultation)
		}
		if s.Consultation != nil {
			if _, err := consult.Grade(s.Consultation); err != nil {
				t.Fatalf("an accepted consultation does not grade: %v", err)
			}
		}
	})
}

// sameConsultation compares two consultations, counting an empty list and
// a missing one as the same (the encoder writes both as []).
func sameConsultation(a, b *consult.Consultation) bool {
	norm := func(c consult.Consultation) consult.Consultation {
		if len(c.Reasons) == 0 {
			c.Reasons = nil
		}
		if c.Plan != nil {
			p := *c.Plan
			if len(p.Tell) == 0 {
				p.Tell = nil
			}
			c.Plan = &p
		}
		if c.Aftercare != nil {
			a := *c.Aftercare
			if len(a.SeeDoctor) == 0 {
				a.SeeDoctor = nil
			}
			if len(a.Days) == 0 {
				a.Days = nil
			}
			c.Aftercare = &a
		}
		return c
	}
	return reflect.DeepEqual(norm(*a), norm(*b))
}
