package fileerr

import (
	"errors"
	"io/fs"
	"testing"
)

func TestError(t *testing.T) {
	cases := []struct {
		e    *Error
		want string
	}{
		{&Error{File: "a.json", Field: "version", Problem: "2 is unknown"}, "a.json: version: 2 is unknown"},
		{&Error{File: "a.json", Problem: "empty file"}, "a.json: empty file"},
		{&Error{File: "a\nb.json", Field: "x", Problem: "bad\tvalue\x01"}, `a\nb.json: x: bad\tvalue` + "\uFFFD"},
		{New("t.json", "head.radius_mm", "%g is not a head", -1.5), "t.json: head.radius_mm: -1.5 is not a head"},
	}
	for _, c := range cases {
		if got := c.e.Error(); got != c.want {
			t.Errorf("Error() = %q, want %q", got, c.want)
		}
	}
}

func TestUnwrap(t *testing.T) {
	e := &Error{File: "x", Problem: "missing", Err: fs.ErrNotExist}
	if !errors.Is(e, fs.ErrNotExist) {
		t.Error("errors.Is does not see the cause")
	}
}

func TestOneLine(t *testing.T) {
	if s := "plain ünïcode"; OneLine(s) != s {
		t.Errorf("OneLine changed %q", s)
	}
	if got := OneLine("a\u2028b\rc"); got != "a\uFFFDb\\rc" {
		t.Errorf("OneLine = %q", got)
	}
}
