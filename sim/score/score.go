package score

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/smptrainer/smp/sim/geom"
)

// Criterion ids, as exercises weight them (sim/exercise.Criteria).
const (
	IDDensity     = "density"
	IDUniformity  = "uniformity"
	IDGaps        = "gaps"
	IDConsistency = "consistency"
	IDHairline    = "hairline"
	IDBlending    = "blending"
	IDScars       = "scars"
)

// Weights maps a criterion id to its weight in the overall score. Missing
// ids weigh 0 (reported, but not counted); nil means DefaultWeights.
type Weights map[string]float64

// DefaultWeights are the weights used when an exercise gives none: density
// and uniformity, the foundation of the work, count double, and so do the
// hairline and the colour, the two skills the craft is named for (model
// assumption, our teaching emphasis).
var DefaultWeights = Weights{
	IDDensity:     2,
	IDUniformity:  2,
	IDGaps:        1,
	IDConsistency: 1,
	IDHairline:    2,
	IDBlending:    1,
	IDScars:       1,
	IDColour:      2,
}

// Report is the grade of one piece of work.
type Report struct {
	// Overall is the weighted mean of the applicable criteria's scores, 0–100.
	Overall float64 `json:"overall"`
	// Criteria lists the criteria that apply to the template, in a fixed
	// order: density, uniformity, gaps, consistency, hairline, blending, scars,
	// colour.
	Criteria []Criterion `json:"criteria"`
	// Zones has one entry per template zone, in template order.
	Zones []ZoneStats `json:"zones"`
	// Impressions is the number of impressions graded (finite positions).
	Impressions int `json:"impressions"`
	// Ignored counts impressions dropped for a NaN or infinite position.
	Ignored int `json:"ignored,omitempty"`
}

// Criterion is one graded aspect of the work.
type Criterion struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Score is 0–100.
	Score float64 `json:"score"`
	// Value is the headline measurement, in Unit.
	Value float64 `json:"value"`
	// Unmeasured is true when there was nothing to measure (no hairline
	// laid yet, too few dots to judge a pattern): Value is then 0 and
	// means nothing. Views print "—"; JSON has "value": null.
	Unmeasured bool   `json:"-"`
	Unit       string `json:"unit"`
	// Target is the band Value should sit in, as readable text.
	Target string `json:"target"`
	// Feedback is one sentence: what is wrong, with a number, and what to do.
	Feedback string `json:"feedback"`
	// Markers are the problem locations on the chart, in mm, worst first.
	Markers []geom.Point `json:"markers"`
	// Weight is this criterion's weight in Overall (0: shown, not counted).
	Weight float64 `json:"weight"`
	// Parts are the sub-measures the score combines, for a detailed view.
	Parts []Part `json:"parts,omitempty"`
	// Faults are the classic faults found, as stable codes with their
	// places, worst first. The feedback sentence is written from them, never
	// the other way round, so tools (the report's markers, the class page's
	// common faults, the trainer's colours) read the codes, not the prose.
	Faults []Fault `json:"faults"`
}

// FaultCode names one classic fault in a stable, machine-readable form
// (for example "hard-edge", "asymmetric-temples", "rows", "too-sparse",
// "too-dark"). Codes are part of the score's JSON interface: rename one
// only with a version note in the README.
type FaultCode string

// MarkerKind says how a fault's places are drawn: a ring round a clump, a
// cross on a gap, a line segment along a row, and so on.
type MarkerKind string

// Marker kinds shared by every view of a report (trainer, report, server).
const (
	MarkerSpot   MarkerKind = "spot"   // a place to look at: a ring
	MarkerGap    MarkerKind = "gap"    // an empty place that wants dots
	MarkerClump  MarkerKind = "clump"  // too many dots together
	MarkerRow    MarkerKind = "row"    // dots lined up in rows or a grid
	MarkerEdge   MarkerKind = "edge"   // a place on the hairline's front
	MarkerTemple MarkerKind = "temple" // a temple point
	MarkerNoGo   MarkerKind = "no-go"  // dots where none belong
)

// Fault is one finding of a criterion: what is wrong (Code), how to draw it
// (Marker) and where (Places, chart mm, worst first; may be empty for a
// fault of the whole work, such as a colour that is too dark).
type Fault struct {
	Code   FaultCode    `json:"code"`
	Marker MarkerKind   `json:"marker"`
	Places []geom.Point `json:"places"`
}

// Part is one sub-measure of a criterion.
type Part struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
	Value float64 `json:"value"`
	// Unmeasured is true when the part had nothing to measure (as
	// Criterion.Unmeasured; JSON "value": null).
	Unmeasured bool   `json:"-"`
	Unit       string `json:"unit"`
}

// Part returns the sub-measure with the given id, or nil.
func (c *Criterion) Part(id string) *Part {
	for i := range c.Parts {
		if c.Parts[i].ID == id {
			return &c.Parts[i]
		}
	}
	return nil
}

// Criterion returns the criterion with the given id, or nil when it does not
// apply to the template.
func (r *Report) Criterion(id string) *Criterion {
	for i := range r.Criteria {
		if r.Criteria[i].ID == id {
			return &r.Criteria[i]
		}
	}
	return nil
}

// ZoneStats are the plain measurements of one zone.
type ZoneStats struct {
	ID          string  `json:"id"`
	AreaCM2     float64 `json:"area_cm2"`
	Impressions int     `json:"impressions"`
	// DensityPerCM2 is Impressions / AreaCM2.
	DensityPerCM2 float64 `json:"density_per_cm2"`
	// NNMeanMM is the mean distance from each dot in the zone to the
	// nearest other dot in the same zone (0 with fewer than two dots).
	NNMeanMM float64 `json:"nn_mean_mm"`
	// ClarkEvansRNaive is NNMeanMM / (0.5/√(n/area)).
	ClarkEvansRNaive float64 `json:"clark_evans_r_naive"`
	// ClarkEvansR is edge-corrected for the zone's polygon: NNMeanMM divided
	// by the Monte-Carlo expected mean NN distance of the same number of
	// uniform random points in the same polygon (see ExpectedNN).
	ClarkEvansR float64 `json:"clark_evans_r"`
	// NNCV is the coefficient of variation of the NN distances.
	NNCV float64 `json:"nn_cv"`
	// TargetMin and TargetMax are the session's band, per cm².
	TargetMin float64 `json:"target_min"`
	TargetMax float64 `json:"target_max"`
}

// NNMeasured reports whether the zone's nearest-neighbour figures
// (NNMeanMM, the Clark–Evans ratios, NNCV) measure anything: a zone needs
// two dots for a dot to have a neighbour. Where it is false they are 0,
// shown as "—" and encoded as null.
func (z ZoneStats) NNMeasured() bool { return z.Impressions >= 2 }

// overall fills weights and the weighted mean.
func finish(r *Report, w Weights) {
	if w == nil {
		w = DefaultWeights
	}
	var sw, s float64
	for i := range r.Criteria {
		c := &r.Criteria[i]
		c.Weight = clampWeight(w[c.ID])
		sw += c.Weight
		s += c.Weight * c.Score
	}
	if sw == 0 {
		// An exercise that weights only criteria this template lacks: fall
		// back to the defaults so the overall still means something.
		for i := range r.Criteria {
			c := &r.Criteria[i]
			c.Weight = DefaultWeights[c.ID]
			sw += c.Weight
			s += c.Weight * c.Score
		}
	}
	if sw > 0 {
		r.Overall = s / sw
	}
	r.Overall = clean(r.Overall)
	for i := range r.Criteria {
		c := &r.Criteria[i]
		c.Score = clean(math.Min(100, math.Max(0, c.Score)))
		c.Value = clean(c.Value)
		if c.Markers == nil || c.Score >= fullMarks {
			// Markers are problem locations. A criterion at full marks has
			// none, though its measure still ranks some spots worst; ringing
			// those would send a trainee hunting for faults that aren't there.
			c.Markers = []geom.Point{}
		}
		if c.Score >= fullMarks && len(c.Faults) > 0 {
			// Likewise: nothing at full marks is a fault, and the
			// sentence the first fault wrote goes with it.
			c.Feedback = fmt.Sprintf(fullMarksSay, strings.ToLower(c.Name))
		}
		if c.Faults == nil || c.Score >= fullMarks {
			c.Faults = []Fault{}
		}
		for k := range c.Parts {
			c.Parts[k].Score = clean(c.Parts[k].Score)
			c.Parts[k].Value = clean(c.Parts[k].Value)
		}
	}
}

// fullMarks is the lowest score that prints as 100.0.
const fullMarks = 99.95

// Whole is score s as a whole number for display: rounded, except that a
// score below full marks never shows as 100, so a criterion whose feedback
// names a fault never prints as perfect beside it.
func Whole(s float64) int {
	if math.IsNaN(s) {
		return 0
	}
	w := int(math.Round(s))
	if w >= 100 && s < fullMarks {
		w = 99
	}
	return w
}

func clampWeight(v float64) float64 {
	if !(v > 0) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// clean maps NaN and ±Inf to 0 so a Report always encodes as JSON.
func clean(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// sortMarkers orders candidate markers by severity (highest first), ties by
// position, so the list does not depend on the order of the impressions, and
// keeps at most max of them, dropping any within sep mm of one already kept.
func pickMarkers(c []marker, maxN int, sep float64) []geom.Point {
	// Most severe first, then by place: markers equal in all three are the
	// same marker, so the order is the same whatever the sort.
	slices.SortFunc(c, func(a, b marker) int {
		if a.sev != b.sev {
			return cmp.Compare(b.sev, a.sev)
		}
		if a.p.X != b.p.X {
			return cmp.Compare(a.p.X, b.p.X)
		}
		return cmp.Compare(a.p.Y, b.p.Y)
	})
	out := []geom.Point{}
	for _, m := range c {
		if len(out) >= maxN {
			break
		}
		ok := true
		for _, q := range out {
			if q.Dist2(m.p) < sep*sep {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, m.p)
		}
	}
	return out
}

type marker struct {
	p   geom.Point
	sev float64
}
