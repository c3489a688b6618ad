package report

import (
	"math"
	"sync"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/render"
	"github.com/smptrainer/smp/sim/scalp"
)

// heatGeom is the part of render.DensityHeatmap that depends only on the
// template and session: each cell's zone, the share of its sampling disc
// in that zone, and its target. render.DensityHeatmap recomputes it for
// every call, which is most of its cost (64 zone look-ups per cell); a
// class report draws dozens of maps on one template, so it is computed
// once per template and session here. TestHeatmapMatchesRender holds the
// result equal to render.DensityHeatmap's, cell for cell.
type heatGeom struct {
	once     sync.Once
	t        *scalp.Template
	session  int
	origin   geom.Point
	min      geom.Point // the template's bounds' corner, for bucketing
	cols     int
	rows     int
	zone     []int
	frac     []float64 // 0 where the cell has no value
	target   []scalp.DensityBand
	ok       bool
	bucketsX int
	bucketsY int
}

// Same sampling as sim/render's heatmap (its discSamples and
// minZoneFraction), so the maps agree.
const (
	discN           = 64
	minZoneFraction = 0.3
)

var discSamples = func() []geom.Point {
	golden := math.Pi * (3 - math.Sqrt(5))
	out := make([]geom.Point, discN)
	for i := range out {
		r := math.Sqrt((float64(i) + 0.5) / discN)
		a := golden * float64(i)
		out[i] = geom.Point{X: r * math.Cos(a), Y: r * math.Sin(a)}
	}
	return out
}()

func zoneOf(t *scalp.Template, p geom.Point) int {
	for i := range t.Zones {
		if t.Zones[i].Polygon.Contains(p) {
			return i
		}
	}
	return -1
}

func (g *heatGeom) build() {
	t := g.t
	if t == nil || len(t.Outline) < 3 || len(t.Zones) == 0 {
		return
	}
	b := t.Bounds()
	g.origin, g.min = b.Min, b.Min
	g.cols = int(math.Ceil(b.Dx() / heatCellMM))
	g.rows = int(math.Ceil(b.Dy() / heatCellMM))
	g.bucketsX = int(math.Ceil(b.Dx()/heatRadiusMM)) + 3
	g.bucketsY = int(math.Ceil(b.Dy()/heatRadiusMM)) + 3
	if g.cols <= 0 || g.rows <= 0 || g.cols*g.rows > 1_000_000 || g.bucketsX*g.bucketsY > 4_000_000 {
		return
	}
	n := g.cols * g.rows
	g.zone, g.frac, g.target = make([]int, n), make([]float64, n), make([]scalp.DensityBand, n)
	for r := range g.rows {
		for c := range g.cols {
			k := r*g.cols + c
			centre := g.centre(c, r)
			zc := zoneOf(t, centre)
			g.zone[k] = zc
			if zc < 0 || zc > math.MaxInt16 {
				continue
			}
			in := 0
			for _, s := range discSamples {
				if zoneOf(t, centre.Add(s.Mul(heatRadiusMM))) == zc {
					in++
				}
			}
			frac := float64(in) / float64(len(discSamples))
			if frac < minZoneFraction {
				continue
			}
			g.frac[k] = frac
			g.target[k] = t.Zones[zc].Target(g.session)
		}
	}
	g.ok = true
}

func (g *heatGeom) centre(c, r int) geom.Point {
	return geom.Point{X: g.origin.X + (float64(c)+0.5)*heatCellMM, Y: g.origin.Y + (float64(r)+0.5)*heatCellMM}
}

// heatmap measures ims on the prepared grid: the map
// render.DensityHeatmap(t, ims, session, heatCellMM, heatRadiusMM) gives.
func (g *heatGeom) heatmap(ims []impression.Impression) *render.Heatmap {
	g.once.Do(g.build)
	if !g.ok {
		return nil
	}
	n := g.cols * g.rows
	h := &render.Heatmap{Origin: g.origin, CellMM: heatCellMM, Cols: g.cols, Rows: g.rows,
		Density: make([]float64, n), Target: append([]scalp.DensityBand(nil), g.target...), Zone: append([]int(nil), g.zone...)}
	bc, br := g.bucketsX, g.bucketsY
	head := make([]int32, bc*br)
	for i := range head {
		head[i] = -1
	}
	next := make([]int32, len(ims))
	zone := make([]int16, len(ims))
	bucket := func(p geom.Point) (int, int) {
		return int(math.Floor((p.X-g.min.X)/heatRadiusMM)) + 1, int(math.Floor((p.Y-g.min.Y)/heatRadiusMM)) + 1
	}
	for i := range ims {
		p := ims[i].Pos
		if !p.IsFinite() {
			continue
		}
		cx, cy := bucket(p)
		if cx < 0 || cy < 0 || cx >= bc || cy >= br {
			continue
		}
		zone[i] = int16(zoneOf(g.t, p))
		next[i] = head[cy*bc+cx]
		head[cy*bc+cx] = int32(i)
	}
	r2 := heatRadiusMM * heatRadiusMM
	for r := range g.rows {
		for c := range g.cols {
			k := r*g.cols + c
			if g.frac[k] == 0 {
				h.Density[k] = math.NaN()
				continue
			}
			centre := g.centre(c, r)
			zc := g.zone[k]
			cnt := 0
			bx, by := bucket(centre)
			for yy := by - 1; yy <= by+1; yy++ {
				for xx := bx - 1; xx <= bx+1; xx++ {
					if xx < 0 || yy < 0 || xx >= bc || yy >= br {
						continue
					}
					for j := head[yy*bc+xx]; j >= 0; j = next[j] {
						if int(zone[j]) == zc && ims[j].Pos.Dist2(centre) <= r2 {
							cnt++
						}
					}
				}
			}
			h.Density[k] = float64(cnt) / (math.Pi * r2 * g.frac[k] / 100)
		}
	}
	return h
}
