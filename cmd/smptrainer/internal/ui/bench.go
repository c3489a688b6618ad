package ui

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// benchSeed and benchStream seed the benchmark's impressions, so every run
// draws the same chart.
const (
	benchSeed   = 20260523
	benchStream = 0x534d_5042_454e_4348 // "SMPBENCH"
)

// GenerateUniform returns n impressions spread uniformly at random over
// the zones of t that take impressions (the whole outline if none do),
// mixing the trainer's needles. It is a load generator, not a pattern a
// trainee should copy.
func GenerateUniform(t *scalp.Template, n int, seed uint64) []impression.Impression {
	rng := rand.New(rand.NewPCG(seed, benchStream))
	var polys []geom.Polygon
	for _, z := range t.Zones {
		if z.Treated() {
			polys = append(polys, z.Polygon)
		}
	}
	if len(polys) == 0 {
		polys = []geom.Polygon{t.Outline}
	}
	b := polys[0].Bounds()
	for _, p := range polys[1:] {
		b = b.Union(p.Bounds())
	}
	needles := []impression.Needle{
		{Grouping: impression.RL1, GaugeMM: 0.20}, {Grouping: impression.RL1, GaugeMM: 0.25},
		{Grouping: impression.RL3, GaugeMM: 0.25}, {Grouping: impression.RL1, GaugeMM: 0.30},
	}
	out := make([]impression.Impression, 0, n)
	for len(out) < n {
		p := geom.Point{X: b.Min.X + rng.Float64()*b.Dx(), Y: b.Min.Y + rng.Float64()*b.Dy()}
		in := false
		for _, pg := range polys {
			if pg.Contains(p) {
				in = true
				break
			}
		}
		if !in {
			continue
		}
		k := len(out)
		out = append(out, impression.New(p, needles[k%len(needles)], 1, float64(k)/2))
	}
	return out
}

// benchScript is the benchmark's camera work: settle, zoom in about the
// centre in wheel notches, pan in a loop, zoom out past the start, place a
// few impressions, pan again; then, with the density map on (its phase,
// *onMap, timed apart), place an impression every 6 ticks for 4 s, as a
// trainee working with the map open does.
func benchScript(w, h int, onMap *bool) *input.Script {
	cx, cy := float64(w)/2, float64(h)/2
	s := input.NewScript().MoveTo(cx, cy).Wait(30)
	for range 12 {
		s.Wheel(1).Wait(4)
	}
	for range 3 {
		s.Drag(input.Right, 400, 0, 40).Drag(input.Right, 0, 300, 30).Drag(input.Right, -400, -300, 40)
	}
	for range 18 {
		s.Wheel(-1).Wait(4)
	}
	for i := range 20 {
		s.MoveTo(cx+float64(i*7), cy).Click(input.Left)
	}
	s.Drag(input.Middle, -300, 200, 60).Drag(input.Middle, 300, -200, 60)
	for range 8 {
		s.Wheel(1).Wait(2)
	}
	s.Wait(30).Key(ebiten.KeyM).Wait(TPS) // the map's grid is built in the background
	s.Do(func() { *onMap = true })
	for i := range 40 {
		s.MoveTo(cx+float64(i%10*9), cy+float64(i/10*9)).Click(input.Left).Wait(4)
	}
	s.Do(func() { *onMap = false })
	return s.Key(ebiten.KeyM).Wait(30).Quit()
}

// RunBench opens the trainer on cfg's exercise with n generated
// impressions, drives benchScript with vsync off, and prints frame-time
// percentiles: the wall time between frames, and the CPU time of Update +
// Draw.
func RunBench(cfg Config, n int, out io.Writer) error {
	cfg.Autosave = -1
	cfg.NoIntro = true
	g, err := NewGame(cfg)
	if err != nil {
		return err
	}
	t0 := time.Now()
	ims := GenerateUniform(g.doc.T, n, benchSeed)
	g.doc.SetImpressions(ims)
	load := time.Since(t0)
	w, h := cfg.WindowW, cfg.WindowH
	if w <= 0 || h <= 0 {
		w, h = 1280, 800
	}
	var onMap bool
	script := benchScript(w, h, &onMap)
	var (
		frames, mapFrames []time.Duration
		work, mapWork     []time.Duration
		last              time.Time
		drawCalls         int
	)
	timing := &timedSource{src: script}
	g.src = timing
	cfg.OnFrame = func(g *Game) {
		now := time.Now()
		switch {
		case last.IsZero():
		case onMap:
			mapFrames = append(mapFrames, now.Sub(last))
			mapWork = append(mapWork, now.Sub(timing.start))
		default:
			frames = append(frames, now.Sub(last))
			work = append(work, now.Sub(timing.start))
		}
		last = now
		drawCalls = max(drawCalls, g.layer.Stats.DrawCalls)
	}
	g.cfg.OnFrame = cfg.OnFrame
	ebiten.SetVsyncEnabled(false)
	start := time.Now()
	if err := runGameTPS(g, ebiten.SyncWithFPS); err != nil {
		return err
	}
	total := time.Since(start)
	st := g.layer.Stats
	fmt.Fprintf(out, "smptrainer bench: %d generated impressions (+%d clicked) on %s, %dx%d window, %d frames in %.1f s (set-up %.0f ms)\n",
		n, g.doc.Len()-n, g.doc.T.ID, w, h, len(frames)+len(mapFrames)+1, total.Seconds(), float64(load.Microseconds())/1000)
	fmt.Fprintf(out, "  frame interval  %s\n", percentiles(frames))
	fmt.Fprintf(out, "  update+draw CPU %s\n", percentiles(work))
	fmt.Fprintf(out, "  density map on, a dot every 6 ticks (%d frames):\n", len(mapFrames))
	fmt.Fprintf(out, "  frame interval  %s\n", percentiles(mapFrames))
	fmt.Fprintf(out, "  update+draw CPU %s\n", percentiles(mapWork))
	fmt.Fprintf(out, "  tiles rendered %d, dirty patches %d (%d px), max tile draw calls per frame %d\n",
		st.TilesRendered, st.Patches, st.PatchPixels, drawCalls)
	if p := os.Getenv("SMP_MEMPROFILE"); p != "" {
		// A heap profile of the end state, for looking into memory use.
		if f, err := os.Create(p); err == nil {
			_ = pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	peak := ms.HeapInuse
	runtime.GC()
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(out, "  Go heap: live %.0f MB after GC, in use before GC %.0f MB, runtime total %.0f MB (GPU textures and driver memory not included)\n",
		float64(ms.HeapAlloc)/(1<<20), float64(peak)/(1<<20), float64(ms.Sys)/(1<<20))
	return nil
}

// timedSource notes when each tick's Update starts.
type timedSource struct {
	src   input.Source
	start time.Time
}

// Next implements input.Source.
func (t *timedSource) Next(tick int, c input.Context) input.Input {
	t.start = time.Now()
	return t.src.Next(tick, c)
}

// percentiles formats p50, p90, p99 and max of ds in milliseconds.
func percentiles(ds []time.Duration) string {
	if len(ds) == 0 {
		return "no frames"
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	q := func(p float64) float64 {
		i := int(math.Ceil(p*float64(len(s)))) - 1
		return float64(s[max(0, min(len(s)-1, i))].Microseconds()) / 1000
	}
	return fmt.Sprintf("p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms", q(0.5), q(0.9), q(0.99), q(1))
}
