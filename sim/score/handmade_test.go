package score_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/score"
	"github.com/smptrainer/smp/sim/session"
)

// TestHandmadeCorpus replays the hand-made sessions in
// testdata/handmade (README there) headless and checks each shows the
// fault it was made to show, by code: work this project's generator never
// made.
func TestHandmadeCorpus(t *testing.T) {
	for _, tc := range []struct {
		file, crit string
		any        []score.FaultCode // one of these among the criterion's faults
		never      []score.FaultCode // none of these
		alt        string            // another criterion that may name it instead
		altAny     []score.FaultCode
	}{
		{file: "rows.json", crit: score.IDUniformity, any: []score.FaultCode{score.FaultGrid, score.FaultRows, score.FaultEvenSpacing}},
		{file: "clumps.json", crit: score.IDGaps, any: []score.FaultCode{score.FaultMerged},
			alt: score.IDUniformity, altAny: []score.FaultCode{score.FaultClumps}},
		{file: "sparse.json", crit: score.IDDensity, any: []score.FaultCode{score.FaultTooSparse}, never: []score.FaultCode{score.FaultPatchy}},
		{file: "patchy.json", crit: score.IDDensity, any: []score.FaultCode{score.FaultPatchy},
			alt: score.IDGaps, altAny: []score.FaultCode{score.FaultGaps}},
		{file: "first-dozen.json", crit: score.IDHairline, never: []score.FaultCode{score.FaultNoHairline, score.FaultHardEdge}},
		{file: "low.json", crit: score.IDHairline, any: []score.FaultCode{score.FaultLowHairline}},
		{file: "norwood2-hard-edge.json", crit: score.IDHairline, any: []score.FaultCode{score.FaultHardEdge}},
		{file: "norwood2-faint-edge.json", crit: score.IDHairline, any: []score.FaultCode{score.FaultFaintEdge}, never: []score.FaultCode{score.FaultHardEdge}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			s, err := session.Load(filepath.Join("testdata", "handmade", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			tp, err := scalp.Lookup(s.Template)
			if err != nil {
				t.Fatal(err)
			}
			r := score.Grade(tp, s.Impressions, s.Number, nil)
			codes := func(id string) []score.FaultCode {
				var out []score.FaultCode
				if c := r.Criterion(id); c != nil {
					for _, f := range c.Faults {
						out = append(out, f.Code)
					}
				}
				return out
			}
			got := codes(tc.crit)
			found := len(tc.any) == 0 || slices.ContainsFunc(tc.any, func(c score.FaultCode) bool { return slices.Contains(got, c) })
			if !found && tc.alt != "" {
				alt := codes(tc.alt)
				found = slices.ContainsFunc(tc.altAny, func(c score.FaultCode) bool { return slices.Contains(alt, c) })
			}
			if !found {
				t.Errorf("%s: %s faults %v, want one of %v (or %s %v)", tc.file, tc.crit, got, tc.any, tc.alt, tc.altAny)
			}
			for _, c := range tc.never {
				if slices.Contains(got, c) {
					t.Errorf("%s: %s names %s: %s", tc.file, tc.crit, c, r.Criterion(tc.crit).Feedback)
				}
			}
			if c := r.Criterion(tc.crit); c != nil && tc.crit == score.IDHairline && len(tc.any) == 0 && c.Unmeasured {
				t.Errorf("%s: the hairline is unmeasured: %s", tc.file, c.Feedback)
			}
		})
	}
}
