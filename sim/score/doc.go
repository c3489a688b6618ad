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
// Grade scores a finished set; Live keeps the same report up to date while
// impressions are added and removed (each change touches only its
// neighbourhood). Both read the same aggregates, so they agree.
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
// lies within ±20% of the band. The local density is a kernel estimate: the
// zone's dots within h of a cell centre over the part of that disc inside
// the zone (edge-aware, sub-sampled), with h chosen so that 30 dots are
// expected at the target (about 3.4 mm at 85/cm²); cells are h wide and
// weighted by their area inside the zone. The share scores 0 at 40% and 100
// at 90%. A zone scores the mean of the two; the criterion is the
// area-weighted mean, times a penalty for dots where none belong (zones
// with a zero target such as forehead and temples, or outside every zone):
// 10% of the dots there zeroes it.
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
// zeroes it); overworked area, local density above 1.5× the highest band top
// of the session (10% zeroes it). The criterion is the lowest.
//
// hairline (templates whose transition or frontal zone is treated this
// session, with a design hairline or a forehead/transition border): dots are
// measured along the design line in 5 mm stations. Position: the mid-frontal
// point (second most anterior dot of the stations within 10 mm of the
// midline) 70–100 mm above the glabella along the head, and within −3/+6 mm
// of the design line (zero at −10/+20). Ramp: the dots' density profile
// by signed distance behind the design line (or the forehead border),
// measured from the onset of the work: the first 2 mm band, scanning from
// the front over the whole line's dots, that holds 10% of the densest band.
// Not from each station's own front-most dots: a profile behind those
// always finds them in its first bin, so at session-1 density (a dot or
// two per station) a soft 25% edge read as 73–111% of full. Pooling every
// station keeps one stray dot from setting the onset, and a hard edge laid
// in front of the design is read from its dense first row. Density 0–3 mm
// behind the onset over density 10–20 mm behind (full marks 0.12–0.65),
// the rise from 0–3 mm to 3–6 mm (full below 0.85, zero at 1.1) and 6–10 mm
// reaching 75% of full; existing hair counts as density. Micro-irregularity:
// CV of the dot count in the first 5 mm along the stations (full 0.15–1.2;
// markers at the stations furthest from the mean).
// Macro-irregularity: RMS of the edge about its 5-station moving average
// (full 0.6–3.5 mm: below is a ruler or helmet line, above chaotic).
// Shape (the fault "straight or ruler-drawn", §5): RMS of that moving
// average about its own mean offset behind the design line, i.e. how far
// the edge departs from the design's curve (a constant offset is the
// position part's). Full marks to 3 mm, the depth of the ramp's edge band
// and the hand's precision the position part allows; zero at 6 mm, where
// the edge has left the ramp's first two bands (model). A front ruled
// straight across the bell departs by the bell's depth over the ruled
// span: generated hardline work measures 4.9–5.9 mm, expert work 0.4–1.0
// mm. Beyond 3 mm the bands the ramp and micro parts count along the
// design line cut across the edge, so their readings follow the shape;
// when one of them (or the shape) is the worst part, the feedback names
// the hard, straight edge.
// Symmetry: left against right mean edge offset (full ≤ 3 mm, zero 8 mm).
// Temples: share of hairline dots in temple zones (8% zeroes it). The score
// is half the worst part plus half the mean.
//
// blending (templates with existing hair next to treated zones): density in
// the 6 mm band along each hair region, over the hair's density clamped to
// [Min, Mid] of the session band; full marks 0.8–1.25, zero at 0.5 and 1.6;
// markers at the worst 15 mm sectors. Shade continuity belongs to the
// colour criterion.
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
