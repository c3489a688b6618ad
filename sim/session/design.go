package session

import (
	"fmt"
	"strconv"

	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/design"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// This file reads, checks and writes the session's optional "design"
// object: a hairline design (sim/design) in chart mm,
//
//	"design": {"mfp": [0, -80.5], "ftp_left": [-38, -62], "ftp_right": [38, -62],
//	           "tp_left": [-52, -40], "tp_right": [52, -40],
//	           "line": [[-52, -40], [-38, -62], [0, -80.5], [38, -62], [52, -40]]}
//
// with optional "lap_left", "lap_right" (points), "style" and "client"
// (text). FORMAT.md documents it.

// designField is the design object's name in the file and in errors.
const designField = "design"

// design reads the "design" value: an object, or null for none.
func (d *decoder) design() (*design.Design, *Error) {
	c, e := d.next(designField)
	if e != nil {
		return nil, e
	}
	if c == 'n' {
		lit, e := d.literal(designField)
		if e != nil {
			return nil, e
		}
		if lit != "null" {
			return nil, d.errorf(designField, "got a boolean, want an object {…}")
		}
		return nil, nil
	}
	if c != '{' {
		if e := d.skip(designField, 1); e != nil {
			return nil, e
		}
		return nil, d.errorf(designField, "got %s, want an object {…}", kind(c))
	}
	var out design.Design
	seen := map[string]bool{}
	points := map[string]*geom.Point{
		"mfp": &out.MFP, "ftp_left": &out.FTPLeft, "ftp_right": &out.FTPRight,
		"tp_left": &out.TPLeft, "tp_right": &out.TPRight,
	}
	err := d.members(designField, func(kb []byte) *Error {
		key := string(kb)
		field := designField + "." + clip(key)
		if seen[key] {
			return d.errorf(field, "appears twice")
		}
		if len(seen) == maxTopFields {
			return d.errorf(designField, "more than %d fields; this is not a design", maxTopFields)
		}
		seen[key] = true
		switch key {
		case "mfp", "ftp_left", "ftp_right", "tp_left", "tp_right", "lap_left", "lap_right":
			p, ok, e := d.point(field)
			if e != nil {
				return e
			}
			switch {
			case !ok:
				delete(seen, key) // null: as if absent
			case key == "lap_left":
				out.LAPLeft = &p
			case key == "lap_right":
				out.LAPRight = &p
			default:
				*points[key] = p
			}
		case "line":
			line, e := d.polyline(field)
			if e != nil {
				return e
			}
			if line == nil {
				delete(seen, key)
			}
			out.Line = line
		case "style", "client":
			v, _, e := d.text(field)
			if e != nil {
				return e
			}
			if p := checkText(string(v), false); p != "" {
				return d.errorf(field, "%s", p)
			}
			if key == "style" {
				out.Style = design.Style(v)
			} else {
				out.Client = string(v)
			}
		default:
			return d.skip(field, 2)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, k := range []string{"mfp", "ftp_left", "ftp_right", "tp_left", "tp_right", "line"} {
		if !seen[k] {
			return nil, d.errorf(designField+"."+k, "missing; a design marks mfp, ftp_left, ftp_right, tp_left, tp_right and draws a line through them")
		}
	}
	return &out, nil
}

// point reads [x, y] in chart mm, or null (ok false).
func (d *decoder) point(field string) (p geom.Point, ok bool, e *Error) {
	c, e := d.next(field)
	if e != nil {
		return p, false, e
	}
	if c == 'n' {
		lit, e := d.literal(field)
		if e != nil {
			return p, false, e
		}
		if lit != "null" {
			return p, false, d.errorf(field, "got a boolean, want a point [x_mm, y_mm]")
		}
		return p, false, nil
	}
	if c != '[' {
		if e := d.skip(field, 2); e != nil {
			return p, false, e
		}
		return p, false, d.errorf(field, "got %s, want a point [x_mm, y_mm]", kind(c))
	}
	d.pos++
	var xy [2]float64
	for i := range xy {
		if i == 1 {
			if e := d.expect(field, ',', "',' between x and y"); e != nil {
				return p, false, e
			}
		}
		v, ok, e := d.num(field)
		if e != nil {
			return p, false, e
		}
		if !ok {
			return p, false, d.errorf(field, "null is not a coordinate; a point is [x_mm, y_mm]")
		}
		xy[i] = v
	}
	if e := d.expect(field, ']', "']' after [x_mm, y_mm] (a point has two numbers)"); e != nil {
		return p, false, e
	}
	return geom.Pt(xy[0], xy[1]), true, nil
}

// polyline reads a list of points, or null (nil).
func (d *decoder) polyline(field string) (geom.Polyline, *Error) {
	c, e := d.next(field)
	if e != nil {
		return nil, e
	}
	if c == 'n' {
		lit, e := d.literal(field)
		if e == nil && lit != "null" {
			e = d.errorf(field, "got a boolean, want a list of points")
		}
		return nil, e
	}
	if c != '[' {
		if e := d.skip(field, 2); e != nil {
			return nil, e
		}
		return nil, d.errorf(field, "got %s, want a list of points [[x_mm, y_mm], …]", kind(c))
	}
	d.pos++
	line := geom.Polyline{}
	if c, e = d.next(field); e != nil {
		return nil, e
	}
	if c == ']' {
		d.pos++
		return line, nil
	}
	for {
		if len(line) == design.MaxLinePoints {
			return nil, d.errorf(field, "more than %d points, the most a design line may hold", design.MaxLinePoints)
		}
		pf := fmt.Sprintf("%s[%d]", field, len(line))
		p, ok, e := d.point(pf)
		if e != nil {
			return nil, e
		}
		if !ok {
			return nil, d.errorf(pf, "null is not a point")
		}
		line = append(line, p)
		if c, e = d.next(field); e != nil {
			return nil, e
		}
		d.pos++
		if c == ']' {
			return line, nil
		}
		if c != ',' {
			return nil, d.syntax(pf, "expected ',' or ']' after a point, found %s", found(c))
		}
	}
}

// checkDesign checks s's design, if any, against template t (see
// design.Design.Check); the error's field is "design." plus the design's.
func checkDesign(s *Session, t *scalp.Template) *Error {
	if s.Design == nil {
		return nil
	}
	if f, p := s.Design.Check(t); f != "" {
		return &Error{Field: designField + "." + f, Problem: p}
	}
	if id := s.Design.Client; id != "" {
		c, err := client.Lookup(id)
		if err != nil {
			return &Error{Field: designField + ".client", Problem: err.Error(), Err: err}
		}
		if c.Template != t.ID {
			return &Error{Field: designField + ".client", Problem: fmt.Sprintf("%s's head is the %s template, not this file's %s", c.ID, c.Template, t.ID)}
		}
	}
	return nil
}

// appendDesign writes the design object, when there is one, after the
// fields the trainer writes before "impressions": points one to a line,
// the drawn line on one line.
func appendDesign(b []byte, dz *design.Design) []byte {
	if dz == nil {
		return b
	}
	b = append(b, ",\n  \"design\": {"...)
	if dz.Client != "" {
		b = append(b, "\"client\": "...)
		b = appendString(b, dz.Client)
		b = append(b, ", "...)
	}
	if dz.Style != "" {
		b = append(b, "\"style\": "...)
		b = appendString(b, string(dz.Style))
		b = append(b, ", "...)
	}
	for i, p := range dz.Points() {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, "\n    \""...)
		b = append(b, p.Field...)
		b = append(b, "\": "...)
		b = appendPoint(b, p.P)
	}
	b = append(b, ",\n    \"line\": ["...)
	for i, p := range dz.Line {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendPoint(b, p)
	}
	return append(b, "]\n  }"...)
}

func appendPoint(b []byte, p geom.Point) []byte {
	b = append(b, '[')
	b = appendFloat(b, p.X)
	b = append(b, ", "...)
	b = appendFloat(b, p.Y)
	return append(b, ']')
}

// appendDesignHash adds the design, when there is one, to the content
// hash's canonical text (FORMAT.md): a file without a design hashes as
// before. One line: "design", then client, style (JSON strings), then the
// points in the order mfp ftp_left ftp_right tp_left tp_right [lap_left]
// [lap_right] as "name x y", then "line" and every point's x y.
func appendDesignHash(b []byte, dz *design.Design) []byte {
	if dz == nil {
		return b
	}
	b = append(b, "design "...)
	b = appendString(b, dz.Client)
	b = append(b, ' ')
	b = appendString(b, string(dz.Style))
	for _, p := range dz.Points() {
		b = append(b, ' ')
		b = append(b, p.Field...)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, p.P.X, 'g', -1, 64)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, p.P.Y, 'g', -1, 64)
	}
	b = append(b, " line"...)
	for _, p := range dz.Line {
		b = append(b, ' ')
		b = strconv.AppendFloat(b, p.X, 'g', -1, 64)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, p.Y, 'g', -1, 64)
	}
	return append(b, '\n')
}
