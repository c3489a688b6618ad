package report

import (
	"sort"
	"time"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/gradebook"
	"github.com/smptrainer/smp/sim/score"
)

// unitRow is one trainee's course record on the class page: a verdict per
// course unit, from the files in the report.
type unitRow struct {
	Name  string
	Cells []unitCell
}

// unitCell is one unit's verdict for one trainee.
type unitCell struct {
	Attempts  int
	Competent bool
	Verdict   string
	Why       string
}

// courseAttempt is the gradebook's view of one graded file: what the
// course record counts (criterion scores and their fault codes), dated.
func courseAttempt(tv *trainee, date time.Time, crit []score.Criterion) gradebook.Attempt {
	return gradebook.Attempt{Trainee: tv.Name, Date: date, Criteria: gradebook.CriteriaOf(crit), Faults: gradebook.FaultsOf(crit)}
}

// courseUnits works out each trainee's unit verdicts from the report's
// files, in date order, under rule r: the same rule and code as
// "smpgrade history", so the two agree on the same attempts.
func courseUnits(ts []*trainee, r gradebook.Rule) (units []gradebook.Unit, rows []unitRow) {
	by := map[string][]gradebook.Attempt{}
	var names []string
	for _, t := range ts {
		if _, ok := by[t.Name]; !ok {
			names = append(names, t.Name)
		}
		by[t.Name] = append(by[t.Name], t.attempt)
	}
	sort.Strings(names)
	for _, n := range names {
		atts := by[n]
		sort.SliceStable(atts, func(i, j int) bool { return atts[i].Date.Before(atts[j].Date) })
		row := unitRow{Name: n}
		for _, u := range gradebook.CourseRecord(atts, r) {
			row.Cells = append(row.Cells, unitCell{Attempts: u.Attempts, Competent: u.Verdict == gradebook.Competent, Verdict: u.Verdict, Why: u.Why})
		}
		rows = append(rows, row)
	}
	return gradebook.Units, rows
}
