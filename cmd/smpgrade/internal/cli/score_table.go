package cli

import (
	"cmp"
	"fmt"
	"github.com/smptrainer/smp/sim/fileerr"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/grading"
	"github.com/smptrainer/smp/sim/exercise"
	"github.com/smptrainer/smp/sim/score"
)

// criterionIDs returns the criterion ids that appear in reports, in the
// fixed order of exercise.Criteria, followed by any id that list does not
// know (a newer scorer), sorted, so columns never move between runs.
func criterionIDs(reports []fileReport, all bool) []string {
	seen := map[string]bool{}
	for i := range reports {
		for _, c := range reports[i].Criteria {
			seen[c.ID] = true
		}
	}
	var ids []string
	for _, id := range exercise.Criteria {
		if all || seen[id] {
			ids = append(ids, id)
		}
		delete(seen, id)
	}
	extra := make([]string, 0, len(seen))
	for id := range seen {
		extra = append(extra, id)
	}
	slices.Sort(extra)
	return append(ids, extra...)
}

// criterion returns r's criterion with the given id, or nil when it does
// not apply to r's template.
func (r *fileReport) criterion(id string) *score.Criterion {
	for i := range r.Criteria {
		if r.Criteria[i].ID == id {
			return &r.Criteria[i]
		}
	}
	return nil
}

// dash stands in an empty cell of the plain table: a criterion that does
// not apply, or a name the file does not record.
const dash = "-"

// writeTable prints the class table: one row per graded file, then the
// class mean of each column when there is more than one file, then a count
// line. failed is the number of files that could not be graded (already
// reported on stderr), so the count line can say the table is incomplete.
func writeTable(w io.Writer, reports []fileReport, failed int) error {
	if len(reports) == 0 {
		// No table without rows: only the count, so an instructor is not
		// left with a lone header.
		_, err := fmt.Fprintf(w, "0 graded, %d could not be graded (listed on stderr)\n", failed)
		return err
	}
	ids := criterionIDs(reports, false)
	// The table is built column by column: text columns padded on the
	// right, numbers on the left so their decimal points line up; the
	// tabwriter then spaces the columns.
	cols := [][]string{{"file"}, {"trainee"}, {"template"}, {"exercise"}, {"impressions"}, {"overall"}}
	for _, id := range ids {
		cols = append(cols, []string{id})
	}
	edited := false
	for i := range reports {
		r := &reports[i]
		name := fileerr.OneLine(r.File)
		if r.EditedAfterSave {
			name += " *"
			edited = true
		}
		cells := []string{name, orDash(fileerr.OneLine(r.Trainee)), r.Template, orDash(fileerr.OneLine(r.Exercise)),
			strconv.Itoa(r.Impressions), fmt.Sprintf("%.1f", r.Overall)}
		for _, id := range ids {
			if c := r.criterion(id); c != nil {
				cells = append(cells, fmt.Sprintf("%.1f", c.Score))
			} else {
				cells = append(cells, dash)
			}
		}
		for j := range cols {
			cols[j] = append(cols[j], cells[j])
		}
	}
	if len(reports) > 1 {
		n := float64(len(reports))
		var ims, overall float64
		for i := range reports {
			ims += float64(reports[i].Impressions)
			overall += reports[i].Overall
		}
		cells := []string{fmt.Sprintf("class mean (%d files)", len(reports)), "", "", "",
			fmt.Sprintf("%.0f", ims/n), fmt.Sprintf("%.1f", overall/n)}
		for _, id := range ids {
			// The mean over the files the criterion applies to.
			var sum float64
			k := 0
			for i := range reports {
				if c := reports[i].criterion(id); c != nil {
					sum += c.Score
					k++
				}
			}
			cells = append(cells, fmt.Sprintf("%.1f", sum/float64(k)))
		}
		for j := range cols {
			cols[j] = append(cols[j], cells[j])
		}
	}
	for j, col := range cols {
		pad(col, j >= textColumns)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i := range cols[0] {
		line := make([]string, len(cols))
		for j := range cols {
			line[j] = cols[j][i]
		}
		fmt.Fprintln(tw, strings.TrimRight(strings.Join(line, "\t"), " "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if edited {
		fmt.Fprintln(w, "* edited after saving: the impressions no longer match the content hash the trainer recorded")
	}
	summary := fmt.Sprintf("%d graded", len(reports))
	if failed > 0 {
		summary += fmt.Sprintf(", %d could not be graded (listed on stderr)", failed)
	}
	_, err := fmt.Fprintln(w, summary)
	return err
}

// textColumns is the number of text columns leading the class table; the
// rest hold numbers.
const textColumns = 4

// pad pads a column's cells to its widest, on the left (right-aligned,
// for numbers) or on the right.
func pad(col []string, right bool) {
	width := 0
	for _, s := range col {
		width = max(width, textWidth(s))
	}
	for i, s := range col {
		if right {
			col[i] = spaces(width-textWidth(s)) + s
		} else {
			col[i] = s + spaces(width-textWidth(s))
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return dash
	}
	return s
}

// writeDetail prints one file's grade in full, for an instructor going
// through the work with the trainee: who and what, the measures behind
// each score, what to work on (weakest criterion first), and the zones.
func writeDetail(w io.Writer, r *fileReport) error {
	fmt.Fprintf(w, "\n%s\n", fileerr.OneLine(r.File))
	who := r.Trainee
	if who == "" {
		who = "trainee unknown"
	}
	ex := r.Exercise
	if ex == "" {
		ex = "free practice"
	}
	fmt.Fprintf(w, "  %s, %s (%s) session %d, %s; %d impressions; %s\n",
		fileerr.OneLine(who), r.Template, r.templateName, r.Session, fileerr.OneLine(ex), r.Impressions, r.weighted)
	if r.EditedAfterSave {
		fmt.Fprintf(w, "  WARNING: the impressions were changed after the trainer saved this file (content hash mismatch)\n")
	}
	fmt.Fprintf(w, "  overall %.1f / 100\n\n", r.Overall)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  criterion\tscore\tvalue\ttarget\tweight")
	for _, c := range r.Criteria {
		fmt.Fprintf(tw, "  %s\t%5.1f\t%s\t%s\t%g\n", c.ID, c.Score, grading.CriterionValue(&c), c.Target, c.Weight)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	// Feedback, weakest first: what to work on next heads the list. Among
	// equal scores, the criterion that weighs more comes first.
	order := slices.Clone(r.Criteria)
	slices.SortStableFunc(order, func(a, b score.Criterion) int {
		return cmp.Or(cmp.Compare(a.Score, b.Score), cmp.Compare(b.Weight, a.Weight))
	})
	fmt.Fprintln(w, "\n  feedback, weakest first:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range order {
		fmt.Fprintf(tw, "  %5.1f\t%s\t%s\n", c.Score, c.ID, c.Feedback)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)

	// A third table: its columns have nothing to do with the others'.
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  zone\tarea cm²\timpressions\tper cm²\ttarget per cm²\tNN mean mm\tR naive\tR corrected")
	for _, z := range r.Zones {
		nn := "—\t—\t—" // fewer than two dots: no neighbour to measure
		if z.NNMeasured() {
			nn = fmt.Sprintf("%.2f\t%.2f\t%.2f", z.NNMeanMM, z.ClarkEvansRNaive, z.ClarkEvansR)
		}
		fmt.Fprintf(tw, "  %s\t%.1f\t%d\t%.1f\t%s–%s\t%s\n", z.ID, z.AreaCM2, z.Impressions,
			z.DensityPerCM2, short(z.TargetMin), short(z.TargetMax), nn)
	}
	return tw.Flush()
}
