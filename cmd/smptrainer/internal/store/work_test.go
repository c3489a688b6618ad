package store

import (
	"time"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/session"
)

// work is n impressions on square20, autosaved at saved.
func work(n int, saved time.Time) *session.Session {
	s := &session.Session{Template: "square20", Number: 1, Saved: saved}
	for i := range n {
		s.Impressions = append(s.Impressions, impression.New(geom.Point{X: float64(i), Y: 1}, impression.DefaultNeedle, 1, 0))
	}
	return s
}
