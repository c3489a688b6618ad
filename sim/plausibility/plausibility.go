// Package plausibility flags session files an instructor should not take at
// face value as a trainee's own hand: a timeline no hand could produce
// (impressions too fast, timestamps missing or shuffled, a metronome's
// rhythm), spacing no hand could produce (an exact lattice), and files
// changed after the trainer saved them (issue 6, "Plausibility").
//
// It only flags. Nothing here refuses a file or changes a grade: a flag is
// a reason for the instructor to ask, not proof. Every threshold is a model
// assumption of this package (no source measures how fast or how evenly a
// trainee clicks), named and documented below so it can be argued with.
package plausibility

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/session"
	"github.com/smptrainer/smp/sim/spatial"
)

// Level says how much weight a flag deserves.
type Level string

const (
	// Note is informational: something is missing that the trainer would
	// have written, such as the content hash of a file another tool wrote.
	Note Level = "note"
	// Warning is a reason to doubt that the file is the trainee's own,
	// unedited work.
	Warning Level = "warning"
)

// Flag codes, stable for tools and the gradebook.
const (
	// CodeNoHash: the file records no content hash, so it was written by
	// another tool (or by hand) and edits cannot be detected.
	CodeNoHash = "no-content-hash"
	// CodeEdited: the impressions no longer match the content hash the
	// trainer recorded when it saved.
	CodeEdited = "edited-after-save"
	// CodeNoTimes: every timestamp is zero, as in a file written by a tool
	// that does not time the work.
	CodeNoTimes = "no-timestamps"
	// CodeShuffled: within one session, a timestamp is earlier than the one
	// before it in file order (the file keeps placing order).
	CodeShuffled = "shuffled-timestamps"
	// CodeTooFast: two consecutive impressions at distinct places less than
	// MinGapS apart.
	CodeTooFast = "too-fast"
	// CodeSustained: SustainWindow consecutive impressions placed faster
	// than MaxSustainedRate on average.
	CodeSustained = "sustained-rate"
	// CodeRegularTiming: the time between impressions is constant, like a
	// metronome's.
	CodeRegularTiming = "machine-regular-timing"
	// CodeRegularSpacing: the dots sit on an exact lattice, or their
	// neighbour distances vary far less than any hand's.
	CodeRegularSpacing = "machine-regular-spacing"
)

// Model assumptions. None is a published figure; they are chosen well past
// what the trainer's own pattern model of an expert does (sim/pattern: one
// impression every 0.5–1.0 s, with pauses) and what a person clicking a
// mouse can do, so that honest work is not flagged.
const (
	// MinGapS is the shortest time between two impressions at distinct
	// places that a hand can manage: moving to a new spot, aiming and
	// placing takes longer than a tenth of a second. *Model assumption.*
	MinGapS = 0.1
	// SamePlaceMM is how close two impressions are to count as the same
	// place: a double tap on one spot is not a hand moving impossibly fast.
	// *Model assumption* (a tenth of a fine 0.5 mm dot spacing).
	SamePlaceMM = 0.05
	// MaxSustainedRate is the most impressions per second a hand keeps up
	// over SustainWindow impressions: four times the expert model's 1–2
	// per second is already far past careful work. *Model assumption.*
	MaxSustainedRate = 4.0
	// SustainWindow is the number of consecutive intervals the sustained
	// rate is averaged over: long enough that one quick burst is not a
	// flag. *Model assumption.*
	SustainWindow = 20
	// MinTimingIntervals is the fewest intervals in a session before its
	// rhythm is judged: a handful of equal gaps happen by chance.
	MinTimingIntervals = 20
	// PauseFactor: intervals longer than this many times the median are
	// pauses (wiping, dipping, changing needle) and left out of the rhythm.
	PauseFactor = 3.0
	// MaxRegularTimingCV: a coefficient of variation of the intervals
	// (pauses left out) below this is a metronome. A hand aiming at a new
	// spot each time varies by far more than 2% (and the trainer counts
	// time in 1/60 s ticks, so a 0.5 s rhythm cannot be steadier than that
	// by accident). *Model assumption.*
	MaxRegularTimingCV = 0.02
	// MaxSameInterval: when more than this share of the intervals are
	// equal to the millisecond, the timestamps were generated, not
	// measured. *Model assumption.*
	MaxSameInterval = 0.8
	// MinSpacingDots is the fewest dots before spacing is judged.
	MinSpacingDots = 30
	// SpacingNeighbours is how many nearest neighbours each dot's local
	// regularity is measured over: four are equidistant on both square and
	// hexagonal lattices.
	SpacingNeighbours = 4
	// MaxRegularSpacingCV: when the median over dots of the coefficient of
	// variation of the distances to their SpacingNeighbours nearest
	// neighbours is below this, the dots sit on a lattice. Blue noise, the
	// model of good work (domain.md §4), and any hand-placed rows vary by
	// several times more. *Model assumption.*
	MaxRegularSpacingCV = 0.02
	// MaxSameNN: when more than this share of the dots have the same
	// nearest-neighbour distance (to 0.1 µm), they sit on an exact lattice
	// (square, hexagonal or rectangular). *Model assumption.*
	MaxSameNN = 0.8
	// MaxListed is the most impression indices a flag lists.
	MaxListed = 20
)

// Flag is one reason to look twice at a file.
type Flag struct {
	// Code is one of the Code constants.
	Code string `json:"code"`
	// Level is Note or Warning.
	Level Level `json:"level"`
	// Message is one sentence for the instructor, with the numbers.
	Message string `json:"message"`
	// Impressions are indices into the file's impressions where the
	// problem shows (at most MaxListed, first first); empty when the flag
	// is about the whole file.
	Impressions []int `json:"impressions,omitempty"`
}

// String is "code: message".
func (f Flag) String() string { return f.Code + ": " + f.Message }

// Check returns the flags for s, in a fixed order: content hash, timeline,
// spacing. Nil means nothing looked wrong. It never panics on a decoded
// session and is linear in the number of impressions (plus a sort).
func Check(s *session.Session) []Flag {
	if s == nil {
		return nil
	}
	var flags []Flag
	switch {
	case s.ContentHash == "":
		flags = append(flags, Flag{Code: CodeNoHash, Level: Note,
			Message: "the file records no content hash, so it was written by another tool or by hand, and later edits cannot be detected"})
	case s.ContentHash != s.Hash():
		flags = append(flags, Flag{Code: CodeEdited, Level: Warning,
			Message: "the impressions were changed after the trainer saved the file (its content hash no longer matches)"})
	}
	flags = append(flags, timeline(s)...)
	if f, ok := spacing(s); ok {
		flags = append(flags, f)
	}
	return flags
}

// Codes returns the codes of flags, in order.
func Codes(flags []Flag) []string {
	out := make([]string, len(flags))
	for i, f := range flags {
		out[i] = f.Code
	}
	return out
}

// timeline checks the timestamps of each session's impressions in file
// order (the file keeps placing order; each session's clock starts at 0).
func timeline(s *session.Session) []Flag {
	ims := s.Impressions
	if len(ims) < 2 {
		return nil
	}
	allZero := true
	for i := range ims {
		if ims[i].TimeS != 0 {
			allZero = false
			break
		}
	}
	if allZero {
		return []Flag{{Code: CodeNoTimes, Level: Warning,
			Message: fmt.Sprintf("all %d impressions have time 0: the file carries no timeline, so it cannot show the work was placed by hand", len(ims))}}
	}

	// Group indices by the session that placed them, keeping file order.
	bySession := map[int][]int{}
	var order []int
	for i := range ims {
		n := ims[i].Session
		if _, ok := bySession[n]; !ok {
			order = append(order, n)
		}
		bySession[n] = append(bySession[n], i)
	}
	slices.Sort(order)

	var shuffled, fast, sustained, regular []int
	var fastest, peakRate float64 = math.Inf(1), 0
	var regularWhy string
	for _, n := range order {
		idx := bySession[n]
		before := len(shuffled)
		for k := 1; k < len(idx); k++ {
			a, b := &ims[idx[k-1]], &ims[idx[k]]
			dt := b.TimeS - a.TimeS
			if dt < 0 {
				shuffled = append(shuffled, idx[k])
				continue
			}
			if dt < MinGapS && a.Pos.Dist(b.Pos) > SamePlaceMM {
				fast = append(fast, idx[k])
				fastest = math.Min(fastest, dt)
			}
		}
		if len(shuffled) > before {
			continue // rates and rhythm mean nothing on a shuffled clock
		}
		for k := SustainWindow; k < len(idx); k++ {
			span := ims[idx[k]].TimeS - ims[idx[k-SustainWindow]].TimeS
			rate := math.Inf(1)
			if span > 0 {
				rate = SustainWindow / span
			}
			if rate > MaxSustainedRate {
				if len(sustained) == 0 || sustained[len(sustained)-1] < idx[k-SustainWindow] {
					sustained = append(sustained, idx[k-SustainWindow])
				}
				peakRate = math.Max(peakRate, rate)
			}
		}
		if why, ok := metronome(s, idx); ok && regular == nil {
			regular = []int{idx[0]}
			regularWhy = fmt.Sprintf("session %d: %s", n, why)
		}
	}

	var flags []Flag
	if len(shuffled) > 0 {
		flags = append(flags, Flag{Code: CodeShuffled, Level: Warning,
			Message:     fmt.Sprintf("%d impression(s) are timed earlier than the one placed before them in the same session: the timeline was shuffled or rewritten", len(shuffled)),
			Impressions: listed(shuffled)})
	}
	if len(fast) > 0 {
		flags = append(flags, Flag{Code: CodeTooFast, Level: Warning,
			Message:     fmt.Sprintf("%d impression(s) followed the previous one at another place within %.2g s (fastest %.3g s), quicker than a hand can move and place (model assumption)", len(fast), MinGapS, fastest),
			Impressions: listed(fast)})
	}
	if len(sustained) > 0 {
		rate := fmt.Sprintf("%.1f", peakRate)
		if math.IsInf(peakRate, 1) {
			rate = "unbounded (no time passed)"
		}
		flags = append(flags, Flag{Code: CodeSustained, Level: Warning,
			Message:     fmt.Sprintf("%d run(s) of %d impressions placed faster than %g per second (peak %s per second), beyond a hand's sustained pace (model assumption)", len(sustained), SustainWindow, MaxSustainedRate, rate),
			Impressions: listed(sustained)})
	}
	if regular != nil {
		flags = append(flags, Flag{Code: CodeRegularTiming, Level: Warning,
			Message: regularWhy + ", a machine's rhythm, not a hand's (model assumption)", Impressions: regular})
	}
	return flags
}

// metronome reports whether one session's intervals are machine-regular,
// and why.
func metronome(s *session.Session, idx []int) (string, bool) {
	if len(idx)-1 < MinTimingIntervals {
		return "", false
	}
	iv := make([]float64, 0, len(idx)-1)
	for k := 1; k < len(idx); k++ {
		iv = append(iv, s.Impressions[idx[k]].TimeS-s.Impressions[idx[k-1]].TimeS)
	}
	// Share of intervals equal to the millisecond.
	counts := map[int64]int{}
	best, mode := 0, int64(0)
	for _, v := range iv {
		q := int64(math.Round(v * 1000))
		counts[q]++
		if counts[q] > best {
			best, mode = counts[q], q
		}
	}
	if mode > 0 && float64(best) > MaxSameInterval*float64(len(iv)) {
		return fmt.Sprintf("%d of %d intervals are exactly %.3g s", best, len(iv), float64(mode)/1000), true
	}
	sorted := slices.Clone(iv)
	sort.Float64s(sorted)
	med := sorted[len(sorted)/2]
	if !(med > 0) {
		return "", false // zero gaps are the too-fast flag's business
	}
	var kept []float64
	for _, v := range iv {
		if v <= PauseFactor*med {
			kept = append(kept, v)
		}
	}
	if len(kept) < MinTimingIntervals {
		return "", false
	}
	mean, cv := meanCV(kept)
	if cv < MaxRegularTimingCV {
		return fmt.Sprintf("the time between impressions is %.3g s ± %.2g%% (pauses left out)", mean, 100*cv), true
	}
	return "", false
}

// spacing checks whether the dots sit on a lattice.
func spacing(s *session.Session) (Flag, bool) {
	pts := make([]geom.Point, 0, len(s.Impressions))
	idx := make([]int, 0, len(s.Impressions))
	for i := range s.Impressions {
		if p := s.Impressions[i].Pos; p.IsFinite() {
			pts = append(pts, p)
			idx = append(idx, i)
		}
	}
	if len(pts) < MinSpacingDots {
		return Flag{}, false
	}
	g := spatial.NewGrid(pts, 0)
	nn := g.NearestAll(nil)

	// Exact lattice: one nearest-neighbour distance for nearly every dot.
	counts := map[int64]int{}
	best, mode := 0, int64(0)
	for _, d := range nn {
		if math.IsInf(d, 0) || d <= 0 {
			continue
		}
		q := int64(math.Round(d * 1e4))
		counts[q]++
		if counts[q] > best {
			best, mode = counts[q], q
		}
	}
	if float64(best) > MaxSameNN*float64(len(pts)) {
		return Flag{Code: CodeRegularSpacing, Level: Warning,
			Message:     fmt.Sprintf("%d of %d dots have their nearest neighbour exactly %.4g mm away: an exact lattice, not hand placement (model assumption)", best, len(pts), float64(mode)/1e4),
			Impressions: listed(idx[:min(len(idx), MaxListed)])}, true
	}

	// Local regularity: distances to the few nearest neighbours.
	var local []float64
	var ds []float64
	for i, p := range pts {
		d1 := nn[i]
		if math.IsInf(d1, 0) || d1 <= 0 {
			continue
		}
		ds = ds[:0]
		g.Within(p, 2.5*d1, func(j int) {
			if j != i {
				ds = append(ds, p.Dist(pts[j]))
			}
		})
		if len(ds) < SpacingNeighbours {
			continue
		}
		sort.Float64s(ds)
		_, cv := meanCV(ds[:SpacingNeighbours])
		local = append(local, cv)
	}
	if len(local) < MinSpacingDots {
		return Flag{}, false
	}
	sort.Float64s(local)
	med := local[len(local)/2]
	if med < MaxRegularSpacingCV {
		return Flag{Code: CodeRegularSpacing, Level: Warning,
			Message: fmt.Sprintf("each dot's %d nearest neighbours are almost equally far (median variation %.2g%%): machine-regular spacing, far evener than a hand (model assumption)", SpacingNeighbours, 100*med)}, true
	}
	return Flag{}, false
}

// meanCV returns the mean and the coefficient of variation (population
// standard deviation over mean; 0 when the mean is 0).
func meanCV(v []float64) (mean, cv float64) {
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	if mean == 0 {
		return 0, 0
	}
	var ss float64
	for _, x := range v {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss/float64(len(v))) / mean
}

// listed caps a list of indices at MaxListed.
func listed(idx []int) []int {
	if len(idx) > MaxListed {
		idx = idx[:MaxListed]
	}
	return slices.Clone(idx)
}
