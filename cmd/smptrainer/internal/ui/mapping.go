package ui

// The hairline mapping scene (issue 11): the trainee designs the client's
// hairline as courses teach it with tape and skin marker
// (domain-clients.md §4). Click to mark the points in order (mid-frontal
// point, the client's left and right frontotemporal points, left and right
// temporal peaks); the line is then drawn through them and through two
// lateral anterior handles on the mid-pupil lines, and every point is a
// handle to drag. T switches to the tape, which reads the distance on the
// model head in cm; M mirrors the client's left side onto the right
// (Shift+M the right onto the left); G shows or hides the canthus and
// mid-pupil guides; V the front and side views of the design on the model
// head; K steps the style the design aims for (juvenile, mature,
// conservative). Ctrl+Z and Ctrl+Y undo and redo; Ctrl+S saves the design into the
// session file; Esc leaves, keeping the design in the work. The feedback
// is sim/mapping's, live.

import (
	"fmt"
	"image"
	"maps"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/design"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/mapping"
	"github.com/smptrainer/smp/sim/render"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/score"
)

// placeOrder is the order clicks mark the points in, by their design
// field names.
var placeOrder = []string{"mfp", "ftp_left", "ftp_right", "tp_left", "tp_right"}

// pointNames name the points in the scene's prompts.
var pointNames = map[string]string{
	"mfp": "mid-frontal point", "ftp_left": "client's left frontotemporal point", "ftp_right": "client's right frontotemporal point",
	"tp_left": "client's left temporal peak", "tp_right": "client's right temporal peak",
	"lap_left": "left lateral anterior handle", "lap_right": "right lateral anterior handle",
}

// grabPx is how near the pointer a handle must be to be dragged.
const grabPx = 10

// mapScene is the mapping of one client's hairline.
type mapScene struct {
	g  *Game
	c  *client.Client
	t  *scalp.Template
	lm *scalp.Landmarks

	pts        map[string]geom.Point
	undo, redo []map[string]geom.Point

	drag  string // the handle being dragged, or ""
	moved bool

	style design.Style // the style the trainee chose, "" for none

	tape         bool
	tapeA, tapeB geom.Point
	tapeShown    bool

	guides, views bool

	area image.Rectangle // the chart's part of the window, px
	v    render.View     // chart mm → px inside area
	bg   *ebiten.Image
	bgSz image.Point

	version, headsAt uint64
	heads            [2]*ebiten.Image

	crit *score.Criterion
	note string
}

// openMapping opens the mapping scene on the work's template, for the
// exercise's client, else the client the work's design names, else an
// anonymous client on the template.
func (g *Game) openMapping() {
	t := g.doc.T
	if t.Landmarks == nil {
		g.error("Hairline mapping needs a head template; %s has no face", t.ID)
		return
	}
	id := ""
	if g.ex != nil {
		id = g.ex.Client
	}
	if id == "" && g.doc.Design != nil {
		id = g.doc.Design.Client
	}
	c := client.ForTemplate(t)
	if id != "" {
		var err error
		if c, err = client.Lookup(id); err != nil {
			g.error("Cannot map: %v", err)
			return
		}
		if c.Template != t.ID {
			g.error("Client %s's head is %s, but the work is on %s", c.ID, c.Template, t.ID)
			return
		}
	}
	s := &mapScene{g: g, c: c, t: t, lm: c.Landmarks(), pts: map[string]geom.Point{}, guides: true, views: true}
	if d := g.doc.Design; d != nil {
		for _, p := range d.Points() {
			s.pts[p.Field] = p.P
		}
		s.style = d.Style
	}
	g.mapping = s
	s.changed()
	g.push(&modalLayer{g: g, open: func() bool { return g.mapping != nil },
		update: func(in *input.Input) { g.mapping.Update(in) }, draw: func(sc *ebiten.Image) { g.mapping.Draw(sc) }})
}

// MappingOpen reports whether the mapping scene is up (tests).
func (g *Game) MappingOpen() bool { return g.mapping != nil }

// MappingCriterion is the live mapping grade, or nil (tests).
func (g *Game) MappingCriterion() *score.Criterion {
	if g.mapping == nil {
		return nil
	}
	return g.mapping.crit
}

// MappingTape is the tape's last reading in mm, or 0 (tests).
func (g *Game) MappingTape() float64 {
	if s := g.mapping; s != nil && s.tapeShown {
		return s.t.Head.SurfaceDist(s.tapeA, s.tapeB)
	}
	return 0
}

// layout sizes the chart area (the left 58% of the window below the
// title) and its view, the front of the head from the brows to behind the
// hairline.
func (s *mapScene) layout() {
	g := s.g
	top := int(g.ui(40))
	s.area = image.Rect(0, top, int(float64(g.w)*0.58), g.h-int(g.ui(28)))
	glab := s.lm.Glabella
	r := geom.Rect{Min: geom.Pt(-80, glab.Y-6), Max: geom.Pt(80, glab.Y+150)}
	s.v = render.FitView(r, s.area.Dx(), s.area.Dy(), 8)
}

// toScreen maps a chart point to the window. The chart is shown upside
// down from the editor's (whose face is at the top): the brows at the
// bottom and the hairline above them, the client's right on the right, as
// the client's forehead looks in a mirror.
func (s *mapScene) toScreen(p geom.Point) (x, y float64) {
	s.layout()
	x, y = s.v.ToPx(p)
	return x + float64(s.area.Min.X), float64(s.area.Max.Y) - y
}

// toMM maps a window position to the chart.
func (s *mapScene) toMM(x, y float64) geom.Point {
	return s.v.ToMM(x-float64(s.area.Min.X), float64(s.area.Max.Y)-y)
}

// snapshot pushes the points on the undo stack before an edit.
func (s *mapScene) snapshot() {
	s.undo = append(s.undo, maps.Clone(s.pts))
	s.redo = nil
}

// Update implements scene.Scene.
func (s *mapScene) Update(in *input.Input) {
	s.layout()
	for _, k := range in.Keys {
		switch {
		case k == ebiten.KeyEscape:
			s.leave()
			return
		case k == ebiten.KeyS && in.Ctrl:
			s.save()
		case k == ebiten.KeyZ && in.Ctrl && in.Shift, k == ebiten.KeyY && in.Ctrl:
			s.redoEdit()
		case k == ebiten.KeyZ && in.Ctrl:
			s.undoEdit()
		case k == ebiten.KeyT:
			s.toggleTape()
		case k == ebiten.KeyM:
			s.mirror(!in.Shift)
		case k == ebiten.KeyG:
			s.guides = !s.guides
		case k == ebiten.KeyV:
			s.views = !s.views
		case k == ebiten.KeyK:
			s.cycleStyle()
		}
	}
	if s.drag == "" && pressButton(s.buttonBar(), in) {
		return
	}
	x, y := in.Cursor()
	inside := image.Pt(int(x), int(y)).In(s.area)
	p := s.toMM(x, y)
	switch {
	case s.tape:
		if in.Pressed[input.Left] && inside {
			s.tapeA, s.tapeB, s.tapeShown = p, p, true
		} else if in.Held[input.Left] && s.tapeShown {
			s.tapeB = p
		}
	case in.Pressed[input.Left] && inside:
		if h := s.handleAt(x, y); h != "" {
			s.snapshot()
			s.drag, s.moved = h, false
			return
		}
		for _, name := range placeOrder {
			if _, ok := s.pts[name]; !ok {
				s.snapshot()
				s.pts[name] = p
				s.changed()
				break
			}
		}
	case s.drag != "" && in.Held[input.Left]:
		if s.pts[s.drag] != p {
			s.pts[s.drag], s.moved = p, true
			s.changed()
		}
	}
	if s.drag != "" && in.Released[input.Left] {
		if !s.moved { // a click on a handle changed nothing
			s.undo = s.undo[:len(s.undo)-1]
		}
		s.drag = ""
		s.version++ // the views follow once the handle is let go
	}
}

// leave closes the scene (Esc).
func (s *mapScene) leave() { s.g.mapping = nil }

// save puts the design into the work and saves it (Ctrl+S).
func (s *mapScene) save() {
	s.commit()
	s.g.save()
}

// undoEdit takes the last edit of the points back (Ctrl+Z).
func (s *mapScene) undoEdit() {
	if n := len(s.undo); n > 0 {
		s.redo = append(s.redo, s.pts)
		s.pts, s.undo = s.undo[n-1], s.undo[:n-1]
		s.changed()
	}
}

// redoEdit makes the last undone edit again (Ctrl+Y).
func (s *mapScene) redoEdit() {
	if n := len(s.redo); n > 0 {
		s.undo = append(s.undo, s.pts)
		s.pts, s.redo = s.redo[n-1], s.redo[:n-1]
		s.changed()
	}
}

// toggleTape switches between marking and the tape (T).
func (s *mapScene) toggleTape() {
	s.tape = !s.tape
	s.note = map[bool]string{true: "Tape: drag from one point to another to read the distance on the head", false: "Marker: click to mark, drag a point to move it"}[s.tape]
}

// buttons are the scene's keys as buttons, in the order of its hint.
func (s *mapScene) buttons() []footButton {
	tape := "Tape (T)"
	if s.tape {
		tape = "Marker (T)"
	}
	return []footButton{
		{label: "Undo (Ctrl+Z)", act: s.undoEdit},
		{label: "Redo (Ctrl+Y)", act: s.redoEdit},
		{label: tape, act: s.toggleTape},
		{label: "Mirror left→right (M)", act: func() { s.mirror(true) }},
		{label: "Guides (G)", act: func() { s.guides = !s.guides }},
		{label: "Views (V)", act: func() { s.views = !s.views }},
		{label: "Style (K)", act: s.cycleStyle},
		{label: "Save (Ctrl+S)", act: s.save},
		{label: "Leave (Esc)", act: s.leave},
	}
}

// buttonBar returns the buttons placed at the foot of the right panel,
// above the keys' hint.
func (s *mapScene) buttonBar() []footButton {
	g := s.g
	s.layout()
	pad := g.ui(12)
	x0 := float64(s.area.Max.X) + pad
	w := float64(g.w) - x0 - pad
	return g.placeButtonsAbove(s.buttons(), x0, float64(g.h)-pad-g.small.Size*1.45-g.ui(6), w)
}

// handleAt returns the handle under the pointer, or "".
func (s *mapScene) handleAt(x, y float64) string {
	best, bd := "", float64(grabPx*grabPx)
	for name, p := range s.pts {
		px, py := s.toScreen(p)
		if d := (px-x)*(px-x) + (py-y)*(py-y); d <= bd {
			best, bd = name, d
		}
	}
	return best
}

// mirror reflects one side's points across the midline onto the other:
// the client's left onto the right, or the reverse.
func (s *mapScene) mirror(leftToRight bool) {
	from, to := "_left", "_right"
	if !leftToRight {
		from, to = to, from
	}
	h := s.t.Head
	changed := false
	for _, base := range []string{"ftp", "tp", "lap"} {
		p, ok := s.pts[base+from]
		if !ok {
			continue
		}
		if !changed {
			s.snapshot()
			changed = true
		}
		u, v := h.Face(p)
		s.pts[base+to] = h.FromFace(-u, v)
	}
	if changed {
		s.note = "Mirrored across the midline"
		s.changed()
	}
}

// cycleStyle steps the chosen style: none, juvenile, mature,
// conservative, none.
func (s *mapScene) cycleStyle() {
	next := design.Styles[0]
	for i, st := range design.Styles {
		if st == s.style {
			next = ""
			if i+1 < len(design.Styles) {
				next = design.Styles[i+1]
			}
		}
	}
	s.style = next
	s.note = "Style: " + string(next)
	if next == "" {
		s.note = "Style: not said"
	}
	s.changed()
}

// complete reports whether every point of placeOrder is marked.
func (s *mapScene) complete() bool {
	for _, n := range placeOrder {
		if _, ok := s.pts[n]; !ok {
			return false
		}
	}
	return true
}

// design returns the design the points make, and whether they make one:
// the lateral anterior handles are added on the mid-pupil lines, 40% of
// the way from the mid-frontal height to the corners', when missing.
func (s *mapScene) design() (design.Design, bool) {
	if !s.complete() {
		return design.Design{}, false
	}
	h := s.t.Head
	_, vm := h.Face(s.pts["mfp"])
	for _, side := range []struct {
		name string
		sign float64
	}{{"left", -1}, {"right", 1}} {
		if _, ok := s.pts["lap_"+side.name]; !ok {
			_, vf := h.Face(s.pts["ftp_"+side.name])
			s.pts["lap_"+side.name] = h.FromFace(side.sign*s.c.Face.MidPupilMM, vm+0.4*(vf-vm))
		}
	}
	l, r := s.pts["lap_left"], s.pts["lap_right"]
	d := design.Design{
		MFP: s.pts["mfp"], FTPLeft: s.pts["ftp_left"], FTPRight: s.pts["ftp_right"],
		TPLeft: s.pts["tp_left"], TPRight: s.pts["tp_right"], LAPLeft: &l, LAPRight: &r, Client: s.c.ID, Style: s.style,
	}
	d.Line = design.Smooth([]geom.Point{d.TPLeft, d.FTPLeft, l, d.MFP, r, d.FTPRight, d.TPRight}, 16)
	return d, true
}

// changed regrades after an edit and hands a valid design to the work.
func (s *mapScene) changed() {
	s.version++
	s.crit = nil
	d, ok := s.design()
	if !ok {
		return
	}
	if f, p := d.Check(s.t); f != "" {
		s.note = fmt.Sprintf("Not a design yet: %s: %s", f, p)
		return
	}
	c := mapping.Grade(s.c, &d)
	s.crit = &c
	s.commit()
}

// commit puts the current design, when valid, into the work.
func (s *mapScene) commit() {
	d, ok := s.design()
	if !ok {
		return
	}
	if f, _ := d.Check(s.t); f == "" {
		s.g.doc.Design = &d
	}
}

// prompt says what the next click does.
func (s *mapScene) prompt() string {
	if s.tape {
		return "Tape: drag to measure on the head"
	}
	for _, n := range placeOrder {
		if _, ok := s.pts[n]; !ok {
			return "Click to mark the " + pointNames[n]
		}
	}
	return "Drag any point or handle to bend the line"
}

// headViews returns the front and side views of the current design,
// redrawn when the design has changed and no handle is held.
func (s *mapScene) headViews(w, h int) [2]*ebiten.Image {
	if s.headsAt == s.version && s.heads[0] != nil && s.heads[0].Bounds().Dx() == w {
		return s.heads
	}
	if s.drag != "" {
		return s.heads
	}
	d, ok := s.design()
	sc := render.HeadScene{Template: s.t, Face: s.c.Face, Stage: appearance.Healed, Impressions: s.g.doc.Impressions()}
	if ok {
		sc.Template = s.t.WithDesign(d.Line, s.lm)
		sc.Design = &d
	} else {
		for _, n := range placeOrder {
			if q, marked := s.pts[n]; marked {
				sc.Marks = append(sc.Marks, q)
			}
		}
	}
	for i, side := range []render.HeadSide{render.Front, render.Side} {
		if s.heads[i] != nil {
			s.heads[i].Deallocate()
		}
		s.heads[i] = ebiten.NewImageFromImage(render.HeadPicture(sc, side, w, h))
	}
	s.headsAt = s.version
	return s.heads
}

// heightText is the mid-frontal point's height by tape, or "".
func (s *mapScene) heightText() string {
	p, ok := s.pts["mfp"]
	if !ok {
		return ""
	}
	return fmt.Sprintf("Mid-frontal point: %.1f cm above the glabella by tape (four fingers ≈ 8 cm)", s.t.Head.SurfaceDist(s.lm.Glabella, p)/10)
}

// clientText introduces the client: who, the styles that suit them and
// what they asked for. Without a named client (client.ForTemplate) it
// says the design is judged by the norms of the sex alone.
func (s *mapScene) clientText() string {
	c := s.c
	who := fmt.Sprintf("%s, %d, %s, %s", c.Name, c.Age, c.Sex, s.t.Name)
	if c.ID == "" {
		noun := "man"
		if c.Sex == client.Female {
			noun = "woman"
		}
		who = fmt.Sprintf("No client chosen: a %s of %d on %s, judged by the norms for a %s", noun, c.Age, s.t.Name, noun)
	}
	if c.Progressive {
		who += ", loss progressing"
	}
	var st []string
	for _, x := range c.Styles {
		st = append(st, string(x))
	}
	out := who + " · suits: " + strings.Join(st, ", ")
	if c.Wish != "" {
		out += " · “" + c.Wish + "”"
	}
	return out
}
