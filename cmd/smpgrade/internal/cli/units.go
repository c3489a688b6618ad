package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/gradebook"
	"github.com/smptrainer/smp/sim/fileerr"
)

// writeUnits prints a trainee's course record: per unit the attempts, best
// and latest scores, recurring faults and the verdict with its reason.
func writeUnits(w io.Writer, h *gradebook.History) error {
	if len(h.Units) == 0 {
		return nil
	}
	fmt.Fprintf(w, "  course units (competent: %s)\n", h.Rule)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "  unit\tattempts\tbest\tlatest\trecurring faults\tverdict\n")
	for _, u := range h.Units {
		best, latest := "–", "–"
		if u.Attempts > 0 {
			best, latest = fmt.Sprintf("%.1f", u.Best), fmt.Sprintf("%.1f", u.Latest)
		}
		var rec []string
		for _, f := range u.Recurring {
			rec = append(rec, fmt.Sprintf("%s ×%d", f.Code, f.Count))
		}
		if len(rec) == 0 {
			rec = []string{"–"}
		}
		fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\t%s\t%s (%s)\n", u.Name, u.Attempts, best, latest,
			fileerr.OneLine(strings.Join(rec, ", ")), u.Verdict, fileerr.OneLine(u.Why))
	}
	return tw.Flush()
}
