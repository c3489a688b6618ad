package gradebook

// CopyStats counts what Copy did.
type CopyStats struct {
	// Added attempts were new to the destination; Already were there
	// (same trainee and file hash), and were left as they were.
	Added, Already int
}

// Copy records every attempt of b (with its scores, flags, faults and
// whether plausibility was checked) into dst, and b's competency rule
// when b has one set. It is how a gradebook moves between SQLite and
// PostgreSQL; running it again adds nothing, and attempts dst already
// holds are kept, so two class gradebooks can be merged into one.
// Attempts get new ids in dst; dates and recording order are kept.
func (b *Book) Copy(dst *Book) (CopyStats, error) {
	var st CopyStats
	trainees, err := b.Trainees()
	if err != nil {
		return st, err
	}
	for _, tr := range trainees {
		atts, err := b.Attempts(tr)
		if err != nil {
			return st, err
		}
		for i := range atts {
			a := atts[i]
			if _, added, err := dst.record(&a, a.FlagsChecked); err != nil {
				return st, dst.wrap("cannot copy attempt "+a.File, err)
			} else if added {
				st.Added++
			} else {
				st.Already++
			}
		}
	}
	var n int
	if err := b.db.QueryRow(`SELECT count(*) FROM unit_rule WHERE unit = ''`).Scan(&n); err != nil {
		return st, b.wrap("cannot read the competency rule", err)
	}
	if n > 0 {
		r, err := b.CompetencyRule()
		if err != nil {
			return st, err
		}
		if err := dst.SetCompetencyRule(r); err != nil {
			return st, err
		}
	}
	return st, nil
}
