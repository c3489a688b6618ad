package ui

// The shade panel (issue 3, "In the trainer"): the client's skin and hair
// target, and every pigment × dilution of the palette rendered on that
// skin at the current preview stage, ranked by how close the healed dot
// reads to the hair target. Picking a swatch sets the ink (pigment and
// dilution) of the next impressions.

import (
	"bytes"
	"fmt"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"image/color"
	"io/fs"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/assets"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/palette"
	"github.com/smptrainer/smp/sim/shade"
	"github.com/smptrainer/smp/sim/viewer"
)

// panelState is everything the shade and score panels and the canvas
// overlays keep (shadepanel.go, scorepanel.go, overlays.go).
type panelState struct {
	// pigment and dilution are the ink of the next impressions; an empty
	// pigment means the defaults (impression.DefaultPigment and
	// DefaultDilution).
	pigment  string
	dilution float64

	shadeOpen bool
	shade     shadeCache
	// shadeArea is where the shade panel may go (scene.Panel.Layout);
	// shadeScroll scrolls its content when even the shortest tiles do
	// not fit (a small window at a large UI size).
	shadeArea   scene.Rect
	shadeScroll scene.Scroller

	score   scoreState
	heat    heatState
	expert  expertState
	markers bool // G: gap and merging-dot markers
	// split (V) and grid (R): split.go, ruler.go.
	split splitState
	grid  gridState
	// distance (O): the view from a distance, distance.go.
	distance distanceState
	// seen: the shade panel's patches seen from afar, shadepatch.go.
	seen seenPatches

	// Faces the panels draw with, made once from the embedded fonts.
	bold, big, tiny *text.GoTextFace
	disc            *ebiten.Image // white anti-aliased disc for swatch dots
	// markerImgs are the canvas markers' pre-rasterised shapes at the
	// current size (overlays.go's markerImage).
	markerImgs map[markerKey]*ebiten.Image
}

// box is a screen rectangle in device pixels.
type box struct{ x, y, w, h float64 }

func (b box) contains(x, y float64) bool {
	return x >= b.x && x < b.x+b.w && y >= b.y && y < b.y+b.h
}

// Ink returns the pigment and dilution the next impression gets: the
// trainee's choice, or until there is one the shade advisor's first pick
// for this client with the current needle (the panel's rank 1, the mix
// the colour criterion agrees with), so a newcomer who never opens the
// shade panel starts with the right ink. The pick is judged from the
// scorer's distance (viewer.DefaultDistanceM) even while the view from a
// distance re-ranks the panel, so toggling O never changes the ink.
// Without a skin and hair target
// it is the palette's default.
func (g *Game) Ink() (pigment string, dilution float64) {
	if g.panels.pigment != "" {
		return g.panels.pigment, g.panels.dilution
	}
	if b := g.panels.shade.best; b.PigmentID != "" {
		return b.PigmentID, b.Dilution
	}
	return impression.DefaultPigment, impression.DefaultDilution
}

// applyInk gives im the current ink. Every impression the trainer creates
// goes through it, so the shade panel's choice reaches the saved file.
func (g *Game) applyInk(im *impression.Impression) {
	g.shadeContent() // the default follows a needle changed this tick
	im.Pigment, im.Dilution = g.Ink()
}

// setInk chooses the ink of the next impressions and says so.
func (g *Game) setInk(pigment string, dilution float64) {
	g.panels.pigment, g.panels.dilution = pigment, dilution
	msg := fmt.Sprintf("Ink %s for the next impressions", inkName(pigment, dilution))
	if sw := g.shadeSwatch(pigment, dilution); sw != nil {
		msg += fmt.Sprintf(" (rank %d of %d; %s)", sw.rank+1, len(g.panels.shade.swatches), seenWords(&sw.opt))
	}
	g.info("%s", msg)
}

// inkName is a pigment and dilution as people say it: "Carbon black 1:20".
func inkName(pigment string, dilution float64) string {
	name := pigment
	if pal, err := palette.Default(); err == nil {
		if pg, err := pal.Pigment(pigment); err == nil {
			name = pg.Name
		}
	}
	return shortPigment(name) + " " + palette.DilutionLabel(dilution)
}

// inkStatus is the status line's ink part.
func (g *Game) inkStatus() string {
	return "   ink " + inkName(g.Ink())
}

// shortPigment trims a palette name for the small swatch labels:
// "SMP warm dark grey (ready-mixed)" → "Warm dark grey".
func shortPigment(name string) string {
	name = strings.TrimSuffix(name, " (ready-mixed)")
	name = strings.TrimPrefix(name, "SMP ")
	if name == "" {
		return name
	}
	r := []rune(name)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// swatch is one pigment × dilution judged for the client.
type swatch struct {
	opt shade.Option
	// rank is the place in shade.Advise's order (0 = best healed match).
	rank int
	// look is the dot on the skin at the current preview stage, and
	// stageDE its ΔE00 to the hair target as shaved on the same skin
	// (appearance.HairOnSkin: the dot and the hair through one optics).
	look    colorful.Color
	stageDE float64
	pigment palette.Pigment
}

// shadeCache is the panel's content for one client and preview.
type shadeCache struct {
	key                string
	skin, hair         colorful.Color
	perCM2             float64 // the client's stubble density the advice compares at
	skinName, hairName string
	swatches           []swatch
	// best is the advisor's first pick from the scorer's distance: the
	// default ink (Ink).
	best shade.Option
	err  string
}

// shadeContent returns the swatches for the current template, needle,
// session and preview stage, recomputing them (36 appearance calls, well
// under a millisecond) only when one of those changed.
func (g *Game) shadeContent() *shadeCache {
	c := &g.panels.shade
	t := g.doc.T
	v := g.shadeViewing() // shadeseen.go
	key := fmt.Sprintf("%s|%s|%s|%v|%d|%v|%v", t.ID, t.Skin, t.HairColour, g.stage, g.doc.Number, g.needle, v)
	if c.key == key {
		return c
	}
	*c = shadeCache{key: key}
	opts, client, err := shade.AdviseTemplate(t, g.doc.Number, v)
	if err != nil {
		c.err = err.Error()
		return c
	}
	pal, err := palette.Default()
	if err != nil {
		c.err = fmt.Sprintf("the embedded palette is broken: %v", err)
		return c
	}
	skin, hair := client.Skin, client.Hair
	c.skin, c.hair, c.perCM2 = skin, hair, client.PerCM2
	c.skinName = shade.SkinName(skin)
	c.hairName = hairName(pal, hair)
	c.best = opts[0]
	if v.DistanceM != viewer.DefaultDistanceM {
		def := v
		def.DistanceM = viewer.DefaultDistanceM
		if o, _, err := shade.AdviseTemplate(t, g.doc.Number, def); err == nil {
			c.best = o[0]
		}
	}
	hairSeen := appearance.HairOnSkin(hair, skin)
	for i, o := range opts {
		pg, err := pal.Pigment(o.PigmentID)
		if err != nil {
			continue
		}
		im := impression.New(geom.Point{}, g.needle, g.doc.Number, 0)
		im.Pigment, im.Dilution = o.PigmentID, o.Dilution
		look := appearance.DotWith(pg, im, skin, g.stage).Colour
		c.swatches = append(c.swatches, swatch{opt: o, rank: i, look: look, stageDE: colour.DeltaE00(look, hairSeen), pigment: pg})
	}
	if len(c.swatches) == 0 {
		c.err = "the embedded palette has no pigment to advise"
	}
	return c
}

// hairNameJND is how close (ΔE00) a template's hair colour must be to a
// palette hair target to be called after it: 5 JND, near enough that the
// name describes it (domain.md §7: 1 ΔE00 ≈ 1 JND; the multiple is a
// model assumption).
const hairNameJND = 5.0

// hairName names a hair colour after the nearest palette target when it is
// close, else by its hex code.
func hairName(pal *palette.Palette, hair colorful.Color) string {
	best, bd := "", math.Inf(1)
	for _, s := range pal.Hair {
		if d := colour.DeltaE00(s.Colour, hair); d < bd {
			best, bd = s.Name, d
		}
	}
	if bd <= hairNameJND*colour.JND {
		return fmt.Sprintf("%s ≈ %s", hair.Hex(), strings.ToLower(best))
	}
	return "custom " + hair.Hex()
}

// shadeSwatch returns the swatch of a pigment and dilution, or nil.
func (g *Game) shadeSwatch(pigment string, dilution float64) *swatch {
	c := g.shadeContent()
	for i := range c.swatches {
		if o := c.swatches[i].opt; o.PigmentID == pigment && o.Dilution == dilution {
			return &c.swatches[i]
		}
	}
	return nil
}

// bestInk loads the swatch that matches the hair best.
func (g *Game) bestInk() {
	if c := g.shadeContent(); len(c.swatches) > 0 {
		o := c.swatches[0].opt
		g.setInk(o.PigmentID, o.Dilution)
	}
}

// stepDilution moves along the current pigment's dilution ladder: -1 less
// water (darker), +1 more water (lighter).
func (g *Game) stepDilution(dir int) {
	pigment, dilution := g.Ink()
	pal, err := palette.Default()
	if err != nil {
		g.error("The embedded palette is broken: %v", err)
		return
	}
	pg, err := pal.Pigment(pigment)
	if err != nil || len(pg.Dilutions) == 0 {
		g.error("Pigment %q is not in the palette: pick a swatch in the shade panel (C)", pigment)
		return
	}
	// The nearest rung, in case the dilution came from a file.
	i := 0
	for j, d := range pg.Dilutions {
		if math.Abs(d-dilution) < math.Abs(pg.Dilutions[i]-dilution) {
			i = j
		}
	}
	i = max(0, min(len(pg.Dilutions)-1, i+dir))
	g.setInk(pigment, pg.Dilutions[i])
}

// Shade panel layout, in logical pixels (presentation choices).
const (
	shadeCols      = 3
	shadeTileW     = 180
	shadeTileH     = 46
	shadeTileMinH  = 30
	shadeGap       = 5
	shadePad       = 12
	shadeHeaderH   = 132
	shadeFooterH   = 17*shadeFooterLines + 12 // shadeseen.go
	panelMarginLog = 10
	// panelBottomLog keeps the scale bar above the status line visible.
	panelBottomLog = 52
)

// shadeLayout is where the panel and each tile go on screen.
type shadeLayout struct {
	// panel is the panel's box on screen; content is all of its content
	// at the scroll offset (taller than panel when it scrolls).
	panel, content box
	tiles          []box // one per swatch, in rank order
	// footerY is the top of the detail text under the tiles.
	footerY float64
}

// shadeGeometry lays out the panel for the current window.
func (g *Game) shadeGeometry(n int) shadeLayout {
	pad, gap := g.ui(shadePad), g.ui(shadeGap)
	tw := g.ui(shadeTileW)
	area := g.panels.shadeArea
	if area.Empty() {
		area = scene.Rect{W: float64(g.w), H: float64(g.h - g.statusHeight())}
	}
	top := area.Y + g.ui(panelMarginLog)
	avail := area.Bottom() - g.ui(panelBottomLog) - top
	fixed := 2*pad + g.ui(shadeHeaderH) + g.ui(shadeFooterH)
	th := g.ui(shadeTileH)
	// Reflow before shrinking: more columns while the panel stays within
	// two thirds of the window's width, then shorter tiles.
	// As many columns as the window's width allows, at most shadeCols to
	// start with; a window too narrow for one tile narrows the tiles.
	room := area.W - 2*g.ui(panelMarginLog) - 2*pad
	maxCols := int((room + gap) / (tw + gap))
	if maxCols < 1 {
		maxCols, tw = 1, math.Max(g.ui(60), room)
	}
	cols := min(shadeCols, maxCols)
	rows := (n + cols - 1) / cols
	for rows > 0 && fixed+float64(rows)*(th+gap) > avail && cols < maxCols && 2*pad+float64(cols+1)*(tw+gap) < area.W*2/3 {
		cols++
		rows = (n + cols - 1) / cols
	}
	if rows > 0 && fixed+float64(rows)*(th+gap) > avail {
		th = math.Max(g.ui(shadeTileMinH), (avail-fixed)/float64(rows)-gap)
	}
	w := 2*pad + float64(cols)*tw + float64(cols-1)*gap
	h := fixed + float64(rows)*(th+gap) - gap
	x := area.X + g.ui(panelMarginLog)
	// Taller than the room even with the shortest tiles: the panel takes
	// the room and its content scrolls (the offset as shadePanel.Layout
	// last kept it in range, read without changing it).
	ph := math.Max(0, math.Min(h, area.Bottom()-top))
	off := math.Max(0, math.Min(g.panels.shadeScroll.Offset, h-ph))
	l := shadeLayout{panel: box{x, top, w, ph}, content: box{x, top - off, w, h}}
	top -= off
	y0 := top + pad + g.ui(shadeHeaderH)
	for i := range n {
		c, r := i%cols, i/cols
		l.tiles = append(l.tiles, box{l.panel.x + pad + float64(c)*(tw+gap), y0 + float64(r)*(th+gap), tw, th})
	}
	l.footerY = y0 + float64(rows)*(th+gap) + g.ui(4)
	return l
}

// shadeClick handles a left press at (x, y); it reports whether the press
// was on the panel (and so must not reach the canvas).
func (g *Game) shadeClick(x, y float64) bool {
	if !g.panels.shadeOpen {
		return false
	}
	c := g.shadeContent()
	l := g.shadeGeometry(len(c.swatches))
	if !l.panel.contains(x, y) {
		return false
	}
	for i, b := range l.tiles {
		if b.contains(x, y) { // (x, y) is on the panel, so on a shown part
			o := c.swatches[i].opt
			g.setInk(o.PigmentID, o.Dilution)
			break
		}
	}
	return true
}

// Swatch is one tile of the shade panel as a test sees it.
type Swatch struct {
	Pigment  string
	Dilution float64
	// DeltaE is the healed dot's ΔE00 to the hair target up close;
	// StageDE is the ΔE00 at the current preview stage.
	DeltaE, StageDE float64
	// AreaDE and TextureRatio are what the advisor ranks by: the work
	// against the client's stubble seen from the panel's distance.
	AreaDE, TextureRatio float64
	// HealedDiameterMM is the healed dot with the current needle.
	HealedDiameterMM float64
	// X, Y, W, H is the tile on screen, in device pixels.
	X, Y, W, H float64
}

// ShadeSwatches returns the shade panel's tiles, best match first, with
// where they are on screen.
func (g *Game) ShadeSwatches() []Swatch {
	c := g.shadeContent()
	l := g.shadeGeometry(len(c.swatches))
	out := make([]Swatch, len(c.swatches))
	for i, s := range c.swatches {
		b := l.tiles[i]
		out[i] = Swatch{Pigment: s.opt.PigmentID, Dilution: s.opt.Dilution, DeltaE: s.opt.DeltaE, StageDE: s.stageDE,
			AreaDE: s.opt.AreaDE, TextureRatio: s.opt.TextureRatio, HealedDiameterMM: s.opt.HealedDiameterMM,
			X: b.x, Y: b.y, W: b.w, H: b.h}
	}
	return out
}

// warnMark starts a shade warning's line, drawn in warnColour. (The
// embedded Go fonts have no warning sign.)
const warnMark = "! "

// ShadePanelOpen reports whether the shade panel shows.
func (g *Game) ShadePanelOpen() bool { return g.panels.shadeOpen }

// Panel colours: presentation choices.
var (
	tileColour   = color.RGBA{0x2a, 0x2d, 0x31, 0xff}
	goldColour   = color.RGBA{0xf2, 0xc0, 0x3c, 0xff}
	warnColour   = color.RGBA{0xe6, 0x9f, 0x00, 0xff}
	inkSelColour = color.RGBA{0x36, 0xc5, 0xf0, 0xff}
	panelColour  = color.RGBA{0x1b, 0x1d, 0x1f, 0xf4}
)

// faces makes the panels' extra faces once and sizes them for the screen.
func (g *Game) faces() {
	p := &g.panels
	if p.bold == nil {
		src := fontSource
		if b, err := loadBold(); err == nil {
			src = b
		}
		p.bold = &text.GoTextFace{Source: src}
		p.big = &text.GoTextFace{Source: src}
		p.tiny = &text.GoTextFace{Source: fontSource}
	}
	p.bold.Size = g.ui(15)
	p.big.Size = g.ui(30)
	p.tiny.Size = g.ui(12.5)
	g.face.Size = g.ui(15)
	g.small.Size = g.ui(13)
}

// drawShadePanel draws the panel.
func (g *Game) drawShadePanel(screen *ebiten.Image) {
	c := g.shadeContent()
	l := g.shadeGeometry(len(c.swatches))
	fillRect(screen, float32(l.panel.x), float32(l.panel.y), float32(l.panel.w), float32(l.panel.h), panelColour)
	if th := g.panels.shadeScroll.Thumb(scene.Rect{X: l.panel.x + l.panel.w - g.ui(5), Y: l.panel.y, W: g.ui(3), H: l.panel.h}); !th.Empty() {
		fillRect(screen, float32(th.X), float32(th.Y), float32(th.W), float32(th.H), dimColour)
	}
	screen = subImage(screen, l.panel) // the content scrolls inside the panel
	p := l.content
	pad := g.ui(shadePad)
	x, y := p.x+pad, p.y+pad
	drawText(screen, "Shade: pigment × dilution on this client", g.panels.bold, x, y, textColour)
	y += g.ui(24)
	if c.err != "" {
		for _, line := range wrap(c.err, g.small, p.w-2*pad) {
			drawText(screen, line, g.small, x, y, errColour)
			y += g.ui(17)
		}
		return
	}
	// The client: skin, and the hair target drawn as stubble on it, the
	// way each swatch shows its dot.
	sq := g.ui(28)
	fillRect(screen, float32(x), float32(y), float32(sq), float32(sq), c.skin)
	tc := &c.swatches[0].opt
	drawText(screen, fmt.Sprintf("Skin  %s · %s (ITA %.0f°)", c.skinName, tc.SkinClass, tc.SkinITA), g.small, x+sq+g.ui(8), y+(sq-g.small.Size*1.25)/2, textColour)
	y += sq + g.ui(6)
	g.drawDotPatch(screen, box{x, y, sq, sq}, c.skin, c.hair)
	drawText(screen, "Hair target  "+c.hairName+" (the colour to match)", g.small, x+sq+g.ui(8), y+(sq-g.small.Size*1.25)/2, textColour)
	y += sq + g.ui(8)
	stage := "healed"
	if g.stage != appearance.Healed {
		stage = stageWords(g.stage)
	}
	drawText(screen, g.shadeRankLine(), g.panels.tiny, x, y, dimColour)
	y += g.ui(16)
	drawText(screen, "Swatches shown "+stage+" (P changes the preview) · "+shadeDELine, g.panels.tiny, x, y, dimColour)

	pig, dil := g.Ink()
	hover := -1
	for i, b := range l.tiles {
		if b.contains(g.lastX, g.lastY) && l.panel.contains(g.lastX, g.lastY) {
			hover = i
		}
		g.drawTile(screen, b, c, &c.swatches[i], c.swatches[i].opt.PigmentID == pig && c.swatches[i].opt.Dilution == dil, i == hover)
	}
	// The detail line: the swatch under the pointer, else the current ink.
	var s *swatch
	if hover >= 0 {
		s = &c.swatches[hover]
	} else {
		s = g.shadeSwatch(pig, dil)
	}
	fy := l.footerY
	if s == nil {
		drawText(screen, "Current ink "+inkName(pig, dil)+" is not in the palette", g.small, x, fy, warnColour)
		return
	}
	g.drawSeenPatches(screen, p, c, s) // shadepatch.go
	head := "Loaded: "
	if hover >= 0 {
		head = "Click to load: "
	}
	detail := fmt.Sprintf("%s%s %s — rank %d of %d · %s · healed ΔE00 %.1f", head, shortPigment(s.opt.PigmentName), s.opt.DilutionLabel,
		s.rank+1, len(c.swatches), seenWords(&s.opt), s.opt.DeltaE)
	if g.stage != appearance.Healed {
		detail += fmt.Sprintf(" · %s %.1f", stageShort(g.stage), s.stageDE)
	}
	detail += fmt.Sprintf(" · contrast with the skin %.1f", s.opt.ContrastDE)
	lines := wrap(detail, g.small, p.w-2*pad)
	for _, w := range s.opt.Warnings {
		lines = append(lines, wrap(warnMark+w.Text+". "+w.Why, g.small, p.w-2*pad)...)
	}
	for i, line := range lines {
		if i >= shadeFooterLines {
			break
		}
		col := textColour
		if i > 0 && strings.HasPrefix(line, warnMark) {
			col = warnColour
		}
		drawText(screen, line, g.small, x, fy+float64(i)*g.ui(17), col)
	}
}

// stageShort names a preview stage in a few letters.
func stageShort(st appearance.Stage) string {
	switch st.Kind {
	case appearance.KindFresh:
		return "fresh"
	case appearance.KindHealed:
		return "healed"
	}
	return fmt.Sprintf("%g y", st.Years)
}

// drawTile draws one swatch: the dot on the skin, its rank, ink and ΔE00.
func (g *Game) drawTile(screen *ebiten.Image, b box, c *shadeCache, s *swatch, current, hover bool) {
	bg := tileColour
	if hover {
		bg = color.RGBA{0x3a, 0x3e, 0x44, 0xff}
	}
	fillRect(screen, float32(b.x), float32(b.y), float32(b.w), float32(b.h), bg)
	sw := float32(g.ui(2))
	switch {
	case current:
		strokeBox(screen, b, float32(g.ui(3)), inkSelColour)
	case s.rank < 3:
		strokeBox(screen, b, sw, goldColour)
	}
	in := g.ui(4)
	sq := b.h - 2*in
	patch := box{b.x + in, b.y + in, sq, sq}
	g.drawDotPatch(screen, patch, c.skin, s.look)
	if s.rank < 3 {
		// Rank badge in the patch's corner.
		bw := g.ui(14)
		fillRect(screen, float32(patch.x), float32(patch.y), float32(bw), float32(bw), goldColour)
		drawText(screen, fmt.Sprint(s.rank+1), g.panels.tiny, patch.x+g.ui(3.5), patch.y-g.ui(0.5), color.Black)
	}
	if len(s.opt.Warnings) > 0 {
		bw := g.ui(13)
		fillRect(screen, float32(patch.x+sq-bw), float32(patch.y+sq-bw), float32(bw), float32(bw), warnColour)
		drawText(screen, "!", g.panels.tiny, patch.x+sq-bw+g.ui(4.5), patch.y+sq-bw-g.ui(1), color.Black)
	}
	tx := patch.x + sq + g.ui(7)
	tw := b.x + b.w - tx - g.ui(4)
	face := g.panels.tiny
	lh := face.Size * 1.3
	ty := b.y + (b.h-2*lh)/2
	name := fitText(shortPigment(s.opt.PigmentName), face, tw-measure(" "+s.opt.DilutionLabel, face))
	drawText(screen, name+" "+s.opt.DilutionLabel, face, tx, ty, textColour)
	de := tileSeenWords(s) // shadeseen.go
	deCol := dimColour
	if s.rank < 3 {
		deCol = goldColour
	}
	drawText(screen, fitText(de, face, tw), face, tx, ty+lh, deCol)
}

// drawDotPatch draws a patch of skin with a few SMP dots of colour dot on
// it: how the ink reads on this client, as a trainee would see it.
func (g *Game) drawDotPatch(screen *ebiten.Image, b box, skin, dot colorful.Color) {
	fillRect(screen, float32(b.x), float32(b.y), float32(b.w), float32(b.h), skin)
	disc := g.discImage()
	n := 3
	cell := b.w / float64(n)
	r := cell * 0.34
	for j := range n {
		for i := range n {
			// Offset every other row, as stippled dots sit.
			ox := 0.0
			if j%2 == 1 {
				ox = cell * 0.25
			} else {
				ox = -cell * 0.1
			}
			cx := b.x + (float64(i)+0.5)*cell + ox
			cy := b.y + (float64(j)+0.5)*cell
			op := &ebiten.DrawImageOptions{}
			s := 2 * r / float64(disc.Bounds().Dx())
			op.GeoM.Scale(s, s)
			op.GeoM.Translate(cx-r, cy-r)
			op.ColorScale.ScaleWithColor(dot)
			op.Filter = ebiten.FilterLinear
			screen.DrawImage(disc, op)
		}
	}
}

// discImage is a white anti-aliased disc, 64 px across, scaled for every
// swatch dot: one texture, so all of them batch into one draw call.
func (g *Game) discImage() *ebiten.Image {
	if g.panels.disc != nil {
		return g.panels.disc
	}
	const size = 64
	img := ebiten.NewImage(size, size)
	pix := make([]byte, 4*size*size)
	for y := range size {
		for x := range size {
			d := math.Hypot(float64(x)+0.5-size/2, float64(y)+0.5-size/2)
			a := math.Max(0, math.Min(1, size/2-d))
			v := byte(255 * a)
			copy(pix[4*(y*size+x):], []byte{v, v, v, v})
		}
	}
	img.WritePixels(pix)
	g.panels.disc = img
	return img
}

// strokeBox outlines b with lines of width sw inside it.
func strokeBox(dst *ebiten.Image, b box, sw float32, c color.Color) {
	x, y, w, h := float32(b.x), float32(b.y), float32(b.w), float32(b.h)
	fillRect(dst, x, y, w, sw, c)
	fillRect(dst, x, y+h-sw, w, sw, c)
	fillRect(dst, x, y, sw, h, c)
	fillRect(dst, x+w-sw, y, sw, h, c)
}

// measure is the width of s in f.
func measure(s string, f *text.GoTextFace) float64 {
	w, _ := text.Measure(s, f, 0)
	return w
}

// fitText shortens s with an ellipsis until it fits w.
func fitText(s string, f *text.GoTextFace, w float64) string {
	if measure(s, f) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		if t := strings.TrimRight(string(r), " ") + "…"; measure(t, f) <= w {
			return t
		}
	}
	return string(r)
}

// boldSource is the embedded bold Go font, parsed once.
var boldSource *text.GoTextFaceSource

func loadBold() (*text.GoTextFaceSource, error) {
	if boldSource != nil {
		return boldSource, nil
	}
	s, err := loadFace("fonts/Go-Bold.ttf")
	if err != nil {
		return nil, err
	}
	boldSource = s
	return s, nil
}

// loadFace parses an embedded font file.
func loadFace(name string) (*text.GoTextFaceSource, error) {
	b, err := fs.ReadFile(assets.FS, name)
	if err != nil {
		return nil, fmt.Errorf("reading the embedded font %s: %w", name, err)
	}
	s, err := text.NewGoTextFaceSource(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("parsing the embedded font %s: %w", name, err)
	}
	return s, nil
}
