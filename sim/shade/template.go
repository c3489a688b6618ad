package shade

import (
	"fmt"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/palette"
	"github.com/smptrainer/smp/sim/scalp"
)

// Client is what the advice needs to know of a template: the skin, the
// hair colour and the density of the stubble the work is compared with.
type Client struct {
	Skin, Hair colorful.Color
	// PerCM2 is the reference stubble's density: the existing hair's
	// (area-weighted over its regions) where the template has hair, else
	// the middle of the session's target band over the treated zones
	// (domain.md §3).
	PerCM2 float64
}

// ClientOf reads t's skin and hair (the palette's measured target when the
// template names one by id, so no rounding to #rrggbb) and the reference
// density for session. An error names the template and the field.
func ClientOf(t *scalp.Template, session int) (Client, error) {
	var c Client
	skin, err := colour.Parse(t.Skin)
	if err != nil {
		return c, fmt.Errorf("template %s: skin: %w", t.ID, err)
	}
	c.Skin = skin.Clamped()
	c.Hair, err = colour.Parse(t.HairColour)
	if t.HairID != "" {
		var p *palette.Palette
		if p, err = palette.Default(); err == nil {
			var sw palette.Swatch
			sw, err = p.HairTarget(t.HairID)
			c.Hair = sw.Colour
		}
	}
	if err != nil {
		return c, fmt.Errorf("template %s: hair_colour: %w", t.ID, err)
	}
	var area, sum float64
	for _, h := range t.Hair {
		a := h.Polygon.AreaCM2()
		area, sum = area+a, sum+a*h.DensityPerCM2
	}
	if area == 0 {
		for _, z := range t.Zones {
			if z.Treated() {
				a := z.Polygon.AreaCM2()
				area, sum = area+a, sum+a*z.Target(session).Mid()
			}
		}
	}
	c.PerCM2 = DefaultPerCM2
	if area > 0 && sum > 0 {
		c.PerCM2 = sum / area
	}
	return c, nil
}

// AdviseTemplate ranks the palette for template t's client in session
// (ClientOf): the ranking the scorer's colour criterion agrees with, as it
// compares the work with the same client's stubble. A zero v.PerCM2 takes
// the client's stubble density.
func AdviseTemplate(t *scalp.Template, session int, v Viewing) ([]Option, Client, error) {
	c, err := ClientOf(t, session)
	if err != nil {
		return nil, c, err
	}
	if !(v.PerCM2 > 0) {
		v.PerCM2 = c.PerCM2
	}
	opts := AdviseFor(c.Skin, c.Hair, v)
	if len(opts) == 0 {
		return nil, c, fmt.Errorf("template %s: the embedded palette has no pigment to advise", t.ID)
	}
	return opts, c, nil
}
