package score

func (s *state) blending() (Criterion, bool) { return Criterion{}, false }
func (s *state) scars() (Criterion, bool)    { return Criterion{}, false }
