package score

// Attach adds criteria graded outside this package (the mapping of a
// hairline design, a consultation's criteria) to r and recomputes
// Overall as the weighted mean of every criterion. Each attached
// criterion's weight is w's for its id when w is not nil (0 when w does
// not name it: shown, not counted, as for Grade), and otherwise the
// Weight the caller set on it, its default. Should no criterion then
// weigh anything, the attached ones count equally, so the overall still
// means something.
func (r *Report) Attach(w Weights, cs ...Criterion) {
	for _, c := range cs {
		if w != nil {
			c.Weight = w[c.ID]
		}
		c.Weight = clampWeight(c.Weight)
		r.Criteria = append(r.Criteria, c)
	}
	var sw, s float64
	for _, c := range r.Criteria {
		sw += c.Weight
		s += c.Weight * c.Score
	}
	if sw == 0 {
		for i := range cs {
			c := &r.Criteria[len(r.Criteria)-len(cs)+i]
			sw++
			s += c.Score
		}
	}
	if sw > 0 {
		r.Overall = clean(s / sw)
	}
}
