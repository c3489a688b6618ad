package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// FuzzDecode feeds the decoder arbitrary bytes. It must never panic; every
// rejection must be a one-line *Error naming the file; and every accepted
// session must encode and decode back to itself.
func FuzzDecode(f *testing.F) {
	p := inside(f)
	at := func(extra string) string {
		b := appendFloat(nil, p.X)
		c := appendFloat(nil, p.Y)
		return `{"x_mm":` + string(b) + `,"y_mm":` + string(c) + extra + `}`
	}
	head := `{"format":"smp-session","version":1,"template":"square20",`
	f.Add([]byte(head + `"impressions":[` + at(`,"diameter_mm":0.25`) + `]}`))
	f.Add([]byte(head + `"session":2,"trainee":"Ann","impressions":[` + at(`,"needle":"3RL","gauge_mm":0.2,"depth":"deep","session":1,"t_s":3.5`) + `,` + at("") + `]}`))
	f.Add([]byte(head + `"future":{"a":[1,{"b":null}]},"impressions":[` + at(`,"x":[[]]`) + `]}`))
	f.Add([]byte(head + `"impressions":[{"x_mm":1e999,"y_mm":0}]}`))
	f.Add([]byte(head + `"impressions":[{"x_mm":NaN,"y_mm":0}]}`))
	f.Add([]byte(head + `"created":"2026-11-23T20:00:00Z","content_sha256":"` + strings.Repeat("0", 64) + `","impressions":null}`))
	f.Add([]byte("\xEF\xBB\xBF" + head + `"impressions":[]}`))
	f.Add([]byte(head + `"impressions":[]} trailing`))
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`))
	f.Add([]byte("\x00\x01\x02\xff\xfe"))
	var full bytes.Buffer
	if err := Encode(&full, randomSession(f, 5, 1)); err != nil {
		f.Fatal(err)
	}
	f.Add(full.Bytes())

	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := decodeLimit(bytes.NewReader(data), "fuzz.json", 1<<20)
		// The hand-written scanner must agree with encoding/json on what
		// is JSON: what it accepts is valid, and what it calls invalid is.
		plain := bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
		if err == nil && !json.Valid(plain) {
			t.Fatalf("accepted input that is not JSON: %q", data)
		}
		if err != nil && strings.Contains(err.Error(), "invalid JSON") && json.Valid(plain) {
			t.Fatalf("called valid JSON invalid: %v\n%q", err, data)
		}
		if err != nil {
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not *Error: %v", err, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "fuzz.json: ") || strings.ContainsAny(msg, "\n\r") {
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
		s.ContentHash = s.Hash()
		if !reflect.DeepEqual(s, s2) {
			t.Fatalf("round trip changed the session\nfirst  %+v\nsecond %+v", s, s2)
		}
	})
}
