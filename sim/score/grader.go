package score

import (
	"sync"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/spatial"
)

// A Grader grades work on one template. It holds everything that depends
// only on the template and a session's targets (the zones' point-in-polygon
// indexes, the skin surfaces distances are measured on, the Monte-Carlo
// Clark–Evans references, the density map's cells with their band's
// tolerances and the dispersion test's finer windows, the gap rasters, the
// hairline's stations, the border's sectors, the colour target), built
// once, so that grading many files on one template pays for it once.
//
// Build one with NewGrader where the template is loaded and keep it next to
// the template, or take a shared one of an embedded template from Builtin.
// The template must not be changed while its Grader is in use: a changed
// template needs a new Grader (there is no cache keyed by the template's
// content to go stale).
//
// A Grader is safe for concurrent use; what a session needs is prepared on
// the first grade of that session.
type Grader struct {
	t *scalp.Template
	// surf measures distances on the model head's skin over the whole
	// chart; nil on a flat chart or a template with no zones.
	surf *spatial.Surface
	// zones holds each zone's session-independent parts, in template order.
	zones []zoneBase
	// zix answers which zone holds a point (prep.locate) with one lookup
	// almost everywhere; built with the first session's preparation.
	zixOnce sync.Once
	zix     *zoneIndex
	// sessions holds the preparation of sessions 1–3, each built on its
	// first use.
	sessions [3]struct {
		once sync.Once
		p    *prep
	}
}

// zoneBase is what a zone's preparation shares across sessions.
type zoneBase struct {
	bp   *bandedPoly
	area float64 // mm²
	// surf measures on the skin within the zone (a tighter bound on the
	// local scale than the whole chart's); nil on a flat chart.
	surf *spatial.Surface
	// ref is the zone's Clark–Evans reference (nil for a degenerate
	// polygon); its simulated nodes fill in as grades ask for them.
	ref *csrRef
}

// NewGrader returns a grader of work on t. A nil or zone-less template
// gives a grader whose reports explain that there is nothing to grade
// against.
func NewGrader(t *scalp.Template) *Grader {
	g := &Grader{t: t}
	if t == nil || len(t.Zones) == 0 {
		return g
	}
	g.surf = skinSurface(t.Head, t.Outline)
	g.zones = make([]zoneBase, len(t.Zones))
	for i := range t.Zones {
		pg := t.Zones[i].Polygon
		zb := &g.zones[i]
		zb.bp = newBandedPoly(pg)
		zb.area = pg.Area()
		if g.surf != nil {
			zb.surf = skinSurface(t.Head, pg)
		}
		if len(pg) >= 3 {
			zb.ref = newCSRRef(pg, zb.surf)
		}
	}
	return g
}

// Template returns the template g grades on.
func (g *Grader) Template() *scalp.Template { return g.t }

// empty reports whether g has no zones to grade against.
func (g *Grader) empty() bool { return g.t == nil || len(g.t.Zones) == 0 }

// prep returns the preparation of session sessionNo (1–3; others clamp),
// building it on first use.
func (g *Grader) prep(sessionNo int) *prep {
	session := min(max(sessionNo, 1), 3)
	s := &g.sessions[session-1]
	s.once.Do(func() { s.p = buildPrep(g, session) })
	return s.p
}

// zoneIndex returns the template's zone index, built on first use with
// locate, which must answer from the template's zones alone (any session's
// prep.locateSlow: the zones' polygons are the same in every session).
func (g *Grader) zoneIndex(locate func(geom.Point) int) *zoneIndex {
	g.zixOnce.Do(func() { g.zix = newZoneIndex(g.t.Zones, locate) })
	return g.zix
}

// Grade scores impressions placed on g's template, judged against the
// targets of session sessionNo (1–3; others clamp), with weights w (nil:
// defaults). It never panics on odd input: impressions with non-finite
// positions are ignored and counted, sizes that are not finite count as
// zero, and a nil or empty template gives an empty report with an
// explanation.
func (g *Grader) Grade(ims []impression.Impression, sessionNo int, w Weights) *Report {
	if g.empty() {
		return noZonesReport()
	}
	p := g.prep(sessionNo)
	s := p.takeState().measure(p, ims, false)
	r := s.report(w)
	p.putState(s)
	return r
}

// Grade scores impressions placed on template t as Grader.Grade does. It
// is a convenience for a one-off grade: it builds a new Grader every call,
// so the template's preparation is paid for every time. Code that grades
// more than one piece of work on a template holds a Grader (NewGrader,
// Builtin) and calls its Grade.
func Grade(t *scalp.Template, ims []impression.Impression, sessionNo int, w Weights) *Report {
	return NewGrader(t).Grade(ims, sessionNo, w)
}

// noZonesReport is the report of work on a template with no zones.
func noZonesReport() *Report {
	return &Report{Criteria: []Criterion{{
		ID: IDDensity, Name: "Density", Unit: "/cm²", Markers: []geom.Point{},
		Feedback: "The template has no zones to grade against; choose a scalp template.",
	}}, Zones: []ZoneStats{}}
}

// builtin holds the shared graders of the embedded templates, by id.
var builtin struct {
	mu sync.Mutex
	g  map[string]*Grader
}

// Builtin returns the shared grader of the embedded template id (as
// scalp.Lookup finds it), built on first use. The embedded templates are
// read-only, so their graders never go stale; a template built or changed
// at run time (a trainee's own hairline design) gets its own NewGrader. The
// error is scalp.Lookup's for an unknown id.
func Builtin(id string) (*Grader, error) {
	builtin.mu.Lock()
	defer builtin.mu.Unlock()
	if g, ok := builtin.g[id]; ok {
		return g, nil
	}
	t, err := scalp.Lookup(id)
	if err != nil {
		return nil, err
	}
	if builtin.g == nil {
		builtin.g = map[string]*Grader{}
	}
	g := NewGrader(t)
	builtin.g[id] = g
	return g, nil
}
