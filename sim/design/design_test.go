package design

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// sample is the example design, on norwood3.
func sample() Design {
	return Design{
		MFP: geom.Pt(0, -80.5), FTPLeft: geom.Pt(-38, -62), FTPRight: geom.Pt(38, -62),
		TPLeft: geom.Pt(-52, -40), TPRight: geom.Pt(52, -40),
		Line: geom.Polyline{{X: -52, Y: -40}, {X: -38, Y: -62}, {X: 0, Y: -80.5}, {X: 38, Y: -62}, {X: 52, Y: -40}},
	}
}

func TestCheck(t *testing.T) {
	tpl, err := scalp.Lookup("norwood3")
	if err != nil {
		t.Fatal(err)
	}
	d := sample()
	if f, p := d.Check(tpl); f != "" {
		t.Fatalf("sample refused: %s: %s", f, p)
	}
	for _, tc := range []struct {
		name  string
		edit  func(*Design)
		field string
		want  string
	}{
		{"off the head", func(d *Design) { d.MFP = geom.Pt(0, -170) }, "mfp", "off the norwood3 chart"},
		{"swapped", func(d *Design) { d.FTPLeft, d.FTPRight = d.FTPRight, d.FTPLeft }, "ftp_left", "left and right"},
		{"crossing", func(d *Design) {
			d.Line = geom.Polyline{{X: -52, Y: -40}, {X: 0, Y: -80}, {X: 0, Y: -60}, {X: -20, Y: -75}, {X: 52, Y: -40}}
		}, "line[2]", "crosses itself"},
		{"short line", func(d *Design) { d.Line = d.Line[:1] }, "line", "at least 2"},
		{"style", func(d *Design) { d.Style = "wild" }, "style", "unknown style"},
		{"client", func(d *Design) { d.Client = "C 1" }, "client", "not a client id"},
	} {
		d := sample()
		tc.edit(&d)
		f, p := d.Check(tpl)
		if f != tc.field || !strings.Contains(p, tc.want) {
			t.Errorf("%s: %s: %s, want field %s with %q", tc.name, f, p, tc.field, tc.want)
		}
	}
}

func TestMarshalIsTheFileForm(t *testing.T) {
	b, err := json.Marshal(sample())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"mfp":[0,-80.5],"ftp_left":[-38,-62],"ftp_right":[38,-62],"tp_left":[-52,-40],"tp_right":[52,-40],"line":[[-52,-40],[-38,-62],[0,-80.5],[38,-62],[52,-40]]}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

func TestUnmarshalReadsTheFileForm(t *testing.T) {
	d := sample()
	lap := geom.Pt(-30, -70)
	d.LAPLeft, d.Style, d.Client = &lap, Mature, "c03"
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var back Design
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.MFP != d.MFP || *back.LAPLeft != lap || back.LAPRight != nil || back.Style != Mature || back.Client != "c03" || len(back.Line) != 5 {
		t.Errorf("read back %+v", back)
	}
}

func TestSmoothPassesThroughThePoints(t *testing.T) {
	ps := []geom.Point{{X: -50, Y: -40}, {X: -38, Y: -62}, {X: 0, Y: -80}, {X: 38, Y: -62}, {X: 50, Y: -40}}
	l := Smooth(ps, 10)
	if len(l) != 41 {
		t.Fatalf("%d samples, want 41", len(l))
	}
	for i, p := range ps {
		if q := l[i*10]; q.Dist(p) > 1e-9 {
			t.Errorf("sample %d is %v, want the point %v", i*10, q, p)
		}
	}
	if _, _, ok := l.Crossing(); ok {
		t.Error("the smooth line crosses itself")
	}
}
