package ui

import (
	"fmt"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/doc"
)

// MaxSession is the last treatment session: the work takes 2–4 sessions,
// usually 3, and the trainer's targets cover three (domain.md §1, §3).
const MaxSession = 3

// heal finishes the current session (Ctrl+H): its impressions heal, and
// the next session starts on top of them with its own density targets.
func (g *Game) heal() {
	n := g.doc.Number
	if n >= MaxSession {
		g.info("Session %d is the last: the work is finished (P previews it healed or aged)", n)
		return
	}
	g.doc.Do(&healCmd{g: g, from: n, startTick: g.startTick})
	g.changed()
	g.info("Session %d healed: its %d impressions show healed; session %d starts on top (targets: see the status line)", n, g.doc.Len(), n+1)
}

// healCmd moves the work to the next session; undo moves it back.
type healCmd struct {
	g    *Game
	from int
	// startTick is the session clock's start before the heal: the next
	// session's clock starts at 0 (impression times count from the start
	// of their session).
	startTick int
}

// Do implements doc.Command.
func (h *healCmd) Do(d *doc.Doc) {
	d.SetNumber(h.from + 1)
	h.g.startTick = h.g.tick
}

// Undo implements doc.Command.
func (h *healCmd) Undo(d *doc.Doc) {
	d.SetNumber(h.from)
	h.g.startTick = h.startTick
}

// Name implements doc.Command.
func (h *healCmd) Name() string { return fmt.Sprintf("heal session %d", h.from) }
