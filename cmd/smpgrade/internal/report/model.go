package report

import (
	"fmt"
	"github.com/smptrainer/smp/cmd/smpgrade/internal/gradebook"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/smptrainer/smp/sim/score"
)

// trainee is one trainee's section of the page.
type trainee struct {
	Anchor, Name, File, Template, TemplateName, Exercise, Weighted string
	Session, Impressions, Ignored                                  int
	Edited                                                         bool
	Overall                                                        float64
	OverallText                                                    string
	Criteria                                                       []crit
	Legend                                                         []legend
	WorkImg, ProblemImg, ExpertImg, NNImg, ProfileImg              string
	ExpertNote, ProfileNote                                        string
	NNMedian                                                       float64
	Inset                                                          bool // the pictures carry a magnified detail
	InsetMM                                                        float64
	WorkBar, ProblemBar, ExpertBar                                 float64 // scale bars, mm
	FrontImg, SideImg, HeadNote                                    string  // the hairline design on the model head
	// attempt is the file as the course record counts it (units.go).
	attempt gradebook.Attempt

	profile []score.ProfileBin // the hairline profile plotted, for tests
}

// crit is one row of a score card. The float fields are the values of
// "smpgrade score --json" (rounded alike); the texts are what is shown.
type crit struct {
	ID, Name, Unit, Target, Feedback string
	Score, Value, Weight             float64
	ScoreText, ValueText, WeightText string
	Bar                              int
	Low                              bool
	// Code is the first (worst) fault's code, "" when none was found.
	Code score.FaultCode
}

// legend is one marker kind in a picture's key.
type legend struct {
	Kind, Label, Colour, Shape string
}

// cell is one criterion column of a class-table row.
type cell struct {
	ID    string // the criterion
	Has   bool
	Score float64
	Text  string
	Low   bool
}

// row is one file of the class table.
type row struct {
	T     *trainee
	Cells []cell
}

// column is one criterion of the class table.
type column struct{ ID, Name string }

// fault is one criterion's common fault across the class.
type fault struct {
	Name  string
	Count int // files scoring under FaultBelow
	Of    int // files graded on the criterion
	// Title names the most frequent fault among them (by code), Feedback
	// is one file's sentence for it, and Same counts the files with it.
	Title, Feedback string
	Same            int
	// Others names the other faults among them, with their counts.
	Others string
	Mean   string
}

// classView is the whole page.
type classView struct {
	Title, Generated string
	Files, Failed    int
	FailedLines      []string
	MeanOverall      string
	Columns          []column
	Rows             []row
	DistImg          string
	Faults           []fault
	FaultBelow       float64
	Trainees         []*trainee
	// Units and UnitRows are the course record (units.go); Rule its rule.
	Units        []gradebook.Unit
	UnitRows     []unitRow
	Rule         string
	ExpertSeed   int
	ProfileBinMM float64
}

// criterionOrder is the order of the class table's columns: score's
// fixed order, then anything unknown by id.
var criterionOrder = []string{score.IDDensity, score.IDUniformity, score.IDGaps, score.IDConsistency,
	score.IDHairline, score.IDBlending, score.IDScars, score.IDColour}

// class builds the page from the trainees' sections.
func (b *builder) class(ts []*trainee, failed []string, o Options) (*classView, error) {
	cv := &classView{Title: o.Title, Files: len(ts), Failed: len(failed), FailedLines: failed,
		FaultBelow: FaultBelow, Trainees: ts, ExpertSeed: ExpertSeed, ProfileBinMM: profileBinMM}
	if cv.Title == "" {
		cv.Title = "SMP class report"
	}
	rule := o.Rule
	if rule.Last == 0 {
		rule = gradebook.DefaultRule
	}
	cv.Units, cv.UnitRows = courseUnits(ts, rule)
	cv.Rule = rule.String()
	if !o.Generated.IsZero() {
		cv.Generated = o.Generated.UTC().Format("2006-01-02 15:04 UTC")
	}
	names := map[string]string{}
	for _, t := range ts {
		for _, c := range t.Criteria {
			names[c.ID] = c.Name
		}
	}
	for _, id := range criterionOrder {
		if n, ok := names[id]; ok {
			cv.Columns = append(cv.Columns, column{id, n})
			delete(names, id)
		}
	}
	for _, id := range sortedKeys(names) {
		cv.Columns = append(cv.Columns, column{id, names[id]})
	}
	sum := 0.0
	scores := make([][]float64, len(cv.Columns)+1)
	for _, t := range ts {
		r := row{T: t, Cells: make([]cell, len(cv.Columns))}
		for k, col := range cv.Columns {
			r.Cells[k].ID = col.ID
			for _, c := range t.Criteria {
				if c.ID == col.ID {
					r.Cells[k] = cell{ID: c.ID, Has: true, Score: c.Score, Text: c.ScoreText, Low: c.Low}
					scores[k] = append(scores[k], c.Score)
				}
			}
		}
		scores[len(cv.Columns)] = append(scores[len(cv.Columns)], t.Overall)
		sum += t.Overall
		cv.Rows = append(cv.Rows, r)
	}
	if len(ts) > 0 {
		cv.MeanOverall = fmt.Sprintf("%.1f", sum/float64(len(ts)))
	}
	// The table starts sorted by name, so the page reads well without JS.
	sort.SliceStable(cv.Rows, func(i, j int) bool {
		return strings.ToLower(cv.Rows[i].T.Name) < strings.ToLower(cv.Rows[j].T.Name)
	})

	if len(ts) > 0 {
		labels := make([]string, 0, len(cv.Columns)+1)
		for _, c := range cv.Columns {
			// One word per box, so the labels never collide.
			l, _, _ := strings.Cut(c.Name, " ")
			labels = append(labels, l)
		}
		labels = append(labels, "Overall")
		data, err := distPlot(labels, scores)
		if err != nil {
			return nil, fmt.Errorf("class distribution plot: %v", err)
		}
		if cv.DistImg, err = b.writePNG("class-scores.png", data); err != nil {
			return nil, err
		}
	}

	// Common faults: per criterion, how many fell under the threshold and,
	// grouped by fault code, which fault they showed most often.
	for _, col := range cv.Columns {
		f := fault{Name: col.Name}
		groups := map[score.FaultCode][]string{}
		total := 0.0
		for _, t := range ts {
			for _, c := range t.Criteria {
				if c.ID != col.ID {
					continue
				}
				f.Of++
				total += c.Score
				if c.Score < FaultBelow {
					f.Count++
					groups[c.Code] = append(groups[c.Code], c.Feedback)
				}
			}
		}
		if f.Of > 0 {
			f.Mean = fmt.Sprintf("%.1f", total/float64(f.Of))
		}
		if f.Count == 0 {
			continue
		}
		codes := slices.Sorted(maps.Keys(groups))
		// Most files first; ties in code order.
		slices.SortStableFunc(codes, func(a, b score.FaultCode) int { return len(groups[b]) - len(groups[a]) })
		top := codes[0]
		f.Same, f.Feedback, f.Title = len(groups[top]), groups[top][0], top.Title()
		if top == "" {
			f.Title = "Low score" // under the threshold with no fault named
		}
		var others []string
		for _, k := range codes[1:] {
			name := k.Title()
			if k == "" {
				name = "no fault named"
			}
			others = append(others, fmt.Sprintf("%s (%d)", name, len(groups[k])))
		}
		f.Others = strings.Join(others, ", ")
		cv.Faults = append(cv.Faults, f)
	}
	sort.SliceStable(cv.Faults, func(i, j int) bool { return cv.Faults[i].Count > cv.Faults[j].Count })
	return cv, nil
}
