// Package design is a hairline design: the landmark points a trainee marks
// on the client's forehead and the line drawn through them, in chart mm
// (domain-clients.md §4). The session file carries one as its optional
// "design" object (sim/session), a client file carries the instructor's
// (sim/client), and sim/mapping grades one against the client's face.
//
// Left and right are the client's: on the chart, whose +x points to the
// client's right, the left points have negative x.
package design

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// Style is the kind of hairline a design aims for (domain-clients.md §4):
// how high the mid-frontal point sits for the client's age and future loss.
type Style string

// The styles. The empty style means the trainee did not say.
const (
	// Juvenile is the low, concave line of youth, touching the top forehead
	// crease with the brows raised.
	Juvenile Style = "juvenile"
	// Mature sits about ½–¾ inch higher in the middle, more at the corners.
	Mature Style = "mature"
	// Conservative is high, leaving room for future loss.
	Conservative Style = "conservative"
)

// Styles lists the styles in order from lowest to highest line.
var Styles = []Style{Juvenile, Mature, Conservative}

// Valid reports whether s is one of Styles.
func (s Style) Valid() bool {
	for _, v := range Styles {
		if s == v {
			return true
		}
	}
	return false
}

// Limits on a design.
const (
	// MaxLinePoints bounds the drawn line: a line sampled every 0.1 mm
	// across a whole head is under 5,000 points.
	MaxLinePoints = 10_000
	// OutsideToleranceMM is how far outside the template's outline a point
	// may sit: a point marked just past the brow line is a slip, one a
	// centimetre below it is not on the head's chart at all.
	OutsideToleranceMM = 1.0
	// MaxIDBytes bounds the client id a design names.
	MaxIDBytes = 64
)

// Design is one hairline design.
type Design struct {
	// MFP is the mid-frontal point (Garg's B).
	MFP geom.Point
	// FTPLeft and FTPRight are the frontotemporal points (Garg's C): the
	// corners of the frontotemporal angles.
	FTPLeft, FTPRight geom.Point
	// TPLeft and TPRight are the temporal peaks (Garg's D).
	TPLeft, TPRight geom.Point
	// LAPLeft and LAPRight are the optional lateral anterior points, where
	// the line turns from convex to concave near the mid-pupil lines; nil
	// when not marked.
	LAPLeft, LAPRight *geom.Point
	// Line is the drawn hairline, from one temporal peak through the
	// frontotemporal points and the mid-frontal point to the other, in
	// either direction.
	Line geom.Polyline
	// Style is the style the trainee chose, or "" when not said.
	Style Style
	// Client is the id of the client the design was made for, or "".
	Client string
}

// Point names one of a design's landmark points, as the file spells it.
type Point struct {
	Field string
	P     geom.Point
}

// Points returns the marked points with their file field names, in the
// order the file lists them.
func (d *Design) Points() []Point {
	ps := []Point{{"mfp", d.MFP}, {"ftp_left", d.FTPLeft}, {"ftp_right", d.FTPRight}, {"tp_left", d.TPLeft}, {"tp_right", d.TPRight}}
	if d.LAPLeft != nil {
		ps = append(ps, Point{"lap_left", *d.LAPLeft})
	}
	if d.LAPRight != nil {
		ps = append(ps, Point{"lap_right", *d.LAPRight})
	}
	return ps
}

// Check checks d against template t and returns the offending field
// (relative to the design object, such as "ftp_left" or "line[3]") and the
// problem, or "", "" when d is valid. It refuses non-finite numbers,
// points off the head's chart, left and right swapped, a line of fewer
// than two or more than MaxLinePoints points, a line that crosses itself,
// an unknown style and a bad client id.
func (d *Design) Check(t *scalp.Template) (field, problem string) {
	for _, p := range d.Points() {
		if f, pr := checkPoint(t, p.Field, p.P); f != "" {
			return f, pr
		}
	}
	switch n := len(d.Line); {
	case n < 2:
		return "line", fmt.Sprintf("%d points; a line needs at least 2", n)
	case n > MaxLinePoints:
		return "line", fmt.Sprintf("%d points, more than the %d a design line may hold", n, MaxLinePoints)
	}
	for i, p := range d.Line {
		if f, pr := checkPoint(t, fmt.Sprintf("line[%d]", i), p); f != "" {
			return f, pr
		}
	}
	for _, s := range []struct {
		left, right string
		l, r        geom.Point
	}{{"ftp_left", "ftp_right", d.FTPLeft, d.FTPRight}, {"tp_left", "tp_right", d.TPLeft, d.TPRight}} {
		if s.l.X >= s.r.X {
			return s.left, fmt.Sprintf("x %g is not left of %s's %g: left and right are the client's (the client's left has negative x)", s.l.X, s.right, s.r.X)
		}
	}
	if d.LAPLeft != nil && d.LAPRight != nil && d.LAPLeft.X >= d.LAPRight.X {
		return "lap_left", fmt.Sprintf("x %g is not left of lap_right's %g: left and right are the client's", d.LAPLeft.X, d.LAPRight.X)
	}
	if i, j, ok := d.Line.Crossing(); ok {
		return fmt.Sprintf("line[%d]", j), fmt.Sprintf("the line crosses itself: its segment from point %d meets the one from point %d", j, i)
	}
	if d.Style != "" && !d.Style.Valid() {
		return "style", fmt.Sprintf("unknown style %q (known: %s)", clip(string(d.Style)), styleList())
	}
	if len(d.Client) > MaxIDBytes || strings.ContainsFunc(d.Client, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-')
	}) {
		return "client", fmt.Sprintf("%q is not a client id (a–z, 0–9, '-', at most %d bytes)", clip(d.Client), MaxIDBytes)
	}
	return "", ""
}

func checkPoint(t *scalp.Template, field string, p geom.Point) (string, string) {
	if !p.IsFinite() {
		return field, fmt.Sprintf("(%g, %g) is not a finite point", p.X, p.Y)
	}
	if !t.Outline.Contains(p) {
		if d := t.Outline.BoundaryDist(p); d > OutsideToleranceMM {
			return field, fmt.Sprintf("(%g, %g) lies %.1f mm off the %s chart: points go on the head, on or above the brow line", p.X, p.Y, d, t.ID)
		}
	}
	return "", ""
}

func styleList() string {
	var s []string
	for _, v := range Styles {
		s = append(s, string(v))
	}
	return strings.Join(s, ", ")
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// jsonDesign is the file form: points as [x, y] in chart mm.
type jsonDesign struct {
	Client   string       `json:"client,omitempty"`
	Style    Style        `json:"style,omitempty"`
	MFP      [2]float64   `json:"mfp"`
	FTPLeft  [2]float64   `json:"ftp_left"`
	FTPRight [2]float64   `json:"ftp_right"`
	TPLeft   [2]float64   `json:"tp_left"`
	TPRight  [2]float64   `json:"tp_right"`
	LAPLeft  *[2]float64  `json:"lap_left,omitempty"`
	LAPRight *[2]float64  `json:"lap_right,omitempty"`
	Line     [][2]float64 `json:"line"`
}

func pair(p geom.Point) [2]float64 { return [2]float64{round(p.X), round(p.Y)} }

// round keeps 0.001 mm, far below anything a hand or a screen can place,
// so a written design is short and reads back to the same micrometre.
func round(v float64) float64 { return math.Round(v*1000) / 1000 }

// MarshalJSON writes the design in the session file's form (FORMAT.md):
// {"mfp": [x, y], "ftp_left": …, "line": [[x, y], …]}, coordinates rounded
// to 0.001 mm.
func (d Design) MarshalJSON() ([]byte, error) {
	j := jsonDesign{Client: d.Client, Style: d.Style, MFP: pair(d.MFP), FTPLeft: pair(d.FTPLeft), FTPRight: pair(d.FTPRight),
		TPLeft: pair(d.TPLeft), TPRight: pair(d.TPRight), Line: make([][2]float64, len(d.Line))}
	if d.LAPLeft != nil {
		p := pair(*d.LAPLeft)
		j.LAPLeft = &p
	}
	if d.LAPRight != nil {
		p := pair(*d.LAPRight)
		j.LAPRight = &p
	}
	for i, p := range d.Line {
		j.Line[i] = pair(p)
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads the form MarshalJSON writes. It checks only the
// JSON's shape; Check judges the design against a template (session files
// are read by sim/session's stricter reader).
func (d *Design) UnmarshalJSON(b []byte) error {
	var j jsonDesign
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	pt := func(p [2]float64) geom.Point { return geom.Pt(p[0], p[1]) }
	*d = Design{Client: j.Client, Style: j.Style, MFP: pt(j.MFP), FTPLeft: pt(j.FTPLeft), FTPRight: pt(j.FTPRight),
		TPLeft: pt(j.TPLeft), TPRight: pt(j.TPRight), Line: make(geom.Polyline, len(j.Line))}
	if j.LAPLeft != nil {
		p := pt(*j.LAPLeft)
		d.LAPLeft = &p
	}
	if j.LAPRight != nil {
		p := pt(*j.LAPRight)
		d.LAPRight = &p
	}
	for i, p := range j.Line {
		d.Line[i] = pt(p)
	}
	return nil
}
