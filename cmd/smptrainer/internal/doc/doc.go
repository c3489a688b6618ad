// Package doc is the trainer's document: the impressions placed on one
// template, an unlimited undo/redo command stack, a spatial index for
// redrawing a neighbourhood, and the per-zone counts the status line shows.
//
// Every change goes through a Command, and every change to the impression
// list is reported to the Listener, so the cached picture can redraw just
// the pixels it touched.
package doc

import (
	"github.com/smptrainer/smp/sim/consult"
	"github.com/smptrainer/smp/sim/design"
	"time"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// ChangeKind says what happened to the impression list.
type ChangeKind int

// The change kinds.
const (
	// Added: Index is the new impression, always the last.
	Added ChangeKind = iota
	// Removed: the impression Im at Index was removed (the last one, or
	// any one when erasing: see RemoveAt).
	Removed
	// Reset: the whole list was replaced.
	Reset
	// Inserted: Im was put back at Index, not necessarily the last
	// (undoing an erase: see InsertAt).
	Inserted
)

// Change describes one change to the impression list.
type Change struct {
	Kind ChangeKind
	// Index is the impression's place in the list (Added, Removed).
	Index int
	// Im is the impression added or removed.
	Im impression.Impression
}

// Listener is told about each change after it is made.
type Listener func(Change)

// Command is one undoable edit.
type Command interface {
	// Do applies the edit; it is also how a redo applies it again.
	Do(d *Doc)
	// Undo reverts exactly what Do did.
	Undo(d *Doc)
	// Name is shown in the status line ("placed 1RL 0.25").
	Name() string
}

// Doc is the work on one template.
type Doc struct {
	// T is the template the work is on.
	T *scalp.Template
	// Exercise is the exercise id, or "" for free practice.
	Exercise string
	// Number is the treatment session, 1–3.
	Number int
	// Trainee is carried through from an opened file.
	Trainee string
	// Created is when the work began.
	Created time.Time
	// Consultation is the consultation that led to the work (or that is
	// the work, for a client who was not treated), carried into the
	// session file; nil when there was none.
	Consultation *consult.Consultation
	// Design is the trainee's hairline design (the mapping scene's work),
	// carried into the session file; nil when there is none. It is
	// replaced, never changed in place, so a save may share it.
	Design *design.Design

	ims    []impression.Impression
	zoneOf []int32 // index into T.Zones, or -1
	counts []int   // impressions per zone
	// treated counts impressions in zones that take impressions.
	treated int
	grid    *grid

	undo, redo []entry
	nextID     uint64
	savedID    uint64

	listeners []Listener
}

// entry is a command on a stack with the id of the state it leads to.
type entry struct {
	cmd Command
	id  uint64 // state id after Do
}

// New returns an empty document on template t.
func New(t *scalp.Template, exercise string, number int, created time.Time) *Doc {
	d := &Doc{T: t, Exercise: exercise, Number: number, Created: created}
	d.SetImpressions(nil)
	return d
}

// Listen adds a listener for changes to the impression list.
func (d *Doc) Listen(l Listener) { d.listeners = append(d.listeners, l) }

func (d *Doc) notify(c Change) {
	for _, l := range d.listeners {
		l(c)
	}
}

// SetImpressions replaces the impression list (opening a file) and clears
// the undo history; the new state counts as saved.
func (d *Doc) SetImpressions(ims []impression.Impression) {
	d.ims = append([]impression.Impression(nil), ims...)
	d.counts = make([]int, len(d.T.Zones))
	d.treated = 0
	d.zoneOf = d.zoneOf[:0]
	for _, im := range d.ims {
		d.zoneOf = append(d.zoneOf, d.count(im.Pos, +1))
	}
	d.grid = newGrid(d.T.Bounds(), d.ims)
	d.undo, d.redo = nil, nil
	d.savedID = d.StateID()
	d.notify(Change{Kind: Reset})
}

// count finds p's zone and adds delta to its count; it returns the zone
// index or -1.
func (d *Doc) count(p geom.Point, delta int) int32 {
	for i := range d.T.Zones {
		if d.T.Zones[i].Polygon.Contains(p) {
			d.counts[i] += delta
			if d.T.Zones[i].Treated() {
				d.treated += delta
			}
			return int32(i)
		}
	}
	return -1
}

// Impressions returns the impressions in placement order. The slice is the
// document's own: do not modify it.
func (d *Doc) Impressions() []impression.Impression { return d.ims }

// Len returns the number of impressions.
func (d *Doc) Len() int { return len(d.ims) }

// Append adds im at the end of the list. Commands call it; use Do to make
// an undoable edit.
func (d *Doc) Append(im impression.Impression) {
	d.ims = append(d.ims, im)
	d.zoneOf = append(d.zoneOf, d.count(im.Pos, +1))
	d.grid.add(len(d.ims)-1, im.Pos)
	d.notify(Change{Kind: Added, Index: len(d.ims) - 1, Im: im})
}

// RemoveLast removes and returns the last impression. Commands call it.
func (d *Doc) RemoveLast() impression.Impression {
	i := len(d.ims) - 1
	im := d.ims[i]
	if z := d.zoneOf[i]; z >= 0 {
		d.counts[z]--
		if d.T.Zones[z].Treated() {
			d.treated--
		}
	}
	d.grid.remove(i, im.Pos)
	d.ims = d.ims[:i]
	d.zoneOf = d.zoneOf[:i]
	d.notify(Change{Kind: Removed, Index: i, Im: im})
	return im
}

// Do applies cmd and pushes it on the undo stack; the redo stack is
// cleared, as in every editor.
func (d *Doc) Do(cmd Command) {
	cmd.Do(d)
	d.nextID++
	d.undo = append(d.undo, entry{cmd, d.nextID})
	d.redo = d.redo[:0]
}

// Undo reverts the last command; it returns it, or nil when there is
// nothing to undo.
func (d *Doc) Undo() Command {
	if len(d.undo) == 0 {
		return nil
	}
	e := d.undo[len(d.undo)-1]
	d.undo = d.undo[:len(d.undo)-1]
	e.cmd.Undo(d)
	d.redo = append(d.redo, e)
	return e.cmd
}

// Redo applies the last undone command again; it returns it, or nil.
func (d *Doc) Redo() Command {
	if len(d.redo) == 0 {
		return nil
	}
	e := d.redo[len(d.redo)-1]
	d.redo = d.redo[:len(d.redo)-1]
	e.cmd.Do(d)
	d.undo = append(d.undo, e)
	return e.cmd
}

// CanUndo and CanRedo report whether the stacks hold anything.
func (d *Doc) CanUndo() bool { return len(d.undo) > 0 }

// CanRedo reports whether there is an undone command to redo.
func (d *Doc) CanRedo() bool { return len(d.redo) > 0 }

// StateID identifies the current state in the history: undoing back to a
// state gives back its id, so "unsaved" is exact across undo and redo.
func (d *Doc) StateID() uint64 {
	if len(d.undo) == 0 {
		return 0
	}
	return d.undo[len(d.undo)-1].id
}

// MarkSaved records the current state as the one on disk.
func (d *Doc) MarkSaved() { d.savedID = d.StateID() }

// MarkUnsaved records that the current state is on no disk (restored
// from a recovery file).
func (d *Doc) MarkUnsaved() { d.savedID = ^uint64(0) }

// Unsaved reports whether the state differs from the last save or open.
func (d *Doc) Unsaved() bool { return d.StateID() != d.savedID }

// ZoneIndexAt returns the index in T.Zones of the zone under p, or -1.
func (d *Doc) ZoneIndexAt(p geom.Point) int {
	for i := range d.T.Zones {
		if d.T.Zones[i].Polygon.Contains(p) {
			return i
		}
	}
	return -1
}

// ZoneCount returns the number of impressions in zone i.
func (d *Doc) ZoneCount(i int) int { return d.counts[i] }

// ZoneDensity returns zone i's impressions per cm².
func (d *Doc) ZoneDensity(i int) float64 {
	a := d.T.Zones[i].Polygon.AreaCM2()
	if a <= 0 {
		return 0
	}
	return float64(d.counts[i]) / a
}

// Treated returns the number of impressions in zones that take them, and
// their density over the whole treated area in impressions per cm².
func (d *Doc) Treated() (n int, perCM2 float64) {
	a := d.T.TreatedAreaCM2()
	if a <= 0 {
		return d.treated, 0
	}
	return d.treated, float64(d.treated) / a
}

// Query calls fn with the index of every impression whose centre lies in r,
// in no particular order.
func (d *Doc) Query(r geom.Rect, fn func(i int)) { d.grid.query(d.ims, r, fn) }

// Place is the command that places one impression.
type Place struct {
	// Im is the impression to place.
	Im impression.Impression
}

// Do implements Command.
func (p Place) Do(d *Doc) { d.Append(p.Im) }

// Undo implements Command.
func (p Place) Undo(d *Doc) { d.RemoveLast() }

// Name implements Command.
func (p Place) Name() string { return "place " + p.Im.Needle.String() }
