package pattern

import (
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/score"
)

// grade grades ims on tp with the shared grader of the embedded template
// (score.Builtin), so the truth tests prepare each template once rather
// than on every grade; a template that is not the embedded one gets its
// own grader.
func grade(tp *scalp.Template, ims []impression.Impression, sessionNo int, w score.Weights) *score.Report {
	g, err := score.Builtin(tp.ID)
	if err != nil || g.Template() != tp {
		g = score.NewGrader(tp)
	}
	return g.Grade(ims, sessionNo, w)
}
