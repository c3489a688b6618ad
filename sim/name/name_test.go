package name

import (
	"strings"
	"testing"
)

func TestProblem(t *testing.T) {
	ok := []string{"", "Ann Lee", "José Núñez", "محمد", "مهرنوش\u200cرضایی", "क्\u200dष", "李小龍"}
	for _, s := range ok {
		if p := Problem(s); p != "" {
			t.Errorf("%q refused: %s", s, p)
		}
	}
	bad := map[string]string{
		"Ann\u202etxt.exe": "U+202E",
		"\u2066Bob\u2069":  "U+2066",
		"Ann\u200bLee":     "U+200B",
		"\ufeffAnn":        "U+FEFF",
		"Ann\u200fLee":     "U+200F",
		"Ann\U000E0041":    "U+E0041",
		"Ann\nLee":         "control",
		"Ann\x1b[31m":      "control",
		"Ann\xff":          "UTF-8",
	}
	for s, want := range bad {
		if p := Problem(s); !strings.Contains(p, want) {
			t.Errorf("%q: %q, want it to name %s", s, p, want)
		}
		if c := Clean(s); Problem(c) != "" {
			t.Errorf("Clean(%q) = %q, still refused: %s", s, c, Problem(c))
		}
	}
	if c := Clean("Ann\u202etxt.exe"); c != "Anntxt.exe" {
		t.Errorf("Clean = %q", c)
	}
}
