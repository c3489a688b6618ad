// Package score grades a set of impressions on a scalp template. Each
// criterion reports a value with its unit, the target band, a 0–100 score,
// one sentence of feedback (the fault, with a number and a direction) and
// markers in mm where the problems are. Overall is the weighted mean of the
// criteria that apply, with the weights shown (Weights; nil: DefaultWeights).
//
// HairlineProfile exports the density profile across the hairline (bins by
// signed distance behind the design line, relative to the session's full
// target) for plots: the class report and the trainer's overlay.
//
// A Grader holds everything that depends only on a template (NewGrader;
// Builtin shares one per embedded template): Grader.Grade scores a finished
// set; a Live (Grader.NewLive) keeps the same report up to date while
// impressions are added and removed (each change touches only its
// neighbourhood). Both read the same aggregates, so they agree. The
// package-level Grade and HairlineProfile build a Grader per call, for
// one-off use.
//
// Every scoring curve is a *model assumption*: no published SMP grading
// rubric exists (domain.md §8). The measures behind the curves come from
// domain.md §2–§6; the anchors are named constants (curves.go, prep.go,
// hairline.go, border.go), each with the reason for its value.
//
// # Criteria
//
// density (every template): impressions/cm² of each treated zone against
// the session's band (scalp.Zone.Target), full marks inside it, zero 50%
// outside; and evenness, the share of the zone's area whose local density
// lies within the local tolerance of the zone's own level
// (density.Reference: the zone's mean where that lies in its band, else
// the band; a transition zone's ramp keeps the whole band), ±20% widened where a window holds so
// few dots that even work's counting noise is larger (density.Tolerated).
// The local density is sim/density's estimate, the one the trainer's
// density map and the report's heatmap show, judged by the same rule: the
// zone's dots within a skin disc of radius h around a cell centre over the
// part of that disc inside the zone, with h chosen so that 30 dots are
// expected at the target (about 3.4 mm at 85/cm²) but never above 4.5 mm
// (a 9 mm patch, density.PatchRadiusMM); cells are h wide and weighted by
// their area inside the zone. Where a zone is judged around its own
// level, its windows together are also tested for spread
// (density.Dispersion: the variance of their counts beyond even work's
// counting noise; where windows hold few dots, also through windows of
// half the area), and the share within ±20% that spread leaves counts
// where it is the lower: in sparse work a window holds too few dots to
// tell a thin spot from chance, the zone's windows together can. A
// transition zone whose mean lies in its band is tested for spread about
// its own ramp (density.Ramp: its windows' densities fitted as a straight
// line in their depth behind the hairline), so the rise §5 asks for is
// not read as spread and thin and crowded spots along the line are. The
// counting noise allowed is the work's own (density.PatternFano, by its
// dots' mean ratio of nearest to second-nearest neighbour distance):
// random placement's windows vary as a Poisson count, which is the
// uniformity criterion's fault and not read again as spread. The
// share scores 0 at 40% and 100 at 90%. A zone scores the lower of the two; the criterion is the area-weighted
// mean, times a penalty for dots where none belong (zones with a zero
// target such as forehead and temples, or outside every zone): 10% of the
// dots there zeroes it. Thin and crowded spots side by side, bare 9 mm
// spots included, are density's patchy; gaps names holes at the dots'
// own spacing.
//
// uniformity (zones of 20 dots or more, transition zones excepted, their
// density is meant to ramp): the Clark–Evans index R, edge-corrected for
// the zone's polygon by a Monte-Carlo reference (ExpectedNN): the expected
// mean nearest-neighbour distance of the same number of uniform random
// points in the same polygon, simulated with fixed seeds (K = 16384/n runs,
// 16 to 512) at 24 node counts and interpolated in between. Full marks for
// R in 1.5–1.85 (blue noise ≈ 1.7), zero at 0.9 (clumped or random) and at
// 2.1 (lattice). Two row detectors: the coefficient of variation of the NN
// distances (zero at 0.02, full at 0.05; blue noise measures ≈ 0.075) and
// the orientational order of the NN bonds (max over 2-, 4- and 6-fold of
// |mean e^{ikθ}|, less 1.5/√n for noise: full up to 0.25, zero at 0.55). A
// zone scores the lowest of the three; the criterion is the dot-weighted
// mean. ZoneStats reports both the naive and the corrected R; GuardR is the
// guard-region alternative, compared in the tests.
//
// gaps (gaps and clumps): a gap is an empty circle of radius above 1.25 ×
// the spacing 1/√λ at the band's lower density, found on a coverage raster
// (cells of a third of that radius are covered when a dot lies within the
// radius of their centre); 5% of the treated area in gaps zeroes it. Markers
// sit at the maxima of a chamfer distance transform, measured exactly. A
// clump is a dot closer to another than the sum of their healed radii
// (they merge, domain.md §2), counted softly: a pair's weight rises from 0
// when the dots just touch to 1 at an overlap of a quarter of their radii,
// so a tiny jitter cannot flip whole dots; 10% of the dots merging zeroes
// it. The criterion is the lower of the two.
//
// consistency: the spread (CV) of healed diameters within a zone, full to
// 15%, zero at 50%; blowouts (Depth deep, 5% zeroes it); shallow dots (20%
// zeroes it); overworked area, local density above 1.5× its own zone's band
// top, widened as the tolerance is for few dots (10% zeroes it). The
// criterion is the lowest. A criterion at full marks carries no fault and
// no fault's sentence (finish).
//
// hairline (templates whose transition or frontal zone is treated this
// session, with a design hairline or a forehead/transition border): dots
// are measured along the design line H in stations 5 skin mm long, laid
// out from H's midline point both ways so that each has its mirror at the
// same skin distance on the other side, by arc length s
// and signed distance u behind H, in mm on the skin of the model head (the
// chart's stretch across H, scalp.Head.Jacobian, at the dot's foot; the
// chart keeps areas, so band densities use chart areas). Depths, offsets,
// band widths and symmetry below are skin mm. The work's own front is found at each
// station from its dots, pooled with its neighbours' so that about 200
// dots lie in the pool on average along the line (frontOf: the k-th dot
// from the face, k a tenth of the densest 2 mm band's dots and at least
// two). Where the pool is too sparse for a tenth to reach two dots
// (session 1), the floor's second dot lies behind the rank asked for, by
// (2 − rank)/λ on average, λ being the dots per mm of depth at the front
// read along the whole line; each station's front is moved forward by
// that much, at most 2 mm (hairFrontSet.unfloor). Its smooth fit is a
// quadratic least-squares fit of the front's points against their skin arc
// length along the line, over the stations within smoothHalf (20 skin mm)
// either side, which keeps a ruled front straight across a curved design;
// the ramp is measured behind it. A dozen dots along the line are a hairline already; fewer
// than ten are "no hairline yet", with the value unmeasured (null, "—").
// Position: the front of the dots within 5 mm of the midline, measured
// along the midline (not by station: ahead of a bell the stations fan
// out), 70–100 mm above the glabella along the head and −3/+6 mm of the
// design (zero at −10/+20).
// Ramp, against the session's full target (scalp.Template.HairlineFull,
// never existing hair nor a band lowered for it: where hair stands the
// blending criterion owns the place, and the ramp leaves out its dots and
// its area; each band is judged where it is open along 15 mm of line or
// more, so the front few mm, always the trainee's, are judged on Norwood
// II although hair fills 6–10 mm behind; the forehead is open too, so a
// front laid a little ahead of the design line keeps its edge band; with
// no open edge band the ramp is unmeasured):
// density 0–3 mm behind the front (full 0.25–0.6, zero 0.1/0.7: a hard
// edge, named with where along the line), the rise 0–3 over 3–6 mm where
// enough work lies behind (full ≤ 0.95, zero 1.25: no ramp), and 6–10 mm
// reaching 75% (a long ramp). Micro-irregularity: CV of the dot count in
// the first 5 mm per station (full 0.15–1.2). Macro-irregularity: RMS
// across the line of each station's leading edge (second most anterior
// dot), in skin mm, about a quadratic least-squares fit of itself over
// 35 mm of line measured on the skin (±15 mm), so a front that follows the
// design's own undulation is irregular (full 0.35–3.5 mm). Shape: the
// smooth front's RMS departure from H's curve (full 3, zero 6 mm); it is
// named a straight front when, seen in the skin's tangent plane at the
// midline (where a ruler laid across the head is a straight line) across
// 30 skin mm either side, the front is within 2 mm RMS of a straight line
// and under 0.4 of the design's own distance from one, else "off the
// design's curve". Symmetry: the front left against right, each
// station against its mirror station, averaged over 5 skin mm of line
// either side, the largest difference (full ≤ 3 mm, zero 5.5), the worse
// side (further off the design) marked; one side missing is its own fault. Temples: share of hairline
// dots in temple zones (8% zeroes it). The score is half the worst part
// plus half the mean; every part under 90 is a fault, worst first, and the
// feedback is the first one's.
//
// blending (templates with existing hair next to treated zones): density in
// the 6 mm band along each hair region, over the hair's density clamped to
// [Min, Mid] of the session band; full marks 0.8–1.25, zero at 0.5 and
// 1.6; markers at the worst 15 mm sectors. Transition zones are left out
// where the hairline criterion judges a ramp: that strip is the ramp's (on
// Norwood II the band along the frontal hair covered it all and asked for
// a flat match where the ramp asks for a quarter of the target), and
// blending is not reported where nothing else meets the hair. The band up
// to scalp.CarryPastMM past an areata patch's edge is blending's too: the
// density criterion does not count dots there as misplaced. Shade
// continuity belongs to the colour criterion.
//
// scars (templates with scars in treated zones): density inside each strip
// scar over the zone's target (full 0.7–1.4, zero at 0.3 and 2.0), a dot on
// or beside every FUE scar (95% covered for full marks, 50% for zero), and
// carry-over: density in the 5 mm ring around each scar (full 0.75–1.3).
//
// colour (templates with a skin and a hair colour, once there are dots):
// what is seen (domain.md §9). The healed work on the client's skin and
// his shaved hair on the same skin (shade.Reference: stubble of the
// template's hair target at the existing hair's density, or the session's
// target density on a bald template) are compared as patches seen from
// half a metre (sim/viewer, S-CIELAB's eye blur), at the same density, so
// the shade and the dots are judged, not their number. Full marks with the
// area colour within 1 ΔE00 and the texture ratio 0.8–1.25, falling to
// zero at 5 ΔE00 or a ratio of 2 or ½; capped at 60 when the main mix will
// turn blue-grey. Faults too-dark, too-light, invisible ("won't show on
// this skin") and blue-grey; the feedback says by how much and names the
// advisor's mix. No markers: the shade is a property of the whole work.
// Looks are cached per pigment, dilution, needle, size and depth, so Live
// adds a dot in O(1).
package score
