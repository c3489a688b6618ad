package scalp

// HairlineFull returns the full density, per cm², that a hairline's
// transition ramp rises to in session s (domain.md §5: 20–30% of the
// target at the edge, full 5–10 mm behind): the open-skin target of the
// treated frontal zones, that is their band's middle before it was lowered
// for existing hair standing in them (HairDeficit; Norwood II's thinning
// frontal hair), so the ramp is judged against the session's target and
// never against the hair. Without a treated frontal zone it is the middle
// of the densest treated transition zone's band; 0 when neither is treated.
func (t *Template) HairlineFull(s int) float64 {
	hairAt := map[string]float64{}
	for _, h := range t.Hair {
		hairAt[h.ID] = max(hairAt[h.ID], h.DensityPerCM2)
	}
	full, trans := 0.0, 0.0
	for i := range t.Zones {
		z := &t.Zones[i]
		b := z.Target(s)
		if !(b.Max > 0) {
			continue
		}
		switch z.Kind {
		case Frontal:
			if d := HairDeficit(hairAt[z.ID]); d > 0 {
				full = max(full, b.Mid()/d)
			}
		case Transition:
			trans = max(trans, b.Mid())
		}
	}
	if full > 0 {
		return full
	}
	return trans
}
