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
	return fmt.Sprintf("Ranked by what is seen from %s m (O): texture (tex, 1 = the stubble's) and area colour · gold = best 3", trimFloat(g.shadeDistanceM()))
}

// shadeDELine says what a tile's ΔE00 is.
const shadeDELine = "ΔE: one dot against one shaved hair on this skin, up close"

// seenWords is an option's seen numbers as the panel's detail line says
// them. The area ΔE00 gets two decimals: at SMP densities the marks cover
// 1–2 % of the skin, so the work's and the stubble's average colours both
// sit within a fraction of a JND of the skin and of each other, and one
// decimal read 0.0 for every mix.
func seenWords(o *shade.Option) string {
	return fmt.Sprintf("seen: area ΔE00 %.2f, texture %.2f× the stubble's · healed dot %.2f mm", o.AreaDE, o.TextureRatio, o.HealedDiameterMM)
}

// shadeFooterLines is how many lines of detail the panel has under its
// tiles: the seen numbers and, for each warning badge, its explanation,
// wrapped to the panel's width.
const shadeFooterLines = 4

// tileSeenWords is a swatch tile's second line: the dot's ΔE00 against
// the client's hair as shaved on the same skin at the preview stage (the
// colour to match, domain.md §7: it tells the mixes apart, where the area
// ΔE00 seen from afar is below one JND for all of them), and the texture
// ratio the advisor ranks by (domain.md §9).
func tileSeenWords(s *swatch) string {
	return fmt.Sprintf("ΔE %.1f · tex ×%.2f", s.stageDE, s.opt.TextureRatio)
}
