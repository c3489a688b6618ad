package session

import (
	"fmt"
	"github.com/smptrainer/smp/sim/fileerr"
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/name"
	"github.com/smptrainer/smp/sim/scalp"
)

// Validate checks s against the same rules Decode applies to a file, so a
// session that validates can be saved and read back. The error is an *Error
// with no File.
func (s *Session) Validate() error {
	if e := validate(s, true); e != nil {
		return e
	}
	return nil
}

// validate checks the fields of s, then its impressions against its
// template. each says to check every impression's own fields too; the
// decoder has already done that as it read them.
func validate(s *Session, each bool) *Error {
	if s.Number < 1 || s.Number > 3 {
		return &Error{Field: "session", Problem: fmt.Sprintf("%d is not a session number (1–3)", s.Number)}
	}
	for _, f := range []struct{ name, v string }{
		{"exercise", s.Exercise}, {"trainee", s.Trainee}, {"app", s.App},
	} {
		if p := checkText(f.v, false); p != "" {
			return &Error{Field: f.name, Problem: p}
		}
	}
	if p := name.Problem(s.Trainee); p != "" {
		return &Error{Field: "trainee", Problem: fmt.Sprintf("%q %s", clip(name.Clean(s.Trainee)), p)}
	}
	if s.ContentHash != "" && !isHash(s.ContentHash) {
		return &Error{Field: "content_sha256", Problem: fmt.Sprintf("%q is not 64 lower-case hex digits", clip(s.ContentHash))}
	}
	if len(s.Impressions) > MaxImpressions {
		return &Error{Field: "impressions", Problem: fmt.Sprintf("%d impressions, more than the %d a session file may hold", len(s.Impressions), MaxImpressions)}
	}
	for i := range s.Impressions {
		if !each {
			break
		}
		if f, p := checkImpression(&s.Impressions[i], false); p != "" {
			return &Error{Field: fmt.Sprintf("impressions[%d].%s", i, f), Problem: p}
		}
	}
	if s.Template == "" {
		return &Error{Field: "template", Problem: "missing; it names the scalp template, such as \"norwood3\""}
	}
	t, err := lookupTemplate(s.Template)
	if err != nil {
		return &Error{Field: "template", Problem: fmt.Sprintf("unknown template %q (known: %s)", clip(s.Template), knownTemplates()), Err: err}
	}
	if e := checkDesign(s, t); e != nil {
		return e
	}
	if e := checkConsultation(s); e != nil {
		return e
	}
	if i, dist := outside(t, s.Impressions); i >= 0 {
		p := s.Impressions[i].Pos
		return &Error{Field: fmt.Sprintf("impressions[%d]", i), Problem: fmt.Sprintf(
			"(x_mm, y_mm) = (%g, %g) lies %.1f mm outside the %s outline (at most %g mm allowed); wrong template?",
			p.X, p.Y, dist, t.ID, OutsideToleranceMM)}
	}
	return nil
}

func knownTemplates() string {
	var ids []string
	for _, t := range allTemplates() {
		ids = append(ids, t.ID)
	}
	return strings.Join(ids, ", ")
}

// checkImpression checks one impression with defaults applied and returns
// the offending field (relative to the impression) and problem, or "", "".
// decoded says the numbers came from JSON, which cannot hold NaN or Inf.
func checkImpression(im *impression.Impression, decoded bool) (field, problem string) {
	if !decoded {
		if p := finite(im.Pos.X); p != "" {
			return "x_mm", p
		}
		if p := finite(im.Pos.Y); p != "" {
			return "y_mm", p
		}
	}
	switch d := im.DiameterMM; {
	case math.IsNaN(d) || math.IsInf(d, 0) || d <= 0:
		return "diameter_mm", fmt.Sprintf("%g is not a positive size", d)
	case d > MaxDiameterMM:
		return "diameter_mm", fmt.Sprintf("%g mm is larger than any dot can spread (at most %g mm)", d, MaxDiameterMM)
	}
	if g := im.Needle.Grouping; g != impression.RL1 && g != impression.RL3 {
		return "needle", fmt.Sprintf("unknown needle %q (known: %s, %s)", clip(string(g)), impression.RL1, impression.RL3)
	}
	if g := im.Needle.GaugeMM; !(g >= impression.MinGaugeMM && g <= impression.MaxGaugeMM) {
		return "gauge_mm", fmt.Sprintf("%g mm is outside the needle gauges made, %g–%g mm", g, impression.MinGaugeMM, impression.MaxGaugeMM)
	}
	if !im.Depth.Valid() {
		return "depth", fmt.Sprintf("unknown depth %q (known: %s, %s, %s)", clip(string(im.Depth)), impression.Shallow, impression.Target, impression.Deep)
	}
	if p := checkText(im.Pigment, true); p != "" {
		return "pigment", p
	}
	if v := im.Dilution; !(v >= 0 && v <= MaxDilution) {
		return "dilution", fmt.Sprintf("%g is not a dilution (0–%g parts of water per part of pigment)", v, MaxDilution)
	}
	if im.Session < 1 || im.Session > 3 {
		return "session", "not a session number (1–3)"
	}
	if v := im.TimeS; !(v >= 0) || math.IsInf(v, 0) {
		return "t_s", fmt.Sprintf("%g is not a time since the session started (a finite number ≥ 0)", v)
	}
	return "", ""
}

func finite(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Sprintf("%g is not a position", v)
	}
	return ""
}

// checkText checks a free-text field: valid UTF-8, no control characters
// (so every report stays one line per file and a file cannot send escape
// codes to a terminal) and at most MaxTextBytes.
func checkText(s string, required bool) string {
	switch {
	case s == "" && required:
		return "empty"
	case len(s) > MaxTextBytes:
		return fmt.Sprintf("%d bytes long, more than the %d allowed", len(s), MaxTextBytes)
	case !utf8.ValidString(s):
		return "not valid UTF-8 text"
	case strings.ContainsFunc(s, fileerr.IsControl):
		return fmt.Sprintf("%q holds control characters", clip(s))
	}
	return ""
}

func isHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// clip shortens a value quoted in an error so one hostile field cannot
// make a multi-megabyte error line.
func clip(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// outside returns the index of the first impression lying more than
// OutsideToleranceMM outside t's outline, and that distance, or -1.
func outside(t *scalp.Template, ims []impression.Impression) (int, float64) {
	if len(ims) == 0 {
		return -1, 0
	}
	if len(t.Outline) < 3 {
		return -1, 0 // a template without an outline constrains nothing
	}
	var c *outlineCheck
	if len(ims) > 256 {
		c = cachedCheck(t)
	}
	for i := range ims {
		p := ims[i].Pos
		if c != nil {
			switch c.classify(p) {
			case cellIn:
				continue
			case cellOut:
				return i, outlineDist(t.Outline, p)
			}
		}
		if d := outlineDist(t.Outline, p); d > OutsideToleranceMM {
			return i, d
		}
	}
	return -1, 0
}

// outlineDist is the distance from p to the region inside pg: 0 inside.
func outlineDist(pg geom.Polygon, p geom.Point) float64 {
	if pg.Contains(p) {
		return 0
	}
	return pg.BoundaryDist(p)
}

// outlineCheckCell is the side of the cells of an outlineCheck in mm:
// small against OutsideToleranceMM, so nearly every cell is decided
// without looking at the outline.
const outlineCheckCell = 4.0

type cellClass uint8

const (
	cellMaybe cellClass = iota // near the tolerance band's edge: measure
	cellIn                     // every point within tolerance
	cellOut                    // every point beyond it
)

// outlineCheck speeds up the outline test for big files: it classifies grid
// cells once per template. The distance to a region is 1-Lipschitz, so a
// cell whose centre is within tolerance − half its diagonal holds only
// acceptable points, and one beyond tolerance + half its diagonal only
// unacceptable ones. It makes checking 10⁶ impressions O(10⁶) instead of
// O(10⁶ × outline vertices).
type outlineCheck struct {
	origin geom.Point
	nx, ny int
	cells  []cellClass
}

func newOutlineCheck(pg geom.Polygon) *outlineCheck {
	b := pg.Bounds()
	pad := OutsideToleranceMM + outlineCheckCell
	c := &outlineCheck{origin: geom.Point{X: b.Min.X - pad, Y: b.Min.Y - pad}}
	c.nx = int(math.Ceil((b.Dx()+2*pad)/outlineCheckCell)) + 1
	c.ny = int(math.Ceil((b.Dy()+2*pad)/outlineCheckCell)) + 1
	if c.nx*c.ny > 1<<20 {
		return nil // absurdly large template: fall back to measuring
	}
	c.cells = make([]cellClass, c.nx*c.ny)
	half := outlineCheckCell * math.Sqrt2 / 2
	for j := range c.ny {
		for i := range c.nx {
			ctr := geom.Point{X: c.origin.X + (float64(i)+0.5)*outlineCheckCell, Y: c.origin.Y + (float64(j)+0.5)*outlineCheckCell}
			d := outlineDist(pg, ctr)
			switch {
			case d+half <= OutsideToleranceMM:
				c.cells[j*c.nx+i] = cellIn
			case d-half > OutsideToleranceMM:
				c.cells[j*c.nx+i] = cellOut
			}
		}
	}
	return c
}

func (c *outlineCheck) classify(p geom.Point) cellClass {
	fx := (p.X - c.origin.X) / outlineCheckCell
	fy := (p.Y - c.origin.Y) / outlineCheckCell
	if !(fx >= 0 && fy >= 0 && fx < float64(c.nx) && fy < float64(c.ny)) {
		return cellOut // beyond the padded bounds, so beyond tolerance
	}
	return c.cells[int(fy)*c.nx+int(fx)]
}

// checks caches an outlineCheck per template id. Templates come from the
// embedded registry and never change while the program runs, and keying by
// id rather than pointer keeps the cache bounded whether or not
// scalp.Lookup returns copies.
var checks sync.Map // template id → *outlineCheck

func cachedCheck(t *scalp.Template) *outlineCheck {
	if c, ok := checks.Load(t.ID); ok {
		return c.(*outlineCheck)
	}
	c := newOutlineCheck(t.Outline)
	checks.Store(t.ID, c)
	return c
}
