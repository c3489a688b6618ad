package scalp

// headSpec is filled in by the parametric head model.
type headSpec struct{}

func buildHead(t *Template, p *fileParams, fe errorf) error {
	return fe("head", "the parametric head model is not implemented yet")
}
