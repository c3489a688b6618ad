package layer

import (
	"image"

	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/render"
	"github.com/smptrainer/smp/sim/scalp"
)

// StageOf is the stage impression im is shown at when the preview is st
// and the work is in treatment session number: dots of an earlier session
// have healed by the time the next one starts (domain.md §1: sessions are
// 7–30 days apart; §7: healing takes about a week), so under the fresh
// preview they show healed. The healed and aged previews apply to all.
func StageOf(im *impression.Impression, st appearance.Stage, number int) appearance.Stage {
	if st.Kind == appearance.KindFresh && im.Session < number {
		return appearance.Healed
	}
	return st
}

// DrawDots draws ims into dst as render.Dots does, each at StageOf its
// own session, keeping the placement order (runs of one stage are drawn
// together).
func DrawDots(dst *image.RGBA, t *scalp.Template, ims []impression.Impression, v render.View, st appearance.Stage, number int) {
	for i := 0; i < len(ims); {
		s := StageOf(&ims[i], st, number)
		j := i + 1
		for j < len(ims) && StageOf(&ims[j], st, number) == s {
			j++
		}
		render.Dots(dst, t, ims[i:j], v, s)
		i = j
	}
}

// dotsAt draws ims at the layer's stage and the document's session.
func (l *Layer) dotsAt(dst *image.RGBA, ims []impression.Impression, v render.View) {
	DrawDots(dst, l.d.T, ims, v, l.stage, l.d.Number)
}
