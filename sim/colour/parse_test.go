package colour

import (
	"math"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // hex of the expected colour
	}{
		{"#f6ede4", "#f6ede4"},
		{"  #F6EDE4 ", "#f6ede4"},
		{"monk:1", "#f6ede4"},
		{"MONK:10", "#292420"},
		{"monk:3", "#f7ead0"},
		{"fitzpatrick:4", "#bb7750"},
		{"Fitzpatrick:IV", "#bb7750"},
		{"fitzpatrick:vi", "#3b1f16"},
		{"lab:100,0,0", "#ffffff"},
		{"LAB: 0 , 0 , 0", "#000000"},
	} {
		c, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got := c.Clamped().Hex(); got != tc.want {
			t.Errorf("Parse(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestParseLab(t *testing.T) {
	c, err := Parse("lab:50,2.6772,-79.7751")
	if err != nil {
		t.Fatal(err)
	}
	l, a, b := LabOf(c)
	if math.Abs(l-50) > 1e-9 || math.Abs(a-2.6772) > 1e-9 || math.Abs(b+79.7751) > 1e-9 {
		t.Errorf("lab round trip gave %v %v %v", l, a, b)
	}
}

func TestParseHair(t *testing.T) {
	if _, err := Parse("hair:dark-brown"); err != nil {
		t.Error(err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{
		"", "red", "#fff", "#ggghhh", "#12345678", "f6ede4",
		"lab:", "lab:1,2", "lab:1,2,3,4", "lab:x,0,0", "lab:101,0,0", "lab:-1,0,0",
		"lab:50,200,0", "lab:NaN,0,0", "lab:50,inf,0",
		"monk:0", "monk:11", "monk:", "monk:x",
		"fitzpatrick:0", "fitzpatrick:7", "fitzpatrick:vii",
		"hair:purple",
	} {
		_, err := Parse(in)
		if err == nil {
			t.Errorf("Parse(%q) succeeded, want an error", in)
			continue
		}
		if !strings.Contains(err.Error(), "\""+in+"\"") {
			t.Errorf("Parse(%q) error %q does not name the input", in, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"#f6ede4", "lab:50,1,2", "monk:3", "fitzpatrick:iv", "hair:black"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err == nil && !c.IsValid() && !strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "lab:") {
			t.Errorf("Parse(%q) = %v, outside the gamut", s, c)
		}
	})
}
