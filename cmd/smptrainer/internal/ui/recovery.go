package ui

// Autosave and recovery (issue 15). Every piece of work the trainer edits
// autosaves to a recovery file of its own (store.Work), a few seconds of
// wall time after a change. At start, and on Ctrl+R, the work other runs
// left unsaved (or this run put aside to open something else) is listed
// with its template, impression count and time; it stays until the
// trainee restores or discards it. A save removes only its own recovery.

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/store"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

// startRecovery claims this run's place in the recovery folder. Without
// one (no file system, an unwritable folder) the trainer works without
// autosave and says why.
func (g *Game) startRecovery() {
	r, err := store.StartRun(g.cfg.Now())
	if err != nil {
		if !errors.Is(err, store.ErrNoFiles) {
			g.error("Autosave is off: %v", err)
		}
		return
	}
	g.run = r
	store.RemoveStaleTempsOf(g.cfg.SessionPath, g.cfg.Now())
}

// Close lets a running autosave finish and releases the run's claim on
// the recovery folder; unsaved work stays there for the next start.
func (g *Game) Close() {
	g.cancelAutosave()
	g.run.Close()
	g.run = nil
}

// pollAutosave writes this work's recovery file once a change has waited
// cfg.Autosave, in the background, and collects the result of the last
// write. A failed autosave is reported; it never blocks work.
func (g *Game) pollAutosave() {
	if g.autosaving != nil {
		select {
		case err := <-g.autosaving:
			g.autosaving = nil
			if err != nil {
				g.error("Autosave failed: %v", err)
			}
		default:
			return
		}
	}
	if g.cfg.Autosave < 0 || g.dirtySince.IsZero() || g.work == nil || g.cfg.Now().Sub(g.dirtySince) < g.cfg.Autosave {
		return
	}
	g.dirtySince = time.Time{}
	if g.doc.StateID() == g.autosavedID {
		return
	}
	g.autosavedID = g.doc.StateID()
	w, target, s := g.work, g.savePath, g.session()
	ch := make(chan error, 1)
	g.autosaving = ch
	go func() { ch <- w.Save(target, s) }()
}

// changed notes an edit for autosave.
func (g *Game) changed() {
	if g.dirtySince.IsZero() {
		g.dirtySince = g.cfg.Now()
	}
}

// cancelAutosave waits for a running autosave and drops the pending one.
func (g *Game) cancelAutosave() {
	if g.autosaving != nil {
		if err := <-g.autosaving; err != nil {
			g.error("Autosave failed: %v", err)
		}
		g.autosaving = nil
	}
	g.dirtySince = time.Time{}
}

// switchTo replaces the document by calling open, first keeping unsaved
// work in its recovery file so that opening another file never loses it.
// It returns a sentence for the status message saying so, or "".
func (g *Game) switchTo(open func() error) (string, error) {
	keep := g.doc.Unsaved() && g.doc.Len() > 0
	g.cancelAutosave()
	if keep {
		if err := g.work.Save(g.savePath, g.session()); err != nil {
			return "", fmt.Errorf("(your unsaved work could not be kept, so nothing was opened: %v)", err)
		}
	}
	old := g.work
	if err := open(); err != nil {
		return "", err
	}
	if !keep {
		old.Remove() // nothing unsaved: an older autosave of it is stale
		return "", nil
	}
	return "; your unsaved work was kept: Ctrl+R brings it back", nil
}

// newSession starts empty work on the same exercise (or template).
func (g *Game) newSession() {
	ex, tpl := g.doc.Exercise, ""
	if ex == "" {
		tpl = g.doc.T.ID
	}
	kept, err := g.switchTo(func() error { return g.startExercise(ex, tpl) })
	if err != nil {
		g.error("Could not start new work: %v", err)
		return
	}
	g.info("New work on %s%s", g.doc.T.ID, kept)
}

// keptWork lists the recoveries on offer, reporting unreadable ones (they
// are put aside, never written over).
func (g *Game) keptWork() []store.Recovery {
	kept, errs := g.run.Kept(g.work)
	switch len(errs) {
	case 0:
	case 1:
		g.error("%v", errs[0])
	default:
		g.error("%d recovery files could not be read and were kept aside; the first: %v", len(errs), errs[0])
	}
	return kept
}

// offerRecovery lists, at start, the work earlier runs left unsaved,
// whatever the command line opened.
func (g *Game) offerRecovery() {
	if kept := g.keptWork(); len(kept) > 0 {
		g.showRecoveryList(kept)
	}
}

// showRecoveryList opens the list of kept work as a modal layer.
func (g *Game) showRecoveryList(kept []store.Recovery) {
	g.push(&recoveryList{g: g, items: kept})
}

// openRecovery is Ctrl+R: the one piece of kept work is restored at once;
// several are listed to choose from.
func (g *Game) openRecovery() {
	kept := g.keptWork()
	switch len(kept) {
	case 0:
		if g.msg == "" || !g.msgErr {
			g.info("Nothing to restore: no unsaved work is kept")
		}
	case 1:
		g.restore(kept[0])
	default:
		g.showRecoveryList(kept)
	}
}

// restore opens kept work as unsaved work. The work is autosaved into this
// run's own recovery before the old file is removed, so a crash at any
// moment leaves it in one of the two.
func (g *Game) restore(rec store.Recovery) {
	s, err := rec.Load()
	if err != nil {
		g.error("Could not restore %v", err)
		return
	}
	kept, err := g.switchTo(func() error { return g.adopt(s, rec.Target) })
	if err != nil {
		g.error("Could not restore %v", err)
		return
	}
	g.doc.MarkUnsaved()
	if err := g.work.Save(g.savePath, g.session()); err != nil {
		g.changed() // the next autosave tries again
		g.error("Restored %d impressions, but they could not be autosaved (%v): %s is kept; Ctrl+S saves them", g.doc.Len(), err, rec.Path)
		return
	}
	g.autosavedID = g.doc.StateID()
	if err := rec.Discard(); err != nil {
		g.error("Restored %d impressions; the old recovery file could not be removed: %v", g.doc.Len(), err)
		return
	}
	to := "a new file in the sessions folder"
	if rec.Target != "" {
		to = filepath.Base(rec.Target)
		if rec.TargetNewer {
			to += " (which was saved after this autosave: it would be replaced)"
		}
	}
	g.info("Restored %d impressions: Ctrl+S saves them to %s%s", g.doc.Len(), to, kept)
}

// discard removes kept work the trainee chose to drop.
func (g *Game) discard(rec store.Recovery) {
	if err := rec.Discard(); err != nil {
		g.error("Could not discard %s: %v", rec.Path, err)
		return
	}
	g.info("Discarded the kept work (%s)", describeKept(rec))
}

// recoveryList is the list of kept work (at start, or Ctrl+R with
// several), a modal scene over the chart.
type recoveryList struct {
	g     *Game
	items []store.Recovery
	sel   int
}

// describeKept is one kept piece of work in words.
func describeKept(r store.Recovery) string {
	file := "new work"
	if r.Target != "" {
		file = filepath.Base(r.Target)
		if r.TargetNewer {
			file += " (saved since)"
		}
	}
	return fmt.Sprintf("%d impressions on %s · %s · %s", r.Impressions, r.Template, r.Saved.Local().Format(time.DateTime), file)
}

// Update implements scene.Scene: Up/Down, Enter, Ctrl+R, a digit or a
// click restores; Delete discards the selected work; Escape closes the
// list, keeping everything for later.
func (l *recoveryList) Update(in *input.Input) {
	g := l.g
	take := func(i int, restore bool) {
		rec := l.items[i]
		l.items = append(l.items[:i:i], l.items[i+1:]...)
		l.sel = max(0, min(l.sel, len(l.items)-1))
		if len(l.items) == 0 || restore {
			g.scenes.Close(l)
		}
		if restore {
			g.restore(rec)
		} else {
			g.discard(rec)
		}
	}
	for _, k := range in.Keys {
		switch {
		case k == ebiten.KeyEscape:
			g.scenes.Close(l)
			g.info("The kept work stays: Ctrl+R lists it again")
			return
		case k == ebiten.KeyUp:
			l.sel = max(0, l.sel-1)
		case k == ebiten.KeyDown:
			l.sel = min(len(l.items)-1, l.sel+1)
		case k == ebiten.KeyEnter || k == ebiten.KeyNumpadEnter || (k == ebiten.KeyR && in.Ctrl):
			take(l.sel, true)
			return
		case k == ebiten.KeyDelete || k == ebiten.KeyBackspace:
			take(l.sel, false)
			return
		case k >= ebiten.KeyDigit1 && k <= ebiten.KeyDigit9:
			if i := int(k - ebiten.KeyDigit1); i < len(l.items) {
				take(i, true)
				return
			}
		}
	}
	x0, y0, rowH, w := g.recoveryListGeometry()
	i := int(math.Floor((in.Y - y0) / rowH))
	inside := in.X >= x0 && in.X < x0+w && in.Y >= y0 && i >= 0 && i < len(l.items)
	if inside && (in.X != g.lastX || in.Y != g.lastY) {
		l.sel = i
	}
	if in.Released[input.Left] && inside {
		take(i, true)
	}
}

// recoveryListGeometry returns the first row's top-left corner, the row
// height and the list's width.
func (g *Game) recoveryListGeometry() (x0, y0, rowH, w float64) {
	rowH = g.ui(15) * 1.8
	w = math.Min(float64(g.w)-g.ui(40), g.ui(720))
	x0 = (float64(g.w) - w) / 2
	y0 = g.ui(110)
	return
}

// Draw implements scene.Scene.
func (l *recoveryList) Draw(screen *ebiten.Image) {
	g := l.g
	x0, y0, rowH, w := g.recoveryListGeometry()
	pad := g.ui(10)
	top := y0 - rowH - pad
	h := rowH*float64(len(l.items)+1) + 2*pad + rowH
	fillRect(screen, float32(x0-pad), float32(top), float32(w+2*pad), float32(h), barColour)
	drawText(screen, "Unsaved work was kept (autosaved): restore it, or discard it", g.face, x0, top+pad, textColour)
	for i, r := range l.items {
		y := y0 + float64(i)*rowH
		if i == l.sel {
			fillRect(screen, float32(x0), float32(y), float32(w), float32(rowH), selColour)
		}
		n := fmt.Sprintf("%d", i+1)
		if i >= 9 {
			n = " "
		}
		drawText(screen, n+"  "+describeKept(r), g.face, x0+g.ui(6), y+(rowH-g.face.Size*1.2)/2, textColour)
	}
	drawText(screen, "Enter, 1–9 or click restores · Delete discards · Esc keeps it for later (Ctrl+R)", g.small,
		x0, y0+float64(len(l.items))*rowH+g.ui(8), dimColour)
}
