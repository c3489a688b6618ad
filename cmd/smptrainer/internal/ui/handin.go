package ui

import (
	"cmp"
	"context"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/handin"
)

// handinOutcome is what a hand-in under way reports back to the game loop.
type handinOutcome struct {
	receipt handin.Receipt
	err     error
}

// handIn sends the work as it is now to the class server, in the
// background: the window stays live, and pollHandin shows the answer.
// The work is not saved or changed by it.
func (g *Game) handIn() {
	switch {
	case g.cfg.ClassURL == "":
		g.error("No class server: start the trainer with -class URL -code CODE (your instructor has them)")
		return
	case g.handins != nil:
		g.info("Handing in… (the last hand-in has not been answered yet)")
		return
	}
	who := cmp.Or(g.doc.Trainee, g.trainee)
	if who == "" {
		g.error("Hand-in needs your name: set it with Ctrl+, first")
		return
	}
	s := g.session()
	class := handin.Class{URL: g.cfg.ClassURL, Code: g.cfg.ClassCode}
	done := make(chan handinOutcome, 1)
	g.handins = done
	go func() {
		r, err := class.Send(context.Background(), who, s)
		done <- handinOutcome{r, err}
	}()
	g.info("Handing in %s to %s…", plural(len(s.Impressions), "impression"), g.cfg.ClassURL)
}

// pollHandin shows a finished hand-in's answer, once per tick at most.
func (g *Game) pollHandin() {
	if g.handins == nil {
		return
	}
	select {
	case o := <-g.handins:
		g.handins = nil
		switch {
		case o.err != nil:
			g.error("%v (the work is still here)", o.err)
		case o.receipt.Already:
			g.info("Already handed in (attempt %d, overall %.1f)", o.receipt.ID, o.receipt.Overall)
		default:
			g.info("Handed in: attempt %d, overall %.1f", o.receipt.ID, o.receipt.Overall)
		}
	default:
	}
}
