package scalp

import "github.com/smptrainer/smp/sim/geom"

// WithDesign returns a copy of t whose design hairline is line, put in
// the template's order (from the client's left temple to the right), and
// whose landmarks are lm (nil keeps t's): the template a trainee's own
// hairline design turns t into, so the hairline criterion and the expert
// example follow the trainee's line. The zones, hair and scars are t's,
// shared with it: the copy is read-only like every template.
func (t *Template) WithDesign(line geom.Polyline, lm *Landmarks) *Template {
	c := *t
	c.DesignHairline = append(geom.Polyline(nil), line...)
	if n := len(line); n > 1 && line[0].X > line[n-1].X {
		for i, p := range line {
			c.DesignHairline[n-1-i] = p
		}
	}
	if lm != nil {
		c.Landmarks = lm
	}
	return &c
}
