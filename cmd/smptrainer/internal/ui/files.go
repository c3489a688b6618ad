package ui

import (
	"cmp"
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
	g.push(&modalLayer{g: g, open: func() bool { return g.picker != nil }, update: g.updatePicker, draw: g.drawPicker})
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
