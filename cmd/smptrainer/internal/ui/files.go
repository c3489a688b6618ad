package ui

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/smptrainer/smp/sim/session"
)

// AppName is written into every session file the trainer saves.
const AppName = "smptrainer 0.1"

// session returns the document as a session file's contents. The
// impressions are copied, so the result may be written from another
// goroutine while the trainee carries on.
func (g *Game) session() *session.Session {
	d := g.doc
	return &session.Session{
		Template:    d.T.ID,
		Exercise:    d.Exercise,
		Trainee:     cmp.Or(d.Trainee, g.trainee),
		Number:      d.Number,
		Created:     d.Created,
		Saved:       g.cfg.Now(),
		Impressions: slices.Clone(d.Impressions()),
		App:         AppName,
		// The consultation is the doc's own value, never changed in
		// place, so the autosave goroutine may share it.
		Consultation: d.Consultation,
		Design:       d.Design,
	}
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
