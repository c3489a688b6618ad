package session

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/smptrainer/smp/sim/consult"
	"github.com/smptrainer/smp/sim/design"
)

// This file reads, checks and writes the session's optional
// "consultation" object: the trainee's consultation of a virtual client
// (sim/consult), such as
//
//	"consultation": {"client": "c07", "decision": "postpone", "postpone_days": 30,
//	                 "reasons": ["psoriasis-flare"]}
//
// with optional "plan" and "aftercare" objects. FORMAT.md documents it.

// consultationField is the object's name in the file and in errors.
const consultationField = "consultation"

// consultation reads the "consultation" value: an object, or null for none.
func (d *decoder) consultation() (*consult.Consultation, *Error) {
	const f = consultationField
	if ok, e := d.object(f); !ok || e != nil {
		return nil, e
	}
	var c consult.Consultation
	err := d.fields(f, func(key, field string) *Error {
		var e *Error
		switch key {
		case "client", "decision":
			var v string
			if v, e = d.shortText(field); e == nil && key == "client" {
				c.Client = v
			} else if e == nil {
				c.Decision = consult.Decision(v)
			}
		case "postpone_days":
			c.PostponeDays, e = d.count(field, consult.MaxPostponeDays)
		case "reasons":
			c.Reasons, e = d.words(field)
		case "plan":
			c.Plan, e = d.plan(field)
		case "aftercare":
			c.Aftercare, e = d.aftercare(field)
		default:
			return d.skip(field, 2)
		}
		return e
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// plan reads consultation.plan: an object, or null for none.
func (d *decoder) plan(f string) (*consult.Plan, *Error) {
	if ok, e := d.object(f); !ok || e != nil {
		return nil, e
	}
	var p consult.Plan
	err := d.fields(f, func(key, field string) *Error {
		var e *Error
		switch key {
		case "patch_test":
			p.PatchTest, e = d.boolean(field)
		case "patch_test_hours":
			p.PatchTestHours, e = d.count(field, consult.MaxPatchTestHours)
		case "sessions":
			p.Sessions, e = d.count(field, consult.MaxSessions)
		case "interval_days":
			p.IntervalDays, e = d.count(field, consult.MaxIntervalDays)
		case "hairline":
			var v string
			v, e = d.shortText(field)
			p.Hairline = design.Style(v)
		case "start_shade":
			p.StartShade, e = d.shortText(field)
		case "tell":
			p.Tell, e = d.words(field)
		default:
			return d.skip(field, 3)
		}
		return e
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// aftercare reads consultation.aftercare: an object, or null for none.
func (d *decoder) aftercare(f string) (*consult.Aftercare, *Error) {
	if ok, e := d.object(f); !ok || e != nil {
		return nil, e
	}
	var a consult.Aftercare
	err := d.fields(f, func(key, field string) *Error {
		var e *Error
		switch key {
		case "days":
			a.Days, e = d.dayMap(field)
		case "see_doctor":
			a.SeeDoctor, e = d.words(field)
		default:
			return d.skip(field, 3)
		}
		return e
	})
	if err != nil {
		return nil, err
	}
	return &a, nil
}

// dayMap reads consultation.aftercare.days: item id → first day.
func (d *decoder) dayMap(f string) (map[string]int, *Error) {
	if ok, e := d.object(f); !ok || e != nil {
		return nil, e
	}
	m := map[string]int{}
	err := d.fields(f, func(key, field string) *Error {
		if len(m) == consult.MaxListItems {
			return d.errorf(f, "more than %d items", consult.MaxListItems)
		}
		v, e := d.count(field, consult.MaxAftercareDay)
		m[key] = v
		return e
	})
	return m, err
}

// object reads the opening of an object for field f: ok is false (and e
// nil) for null.
func (d *decoder) object(f string) (ok bool, e *Error) {
	c, e := d.next(f)
	if e != nil {
		return false, e
	}
	if c == 'n' {
		lit, e := d.literal(f)
		if e == nil && lit != "null" {
			e = d.errorf(f, "got a boolean, want an object {…}")
		}
		return false, e
	}
	if c != '{' {
		if e := d.skip(f, 2); e != nil {
			return false, e
		}
		return false, d.errorf(f, "got %s, want an object {…}", kind(c))
	}
	return true, nil
}

// fields reads the members of the object whose '{' is next, calling fn
// with each key and its path "f.key"; a key given twice is refused.
func (d *decoder) fields(f string, fn func(key, field string) *Error) *Error {
	seen := map[string]bool{}
	return d.members(f, func(kb []byte) *Error {
		key := string(kb)
		field := f + "." + clip(key)
		if seen[key] {
			return d.errorf(field, "appears twice")
		}
		if len(seen) == maxTopFields {
			return d.errorf(f, "more than %d fields", maxTopFields)
		}
		seen[key] = true
		return fn(key, field)
	})
}

// shortText reads a short text (an id or a name): "" for null.
func (d *decoder) shortText(field string) (string, *Error) {
	v, _, e := d.text(field)
	if e != nil {
		return "", e
	}
	if p := checkText(string(v), false); p != "" {
		return "", d.errorf(field, "%s", p)
	}
	return string(v), nil
}

// count reads a whole number from 0 to hi: 0 for null.
func (d *decoder) count(field string, hi int) (int, *Error) {
	v, ok, e := d.num(field)
	switch {
	case e != nil:
		return 0, e
	case !ok:
		return 0, nil
	case v != math.Trunc(v) || v < 0 || v > float64(hi):
		return 0, d.errorf(field, "%s is not a whole number from 0 to %d", strconv.FormatFloat(v, 'g', -1, 64), hi)
	}
	return int(v), nil
}

// boolean reads true or false: false for null.
func (d *decoder) boolean(field string) (bool, *Error) {
	c, e := d.next(field)
	if e != nil {
		return false, e
	}
	if c == 't' || c == 'f' || c == 'n' {
		lit, e := d.literal(field)
		return lit == "true", e
	}
	if e := d.skip(field, 3); e != nil {
		return false, e
	}
	return false, d.errorf(field, "got %s, want true or false", kind(c))
}

// words reads a list of at most consult.MaxListItems short texts, or null.
func (d *decoder) words(f string) ([]string, *Error) {
	c, e := d.next(f)
	if e != nil {
		return nil, e
	}
	if c == 'n' {
		lit, e := d.literal(f)
		if e == nil && lit != "null" {
			e = d.errorf(f, "got a boolean, want a list [...]")
		}
		return nil, e
	}
	if c != '[' {
		if e := d.skip(f, 2); e != nil {
			return nil, e
		}
		return nil, d.errorf(f, "got %s, want a list [...]", kind(c))
	}
	d.pos++
	out := []string{}
	if c, e = d.next(f); e != nil {
		return nil, e
	}
	if c == ']' {
		d.pos++
		return out, nil
	}
	for {
		if len(out) == consult.MaxListItems {
			return nil, d.errorf(f, "more than %d entries", consult.MaxListItems)
		}
		w, e := d.shortText(fmt.Sprintf("%s[%d]", f, len(out)))
		if e != nil {
			return nil, e
		}
		out = append(out, w)
		if c, e = d.next(f); e != nil {
			return nil, e
		}
		d.pos++
		if c == ']' {
			return out, nil
		}
		if c != ',' {
			return nil, d.syntax(f, "expected ',' or ']' after an entry, found %s", found(c))
		}
	}
}

// checkConsultation checks s's consultation, if any, against the clients
// and rules (consult.Consultation.Validate); the error's field is
// "consultation." plus the consultation's.
func checkConsultation(s *Session) *Error {
	if s.Consultation == nil {
		return nil
	}
	if err := s.Consultation.Validate(); err != nil {
		fe := err.(*consult.FieldError)
		return &Error{Field: consultationField + "." + fe.Field, Problem: fe.Problem}
	}
	return nil
}

// appendConsultation writes the consultation object, when there is one,
// in its full form: every field, absent plan and aftercare as null.
func appendConsultation(b []byte, c *consult.Consultation) []byte {
	if c == nil {
		return b
	}
	b = append(b, ",\n  \"consultation\": {\"client\": "...)
	b = appendString(b, c.Client)
	b = append(b, ", \"decision\": "...)
	b = appendString(b, string(c.Decision))
	b = append(b, ", \"postpone_days\": "...)
	b = strconv.AppendInt(b, int64(c.PostponeDays), 10)
	b = append(b, ", \"reasons\": "...)
	b = appendStrings(b, c.Reasons)
	b = append(b, ",\n    \"plan\": "...)
	if p := c.Plan; p == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, "{\"patch_test\": "...)
		b = strconv.AppendBool(b, p.PatchTest)
		b = append(b, ", \"patch_test_hours\": "...)
		b = strconv.AppendInt(b, int64(p.PatchTestHours), 10)
		b = append(b, ", \"sessions\": "...)
		b = strconv.AppendInt(b, int64(p.Sessions), 10)
		b = append(b, ", \"interval_days\": "...)
		b = strconv.AppendInt(b, int64(p.IntervalDays), 10)
		b = append(b, ", \"hairline\": "...)
		b = appendString(b, string(p.Hairline))
		b = append(b, ", \"start_shade\": "...)
		b = appendString(b, p.StartShade)
		b = append(b, ", \"tell\": "...)
		b = appendStrings(b, p.Tell)
		b = append(b, '}')
	}
	b = append(b, ",\n    \"aftercare\": "...)
	if a := c.Aftercare; a == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, "{\"days\": {"...)
		for i, k := range slices.Sorted(maps.Keys(a.Days)) {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendString(b, k)
			b = append(b, ": "...)
			b = strconv.AppendInt(b, int64(a.Days[k]), 10)
		}
		b = append(b, "}, \"see_doctor\": "...)
		b = appendStrings(b, a.SeeDoctor)
		b = append(b, '}')
	}
	return append(b, "}"...)
}

// appendConsultationHash adds the consultation, when there is one, to the
// content hash's canonical text (FORMAT.md): its full form on one line
// after "consultation ", so a decision edited after saving is caught. A
// file without one hashes as before.
func appendConsultationHash(b []byte, c *consult.Consultation) []byte {
	if c == nil {
		return b
	}
	b = append(b, "consultation "...)
	start := len(b)
	b = appendConsultation(b, c)
	// The written form starts ",\n  \"consultation\": " and has line
	// breaks; the hash line keeps only the object, on one line.
	obj := b[start:]
	out := obj[:0]
	skip := len(",\n  \"consultation\": ")
	for i, ch := range obj {
		if i < skip {
			continue
		}
		if ch == '\n' {
			continue
		}
		out = append(out, ch)
	}
	b = b[:start+len(out)]
	return append(b, '\n')
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}
