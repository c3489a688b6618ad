package score

type hairPrep struct{}

func buildHairPrep(p *prep) *hairPrep        { return nil }
func (s *state) hairline() (Criterion, bool) { return Criterion{}, false }
func (s *state) blending() (Criterion, bool) { return Criterion{}, false }
func (s *state) scars() (Criterion, bool)    { return Criterion{}, false }
