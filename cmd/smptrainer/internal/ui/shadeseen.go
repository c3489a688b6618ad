package ui

// What the shade panel ranks by (issue 9): work in each mix against the
// client's stubble on the same skin, seen from a distance (sim/shade,
// sim/viewer). The panel judges at the distance the view from a distance
// (O, distance.go) shows, else at the advisor's default, with the current
// needle's healed dot.

import (
	"fmt"

	"github.com/smptrainer/smp/sim/shade"
	"github.com/smptrainer/smp/sim/viewer"
)

// shadeDistanceM is the viewing distance the shade panel judges at: the
// view from a distance's when it is on, else viewer.DefaultDistanceM.
func (g *Game) shadeDistanceM() float64 {
	if m := g.panels.distance.metres(); m > 0 {
		return m
	}
	return viewer.DefaultDistanceM
}

// shadeViewing is how the advisor looks at the work for the panel.
func (g *Game) shadeViewing() shade.Viewing {
	return shade.Viewing{Needle: g.needle, DistanceM: g.shadeDistanceM()}
}

// shadeRankLine is the panel's line saying what the order means.
func (g *Game) shadeRankLine() string {
	return fmt.Sprintf("Ranked as seen from %s m (O): area ΔE and texture (tex) against the stubble · gold = best 3", trimFloat(g.shadeDistanceM()))
}

// seenWords is an option's seen numbers as the panel's detail line says
// them.
func seenWords(o *shade.Option) string {
	return fmt.Sprintf("seen: area ΔE00 %.1f, texture %.2f× the stubble's · healed dot %.2f mm", o.AreaDE, o.TextureRatio, o.HealedDiameterMM)
}

// shadeFooterLines is how many lines of detail the panel has under its
// tiles: the seen numbers and, for each warning badge, its explanation,
// wrapped to the panel's width.
const shadeFooterLines = 4

// tileSeenWords is a swatch tile's second line: the two numbers the
// advisor ranks by.
func tileSeenWords(o *shade.Option) string {
	return fmt.Sprintf("ΔE %.1f · tex ×%.2f", o.AreaDE, o.TextureRatio)
}
