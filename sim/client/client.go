// Package client holds the virtual clients a trainee maps a hairline for:
// who they are (age, sex, skin, hair), which scalp template is their head
// and loss pattern, the proportions of their face, from which the mapping
// landmarks follow (glabella, brow line, lateral canthi, mid-pupil lines),
// their natural hairline where it can still be seen, and the instructor's
// reference design (domain-clients.md §4).
//
// Clients are data: one file per client in assets/clients/*.json,
// documented in assets/clients/README.md, loaded once, lazily (Lookup,
// All). The consultation side of a client (conditions, medicines) lives in
// separate case data that refers to these ids.
package client

import (
	"math"

	"github.com/smptrainer/smp/sim/design"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// Sex is the client's sex, which sets the hairline norms
// (domain-clients.md §4: women's lines are lower, rounder, with little or
// no recession).
type Sex string

// The sexes the mapping norms are published for.
const (
	Male   Sex = "male"
	Female Sex = "female"
)

// Client is one virtual client.
type Client struct {
	// ID is stable ("c01"); exercises, case data and session designs refer
	// to it.
	ID string `json:"id"`
	// Name is how the trainer addresses the client.
	Name string `json:"name"`
	// Age is in years.
	Age int `json:"age"`
	Sex Sex `json:"sex"`
	// Skin is a skin palette id ("monk:3"), Fitzpatrick the client's
	// Fitzpatrick type (1–6, a sun-reaction questionnaire, domain.md §7).
	Skin        string `json:"skin"`
	Fitzpatrick int    `json:"fitzpatrick"`
	// Hair is a hair palette id ("dark-brown"): the shaved hair colour.
	Hair string `json:"hair"`
	// Template is the id of the scalp template that is the client's head
	// and loss pattern.
	Template string `json:"template"`
	// Progressive says the loss is still advancing: the design must leave
	// room for it (domain-clients.md §4, future loss).
	Progressive bool `json:"progressive"`
	// Styles are the hairline styles that suit the client, as the
	// instructor judges them from age, loss and wishes; a design's
	// mid-frontal height is judged against their bands.
	Styles []design.Style `json:"styles"`
	// Wish is what the client says they want, in their words.
	Wish string `json:"wish"`
	// Face holds the face's proportions.
	Face Face `json:"face"`
	// Natural is the client's own hairline where it can still be seen
	// (old photos, fine hairs), or nil.
	Natural *Natural `json:"natural_hairline,omitempty"`
	// Reference is the instructor's design, as parameters.
	Reference Reference `json:"reference"`

	// template is the client's head, resolved on loading.
	template *scalp.Template
}

// Face is the face's proportions, in mm of skin. Model assumptions, in the
// ranges of adult faces; see assets/clients/README.md.
type Face struct {
	// CanthusMM is the lateral canthus's horizontal distance from the
	// midline, measured across the forehead: the canthus line's offset.
	CanthusMM float64 `json:"canthus_mm"`
	// MidPupilMM is half the interpupillary distance: where the hairline's
	// bell turns from convex to concave.
	MidPupilMM float64 `json:"mid_pupil_mm"`
	// EyeMM is how far the eyes sit below the brow line.
	EyeMM float64 `json:"eye_mm"`
	// NoseMM is the middle third of the face, glabella to the base of the
	// nose; ChinMM the lower third, base of the nose to the chin (rule of
	// thirds, domain-clients.md §4).
	NoseMM float64 `json:"nose_mm"`
	ChinMM float64 `json:"chin_mm"`
	// Creases is the number of horizontal forehead creases.
	Creases int `json:"creases"`
}

// Natural is the client's own hairline, as heights above the brow line in
// mm of skin (the face frame's V): at the mid-frontal point and at each
// frontotemporal corner, left and right being the client's.
type Natural struct {
	MFPMM      float64 `json:"mfp_mm"`
	FTPLeftMM  float64 `json:"ftp_left_mm"`
	FTPRightMM float64 `json:"ftp_right_mm"`
}

// Reference is the instructor's design as parameters (heights above the
// brow line, mm of skin); Design builds the points and the line.
type Reference struct {
	Style design.Style `json:"style"`
	// MFPMM is the mid-frontal point's height above the glabella.
	MFPMM float64 `json:"mfp_mm"`
	// FTPRiseMM is how much higher the frontotemporal points sit than the
	// mid-frontal point; they sit on the canthus lines.
	FTPRiseMM float64 `json:"ftp_rise_mm"`
	// TPMM is the temporal peaks' height above the brow line; TPOutMM how
	// far they sit outside the canthus lines.
	TPMM    float64 `json:"tp_mm"`
	TPOutMM float64 `json:"tp_out_mm"`
	// IrregularityMM is the amplitude of the line's macro-irregularity
	// (domain.md §5), seeded by Seed.
	IrregularityMM float64 `json:"irregularity_mm"`
	Seed           uint64  `json:"seed"`
}

// Head returns the client's scalp template.
func (c *Client) Head() *scalp.Template { return c.template }

// Landmarks returns the facial reference lines on the client's chart: the
// template's midline and brow line, and the glabella, canthus and
// mid-pupil lines from the client's own face.
func (c *Client) Landmarks() *scalp.Landmarks {
	t := c.template
	h := t.Head
	lm := &scalp.Landmarks{Glabella: h.FromFace(0, 0)}
	if t.Landmarks != nil {
		lm.Midline = append(geom.Polyline(nil), t.Landmarks.Midline...)
		lm.BrowLine = append(geom.Polyline(nil), t.Landmarks.BrowLine...)
	}
	top := c.Reference.MFPMM + c.Reference.FTPRiseMM + 15
	vertical := func(u float64) geom.Polyline {
		const steps = 100
		pl := make(geom.Polyline, 0, steps+1)
		for i := 0; i <= steps; i++ {
			pl = append(pl, h.FromFace(u, top*float64(i)/steps))
		}
		return pl
	}
	lm.CanthusLeft, lm.CanthusRight = vertical(-c.Face.CanthusMM), vertical(c.Face.CanthusMM)
	lm.MidPupilLeft, lm.MidPupilRight = vertical(-c.Face.MidPupilMM), vertical(c.Face.MidPupilMM)
	return lm
}

// Design builds the instructor's reference design on the client's chart.
func (c *Client) Design() design.Design {
	return c.Reference.Build(c.template.Head, c.Face, c.ID)
}

// Build makes a design from the parameters on head h for face f: the
// mid-frontal point on the midline, the frontotemporal points on the
// canthus lines FTPRiseMM higher, the temporal peaks below them, and a
// line through them whose front is a bell (a Gaussian rise whose
// inflection is at the mid-pupil line, as the templates' design lines are)
// with seeded macro-irregularity that tapers to nothing at the corners, so
// they stay symmetric. clientID is stored in the design.
func (r Reference) Build(h scalp.Head, f Face, clientID string) design.Design {
	c, sig := f.CanthusMM, f.MidPupilMM
	norm := 1 - math.Exp(-c*c/(2*sig*sig))
	// Three seeded undulations, 1.5–5 cm long (model, as build.go's).
	var waves [3]struct{ amp, k, ph float64 }
	s := r.Seed*2654435761 + 12345
	next := func() float64 { // a small LCG: the seed alone decides the line
		s = s*6364136223846793005 + 1442695040888963407
		return float64(s>>11) / (1 << 53)
	}
	var sum float64
	for i := range waves {
		waves[i].amp = 0.5 + next()
		waves[i].k = 2 * math.Pi / (15 + 35*next())
		waves[i].ph = 2 * math.Pi * next()
		sum += waves[i].amp
	}
	front := func(u float64) float64 {
		v := r.MFPMM + r.FTPRiseMM*(1-math.Exp(-u*u/(2*sig*sig)))/norm
		var n float64
		for _, w := range waves {
			n += w.amp * math.Sin(w.k*u+w.ph)
		}
		taper := 1 - (u/c)*(u/c)
		return v + r.IrregularityMM*n/sum*taper
	}
	// The irregularity must leave the mid-frontal point where it is.
	v0 := front(0) - r.MFPMM
	at := func(u float64) float64 { return front(u) - v0*(1-(u/c)*(u/c)) }
	ftpV := r.MFPMM + r.FTPRiseMM
	d := design.Design{
		MFP:      h.FromFace(0, r.MFPMM),
		FTPLeft:  h.FromFace(-c, ftpV),
		FTPRight: h.FromFace(c, ftpV),
		TPLeft:   h.FromFace(-(c + r.TPOutMM), r.TPMM),
		TPRight:  h.FromFace(c+r.TPOutMM, r.TPMM),
		Style:    r.Style,
		Client:   clientID,
	}
	lapL, lapR := h.FromFace(-sig, at(-sig)), h.FromFace(sig, at(sig))
	d.LAPLeft, d.LAPRight = &lapL, &lapR
	const temporal, frontal = 16, 120
	for i := 0; i < temporal; i++ { // left temporal peak up to the corner
		t := float64(i) / temporal
		d.Line = append(d.Line, h.FromFace(-(c+r.TPOutMM*(1-t)), r.TPMM+(ftpV-r.TPMM)*t))
	}
	for i := 0; i <= frontal; i++ {
		u := -c + 2*c*float64(i)/frontal
		d.Line = append(d.Line, h.FromFace(u, at(u)))
	}
	for i := temporal - 1; i >= 0; i-- {
		t := float64(i) / temporal
		d.Line = append(d.Line, h.FromFace(c+r.TPOutMM*(1-t), r.TPMM+(ftpV-r.TPMM)*t))
	}
	return d
}
