package pattern

import (
	"math"

	"github.com/smptrainer/smp/sim/geom"
)

// valueNoise is smooth 2-D value noise in [-1, 1] with features about
// cellMM across: random values on a square lattice, blended with a
// smoothstep. It gives the "regular irregularity" of a hairline (domain.md
// §5) and the patches of the patchy style without any global structure that
// the eye, or the Clark–Evans index, could pick up.
type valueNoise struct {
	seed   uint64
	cellMM float64
}

// splitmix64 is a fast, well-mixed hash of a lattice node, so that noise is
// a pure function of position and seed: the field does not depend on the
// order points are asked for.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func (n valueNoise) node(i, j int64) float64 {
	h := splitmix64(n.seed ^ splitmix64(uint64(i)*0x632be59bd9b4e019^uint64(j)))
	return float64(h>>11)/(1<<53)*2 - 1
}

// at returns the noise at p.
func (n valueNoise) at(p geom.Point) float64 {
	x, y := p.X/n.cellMM, p.Y/n.cellMM
	fx, fy := math.Floor(x), math.Floor(y)
	i, j := int64(fx), int64(fy)
	u, v := smooth(x-fx), smooth(y-fy)
	a := n.node(i, j) + u*(n.node(i+1, j)-n.node(i, j))
	b := n.node(i, j+1) + u*(n.node(i+1, j+1)-n.node(i, j+1))
	return a + v*(b-a)
}

// smooth is the cubic smoothstep on [0, 1], clamped outside.
func smooth(t float64) float64 {
	t = math.Max(0, math.Min(1, t))
	return t * t * (3 - 2*t)
}
