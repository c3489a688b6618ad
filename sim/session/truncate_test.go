package session

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
)

// TestTruncatedAnywhereSaysTruncated cuts a saved file at every byte of
// its last impressions (mid-key, mid-string, mid-number) and checks that
// the decoder says the file ends early instead of quoting bytes from
// elsewhere in the file. The file is larger than one read, so the cut
// comes after the scanner has moved its buffer.
func TestTruncatedAnywhereSaysTruncated(t *testing.T) {
	s := &Session{Template: "square20", Number: 1, Created: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	for i := range 2000 {
		p := geom.Point{X: 1.123456 + float64(i%97)*0.1, Y: 2.654321 + float64(i%89)*0.1}
		s.Impressions = append(s.Impressions, impression.New(p, impression.DefaultNeedle, 1, float64(i)*0.25))
	}
	var buf bytes.Buffer
	if err := Encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	full := buf.Bytes()
	if len(full) <= readChunk {
		t.Fatalf("file of %d bytes fits one read; the test needs more", len(full))
	}
	for cut := len(full) - 400; cut < len(full)-2; cut++ {
		_, err := Decode(bytes.NewReader(full[:cut]), "cut.json")
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("cut at %d: %v, want an *Error", cut, err)
		}
		if !strings.Contains(e.Problem, "truncated") {
			t.Fatalf("cut at %d (…%q): %v, want it to say truncated", cut, full[cut-12:cut], err)
		}
	}
}

// TestTraineeNameWithBidiControlsRefused: a trainee name that reorders
// how it displays is refused, naming the field and the character.
func TestTraineeNameWithBidiControlsRefused(t *testing.T) {
	s := &Session{Template: "square20", Number: 1, Trainee: "Ann\u202egpj.exe"}
	var buf bytes.Buffer
	if err := Encode(&buf, s); err == nil {
		if _, err := Decode(&buf, "ann.json"); err == nil || !strings.Contains(err.Error(), "trainee") || !strings.Contains(err.Error(), "U+202E") {
			t.Errorf("decoded a spoofing name: %v", err)
		}
	} else if !strings.Contains(err.Error(), "U+202E") {
		t.Errorf("encode: %v", err)
	}
}
