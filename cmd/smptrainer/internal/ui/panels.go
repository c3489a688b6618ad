package ui

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

// The editor's panels as scene.Panels. Each takes the pointer when it is
// over it, so a click on a panel never places a dot and a wheel turn on it
// never zooms the chart.

// shadePanel is the shade panel (shadepanel.go).
type shadePanel struct{ g *Game }

// Open implements scene.Panel.
func (p shadePanel) Open() bool { return p.g.panels.shadeOpen }

// Layout implements scene.Panel.
func (p shadePanel) Layout(area scene.Rect) scene.Rect {
	p.g.panels.shadeArea = area
	l := p.g.shadeGeometry(len(p.g.shadeContent().swatches))
	p.g.panels.shadeScroll.Set(l.content.h, l.panel.h)
	return l.panel.rect()
}

// Update implements scene.Panel: the wheel scrolls a panel too tall for
// the window; a press on a tile loads its ink.
func (p shadePanel) Update(in *input.Input) bool {
	l := p.g.shadeGeometry(len(p.g.shadeContent().swatches))
	if !l.panel.contains(in.X, in.Y) {
		return false
	}
	p.g.panels.shadeScroll.Wheel(in, l.panel.rect(), p.g.ui(40))
	if in.Pressed[input.Left] {
		p.g.shadeClick(in.X, in.Y)
	}
	return true
}

// Draw implements scene.Panel.
func (p shadePanel) Draw(screen *ebiten.Image) { p.g.drawShadePanel(screen) }

// scorePanel is the live score panel (scorepanel.go).
type scorePanel struct{ g *Game }

// Open implements scene.Panel.
func (p scorePanel) Open() bool { return p.g.panels.score.open }

// Layout implements scene.Panel.
func (p scorePanel) Layout(area scene.Rect) scene.Rect {
	s := &p.g.panels.score
	s.area = area
	L := p.g.scoreGeometry()
	s.scroll.Set(L.contentH, L.view.h)
	return L.panel.rect()
}

// Update implements scene.Panel.
func (p scorePanel) Update(in *input.Input) bool {
	if !p.g.scoreGeometry().panel.contains(in.X, in.Y) {
		return false
	}
	p.g.scoreInput(in)
	return true
}

// Draw implements scene.Panel.
func (p scorePanel) Draw(screen *ebiten.Image) { p.g.drawScorePanel(screen) }

// profilePanel is the hairline profile plot (profile.go).
type profilePanel struct{ g *Game }

// Open implements scene.Panel.
func (p profilePanel) Open() bool { return p.g.profile.open }

// Layout implements scene.Panel.
func (p profilePanel) Layout(area scene.Rect) scene.Rect {
	b, _ := p.g.profileGeometry()
	return b.rect()
}

// Update implements scene.Panel: the plot only shows; it takes the
// pointer so a click on it places nothing.
func (p profilePanel) Update(in *input.Input) bool {
	b, _ := p.g.profileGeometry()
	return b.contains(in.X, in.Y)
}

// Draw implements scene.Panel.
func (p profilePanel) Draw(screen *ebiten.Image) { p.g.drawProfile(screen) }

// rect converts a box to a scene.Rect.
func (b box) rect() scene.Rect { return scene.Rect{X: b.x, Y: b.y, W: b.w, H: b.h} }
