package ui

import (
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/store"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
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
		Trainee:     d.Trainee,
		Number:      d.Number,
		Created:     d.Created,
		Saved:       g.cfg.Now(),
		Impressions: slices.Clone(d.Impressions()),
		App:         AppName,
	}
}

// pollAutosave writes the recovery file once a change has waited
// AutosaveTicks, in the background, and collects the result of the last
// write. A failed autosave is reported once; it never blocks work.
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
	if g.cfg.AutosaveTicks < 0 || g.dirtySince < 0 || g.tick-g.dirtySince < g.cfg.AutosaveTicks {
		return
	}
	g.dirtySince = -1
	if g.doc.StateID() == g.autosavedID {
		return
	}
	if _, err := store.DataDir(); err != nil {
		return // no file system (browser): nothing to autosave to
	}
	g.autosavedID = g.doc.StateID()
	s := g.session()
	ch := make(chan error, 1)
	g.autosaving = ch
	go func() { ch <- store.SaveRecovery(s) }()
}

// switchTo replaces the document by calling open, first keeping unsaved
// work in the recovery file so that opening another file never loses it.
// It returns a sentence for the status message saying so, or "".
func (g *Game) switchTo(open func() error) (string, error) {
	keep := g.doc.Unsaved() && g.doc.Len() > 0
	if keep {
		g.cancelAutosave()
		if err := store.SaveRecovery(g.session()); err != nil {
			return "", fmt.Errorf("(your unsaved work could not be kept, so nothing was opened: %v)", err)
		}
	}
	if err := open(); err != nil {
		return "", err
	}
	if keep {
		g.recovery = true
		return "; your unsaved work was kept: Ctrl+R brings it back", nil
	}
	return "", nil
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

// cancelAutosave waits for a running autosave and stops further ones.
func (g *Game) cancelAutosave() {
	if g.autosaving != nil {
		<-g.autosaving
		g.autosaving = nil
	}
	g.dirtySince = -1
}

// offerRecovery looks for work the last run autosaved but never saved,
// and offers to restore it.
func (g *Game) offerRecovery() {
	s, err := store.LoadRecovery()
	if err != nil || s == nil || len(s.Impressions) == 0 {
		return // none, or unreadable: nothing worth offering
	}
	g.recovery = true
	g.msg, g.msgErr, g.msgUntil = fmt.Sprintf("Unsaved work from the last run was kept (%d impressions on %s, %s): press Ctrl+R to restore it",
		len(s.Impressions), s.Template, s.Saved.Local().Format(time.DateTime)), false, g.tick+30*TPS
}

// restoreRecovery opens the autosaved work as unsaved work.
func (g *Game) restoreRecovery() {
	if !g.recovery {
		g.info("Nothing to restore")
		return
	}
	s, err := store.LoadRecovery()
	if s == nil && err == nil {
		g.recovery = false
		g.info("Nothing to restore")
		return
	}
	if err != nil {
		g.error("Could not restore %v", err)
		return
	}
	g.recovery = false
	kept, err := g.switchTo(func() error { return g.adopt(s, "") })
	if err != nil {
		g.error("Could not restore %v", err)
		return
	}
	g.doc.MarkUnsaved()
	g.changed()
	g.info("Restored %d impressions: Ctrl+S saves them%s", g.doc.Len(), kept)
}

// pickerRows is how many recent files the Open list shows.
const pickerRows = 9

// picker is the Open list: the newest session files, one per row.
type picker struct {
	dir     string
	entries []store.Entry
	sel     int
}

// openPicker shows the Open list, or says why it cannot.
func (g *Game) openPicker() {
	dir, err := store.SessionsDir()
	if err != nil {
		g.error("Cannot open files: %v", err)
		return
	}
	es, err := store.Recent(dir, pickerRows)
	if err != nil {
		g.error("Cannot list %s: %v", dir, err)
		return
	}
	if len(es) == 0 {
		g.info("No saved sessions in %s yet (you can also drop a file on the window)", dir)
		return
	}
	g.picker = &picker{dir: dir, entries: es}
}

// updatePicker handles input while the Open list is up: Up/Down and Enter,
// a digit, or a click on a row; Escape or a click outside closes it.
func (g *Game) updatePicker(in *input.Input) {
	p := g.picker
	for _, k := range in.Keys {
		switch {
		case k == ebiten.KeyEscape:
			g.picker = nil
			return
		case k == ebiten.KeyUp:
			p.sel = max(0, p.sel-1)
		case k == ebiten.KeyDown:
			p.sel = min(len(p.entries)-1, p.sel+1)
		case k == ebiten.KeyEnter || k == ebiten.KeyNumpadEnter || (k == ebiten.KeyO && in.Ctrl):
			g.pick(p.sel)
			return
		case k >= ebiten.KeyDigit1 && k <= ebiten.KeyDigit9:
			if i := int(k - ebiten.KeyDigit1); i < len(p.entries) {
				g.pick(i)
				return
			}
		}
	}
	if in.Released[input.Left] {
		x0, y0, rowH, w := g.pickerGeometry()
		i := int((in.Y - y0) / rowH)
		if in.X >= x0 && in.X < x0+w && in.Y >= y0 && i >= 0 && i < len(p.entries) {
			g.pick(i)
		} else {
			g.picker = nil
		}
		return
	}
	if in.X != g.lastX || in.Y != g.lastY {
		x0, y0, rowH, w := g.pickerGeometry()
		i := int((in.Y - y0) / rowH)
		if in.X >= x0 && in.X < x0+w && in.Y >= y0 && i >= 0 && i < len(p.entries) {
			p.sel = i
		}
	}
}

func (g *Game) pick(i int) {
	path := g.picker.entries[i].Path
	g.picker = nil
	g.openPath(path)
}

// describeEntry is one row of the Open list.
func describeEntry(i int, e store.Entry) string {
	return fmt.Sprintf("%d  %s   %s   %s", i+1, filepath.Base(e.Path), e.ModTime.Format(time.DateTime), humanSize(e.Size))
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
