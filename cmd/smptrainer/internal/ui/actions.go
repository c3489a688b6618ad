package ui

import (
	"github.com/smptrainer/smp/cmd/smptrainer/internal/keymap"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/impression"
)

// actionFunc carries out one keymap action in the chart editor. in is the
// tick's input (a few actions look at the pointer or the modifiers).
type actionFunc func(g *Game, in *input.Input)

// actions is the chart editor's dispatch: one func for every keymap row
// with a chord (TestEveryActionBound checks). Keys reach these only through
// keymap.Lookup, so the table, the help and the dispatch cannot drift.
var actions = map[keymap.Action]actionFunc{
	keymap.ZoomIn:      func(g *Game, _ *input.Input) { g.zoomStep(+1) },
	keymap.ZoomOut:     func(g *Game, _ *input.Input) { g.zoomStep(-1) },
	keymap.ZoomTrue:    func(g *Game, _ *input.Input) { g.zoomTrue() },
	keymap.Fit:         func(g *Game, _ *input.Input) { g.fit() },
	keymap.ToolClick:   func(g *Game, _ *input.Input) { g.setTool(ToolClick) },
	keymap.ToolStipple: func(g *Game, _ *input.Input) { g.toggleTool(ToolStipple) },
	keymap.ToolErase:   func(g *Game, _ *input.Input) { g.toggleTool(ToolErase) },
	keymap.ToolLasso:   func(g *Game, _ *input.Input) { g.toggleTool(ToolLasso) },
	keymap.LassoDelete: func(g *Game, _ *input.Input) { g.deleteSelection() },
	keymap.Needle1RL:   func(g *Game, _ *input.Input) { g.setGrouping(impression.RL1) },
	keymap.Needle3RL:   func(g *Game, _ *input.Input) { g.setGrouping(impression.RL3) },
	keymap.GaugeDown:   func(g *Game, _ *input.Input) { g.stepGauge(-1) },
	keymap.GaugeUp:     func(g *Game, _ *input.Input) { g.stepGauge(+1) },
	keymap.DepthToggle: func(g *Game, _ *input.Input) { g.toggleDepth() },
	keymap.RhythmDown:  func(g *Game, _ *input.Input) { g.stepRhythm(-1) },
	keymap.RhythmUp:    func(g *Game, _ *input.Input) { g.stepRhythm(+1) },
	keymap.Shade:       func(g *Game, _ *input.Input) { g.panels.shadeOpen = !g.panels.shadeOpen },
	keymap.BestInk:     func(g *Game, _ *input.Input) { g.bestInk() },
	keymap.InkDarker:   func(g *Game, _ *input.Input) { g.stepDilution(-1) },
	keymap.InkLighter:  func(g *Game, _ *input.Input) { g.stepDilution(+1) },
	keymap.Preview:     func(g *Game, _ *input.Input) { g.cycleStage() },
	keymap.Distance:    func(g *Game, _ *input.Input) { g.cycleDistance() },
	keymap.Score:       func(g *Game, _ *input.Input) { g.toggleScore() },
	keymap.DensityMap:  func(g *Game, _ *input.Input) { g.toggleHeat() },
	keymap.Markers:     func(g *Game, _ *input.Input) { g.toggleMarkers() },
	keymap.Profile:     func(g *Game, _ *input.Input) { g.toggleProfile() },
	keymap.Expert:      func(g *Game, _ *input.Input) { g.toggleExpert() },
	keymap.Split:       func(g *Game, _ *input.Input) { g.toggleSplit() },
	keymap.Grid:        func(g *Game, _ *input.Input) { g.toggleGrid() },
	keymap.Zones: func(g *Game, _ *input.Input) {
		g.opts.Zones = !g.opts.Zones
		g.layer.SetOptions(g.layerOptions(), g.stage)
	},
	keymap.Hairline: func(g *Game, _ *input.Input) {
		g.opts.Hairline = !g.opts.Hairline
		g.layer.SetOptions(g.layerOptions(), g.stage)
	},
	keymap.Landmarks: func(g *Game, _ *input.Input) {
		g.opts.Landmarks = !g.opts.Landmarks
		g.layer.SetOptions(g.layerOptions(), g.stage)
	},
	keymap.Heal:        func(g *Game, _ *input.Input) { g.heal() },
	keymap.Undo:        func(g *Game, _ *input.Input) { g.undo() },
	keymap.Redo:        func(g *Game, _ *input.Input) { g.redo() },
	keymap.Save:        func(g *Game, _ *input.Input) { g.save() },
	keymap.HandIn:      func(g *Game, _ *input.Input) { g.handIn() }, // handin.go
	keymap.SaveAs:      func(g *Game, _ *input.Input) { g.openSaveAs() },
	keymap.Open:        func(g *Game, _ *input.Input) { g.openPicker() },
	keymap.New:         func(g *Game, _ *input.Input) { g.newSession() },
	keymap.Recover:     func(g *Game, _ *input.Input) { g.openRecovery() }, // recovery.go
	keymap.Export:      func(g *Game, _ *input.Input) { g.exportPNG(false) },
	keymap.ExportLarge: func(g *Game, _ *input.Input) { g.exportPNG(true) },
	keymap.Exercises:   func(g *Game, _ *input.Input) { g.openExPicker() },
	keymap.TaskCard:    func(g *Game, _ *input.Input) { g.showTaskCard() },
	keymap.Settings:    func(g *Game, _ *input.Input) { g.askName() },
	keymap.Review:      func(g *Game, _ *input.Input) { g.toggleReview() },
	keymap.Mapping:     func(g *Game, _ *input.Input) { g.openMapping() }, // mapping.go
	keymap.UILarger:    func(g *Game, _ *input.Input) { g.stepUIScale(+1) },
	keymap.UISmaller:   func(g *Game, _ *input.Input) { g.stepUIScale(-1) },
	keymap.UINormal:    func(g *Game, _ *input.Input) { g.stepUIScale(0) },
	keymap.Help:        func(g *Game, _ *input.Input) { g.toggleHelp() },
	keymap.Close:       func(g *Game, _ *input.Input) { g.closeTopmost() },
	keymap.Quit:        func(g *Game, _ *input.Input) { g.quitRequested() },
}

// do carries out action a, as a key or a toolbar button asked.
func (g *Game) do(a keymap.Action, in *input.Input) {
	if g.review() != nil && !reviewAllows(a) {
		g.info("Not while reviewing: Esc or F3 leaves the review")
		return
	}
	if f, ok := actions[a]; ok {
		// A stroke under way ends first, so it is one edit of the
		// document it was made on.
		g.endStroke()
		f(g, in)
	}
}

// keys turns the tick's key presses into actions through the keymap.
func (g *Game) keys(in *input.Input) {
	for _, k := range in.Keys {
		if a, ok := keymap.Lookup(k, in.Ctrl, in.Shift); ok {
			g.do(a, in)
		}
	}
}
