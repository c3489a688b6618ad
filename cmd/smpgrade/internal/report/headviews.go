package report

import (
	"bytes"
	"fmt"
	"image/png"

	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/render"
)

// Size of the front and side views of the model head, px.
const headW, headH = 360, 400

// headViews draws g's hairline design on the model head, front and side,
// with the instructor's reference dashed when the design is for a named
// client, and sets tv's pictures and caption.
func (b *builder) headViews(tv *trainee, prefix string, g *graded) error {
	m := g.mapping
	sc := render.HeadScene{Template: g.tmpl, Impressions: g.sess.Impressions, Stage: appearance.Healed,
		Face: m.Client.Face, Design: g.sess.Design}
	tv.HeadNote = "magenta: this design"
	if m.Client.ID != "" {
		ref := m.Client.Design()
		sc.Reference = &ref
		tv.HeadNote = fmt.Sprintf("magenta: this design; blue dashed: the instructor's for %s (%s)", m.Client.Name, m.Client.ID)
	}
	tv.HeadNote += "; a model head, not a likeness"
	for _, v := range []struct {
		side render.HeadSide
		dst  *string
	}{{render.Front, &tv.FrontImg}, {render.Side, &tv.SideImg}} {
		var buf bytes.Buffer
		if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, render.HeadPicture(sc, v.side, headW, headH)); err != nil {
			return fmt.Errorf("%s: %s view: %v", g.path, v.side, err)
		}
		src, err := b.writePNG(prefix+v.side.String()+".png", buf.Bytes())
		if err != nil {
			return err
		}
		*v.dst = src
	}
	return nil
}
