package input

// MoveWith moves the cursor in one tick to the screen position fn returns
// when the action runs: for targets only the game knows at that moment,
// such as a panel's button.
func (s *Script) MoveWith(fn func(c Context) (x, y float64)) *Script {
	return s.add(func(s *Script, c Context) []Input {
		s.x, s.y = fn(c)
		return []Input{s.frame()}
	})
}
