package client

import (
	"math"
	"strings"

	"github.com/smptrainer/smp/sim/design"
	"github.com/smptrainer/smp/sim/scalp"
)

// ForTemplate returns a client to grade a design by when the work names
// none: an anonymous adult on head template t, with the face the template
// was built with (its canthus and mid-pupil lines, measured back with the
// face frame), every style allowed, a woman on a Ludwig template and a man
// on the others (the patterns are sex-specific, domain.md §6), and a
// reference design at the template's own hairline height. Model
// assumption: without a client the norms of the sex are all there is to
// judge by. Its ID is empty, as no named client's is. t must be a head
// (t.Landmarks not nil).
func ForTemplate(t *scalp.Template) *Client {
	h := t.Head
	c := &Client{
		ID: "", Name: "the client on " + t.Name, Age: 40, Sex: Male, Skin: "monk:5", Fitzpatrick: 3,
		Hair: "dark-brown", Template: t.ID, Styles: append([]design.Style(nil), design.Styles...),
		template: t, // no Wish: nobody said anything
		Face:     Face{EyeMM: 17, NoseMM: 65, ChinMM: 68, Creases: 2},
	}
	if strings.Contains(strings.ToLower(t.Pattern), "ludwig") {
		c.Sex = Female
	}
	lm := t.Landmarks
	if lm != nil && len(lm.CanthusRight) > 0 && len(lm.MidPupilRight) > 0 {
		c.Face.CanthusMM, _ = h.Face(lm.CanthusRight[0])
		c.Face.MidPupilMM, _ = h.Face(lm.MidPupilRight[0])
	}
	mfp := typicalHeight(c.Sex)
	if len(t.DesignHairline) > 0 && lm != nil {
		// The design line's point nearest the midline.
		best := t.DesignHairline[0]
		for _, p := range t.DesignHairline {
			if math.Abs(p.X) < math.Abs(best.X) {
				best = p
			}
		}
		mfp = h.SurfaceDist(lm.Glabella, best)
	}
	c.Reference = Reference{Style: design.Mature, MFPMM: mfp, FTPRiseMM: 15, TPMM: 36, TPOutMM: 6, IrregularityMM: 1.5, Seed: 1}
	if c.Sex == Female {
		c.Reference.FTPRiseMM, c.Reference.TPMM, c.Reference.TPOutMM = 4, 30, 4
	}
	return c
}

// typicalHeight is a typical mid-frontal height for the sex, by tape: 8 cm for
// men, 6.3 cm for women (domain-clients.md §4 [86][96][97]).
func typicalHeight(s Sex) float64 {
	if s == Female {
		return 63
	}
	return 80
}
