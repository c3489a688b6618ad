// Package report writes smpgrade's class report: one self-contained HTML
// page (inline CSS, a few lines of optional inline JavaScript, no network)
// with its pictures and plots as PNG files beside it in img/. It prints on
// A4: the class overview first, then one section per trainee, each
// starting on a new page.
//
// Per trainee it shows the work as the client will see it healed, the same
// with the scorer's problem markers and a density heatmap, the expert
// example for the same template and session, the score card, the
// nearest-neighbour distance distribution against blue noise and
// randomness, and, where the template has a design hairline, the density
// profile behind it against the model ramp (domain.md §5). Per class it
// shows a sortable table, each criterion's distribution and the common
// faults.
//
// Pictures come from the sim software renderer, plots from gonum/plot.
package report

import (
	"bytes"
	"embed"
	"fmt"
	"github.com/smptrainer/smp/cmd/smpgrade/internal/gradebook"
	"github.com/smptrainer/smp/sim/fileerr"
	"html/template"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/grading"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/atomicfile"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/render"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/score"
	"github.com/smptrainer/smp/sim/session"
)

//go:embed report.html.tmpl
var templateFS embed.FS

// page is the report's HTML template; html/template escapes every name,
// path and feedback sentence from the files.
var page = template.Must(template.ParseFS(templateFS, "report.html.tmpl"))

// Report presentation and model constants.
const (
	// ExpertSeed is the seed of the expert example shown beside each piece
	// of work: fixed, so every report of the same class shows the same one.
	ExpertSeed = 1
	// FaultBelow is the score under which a criterion counts as a fault of
	// the class (model assumption: the lower end of "needs work" on a
	// 0–100 scale whose curves put full marks at the domain's bands).
	FaultBelow = 60.0
	// pictureWidthPx is the width of each chart picture: about 250 dpi at
	// the 6 cm a third of an A4 text column gives it (model).
	pictureWidthPx = 600
	// pictureMarginPx keeps the outline off the picture's edge.
	pictureMarginPx = 8
	// lineScale thickens the renderer's 1-px guides, markers and fonts for
	// a picture shown at about a third of its pixel size.
	lineScale = 2.2
	// heatCellMM sets the density heatmap's grid: 2 mm cells, fine
	// enough to show a patch (presentation); each cell shows the local
	// density estimate the score grades (sim/density).
	heatCellMM = 2.0
	// maxMarkers caps the markers drawn per criterion, worst first, so a
	// very poor piece of work still shows the work under them.
	maxMarkers = 30
	// maxWorkers bounds the files graded at once by default, as
	// "smpgrade score" does.
	maxWorkers = 4
)

// Options configure Write.
type Options struct {
	// Title heads the report; "" gives "SMP class report".
	Title string
	// Generated is shown as the report's date; the zero time hides it.
	Generated time.Time
	// Progress, when set, is called after each file is done (reported or
	// failed), from one goroutine at a time, with the count done so far.
	Progress func(done, total int, file string)
	// Fail, when set, is called once per file that cannot be reported,
	// with one line naming the file and the problem; from one goroutine at
	// a time.
	Fail func(line string)
	// Workers is how many files are graded and drawn at once; 0 means
	// GOMAXPROCS, at most 4.
	Workers int
	// Rule is the competency rule of the course-units table; the zero
	// Rule means gradebook.DefaultRule.
	Rule gradebook.Rule
}

// Result says what Write did.
type Result struct {
	// Reported is the number of files in the report.
	Reported int
	// Failed lists one line per file that could not be reported.
	Failed []string
	// Index is the path of the HTML page.
	Index string
}

// graded is one loaded and graded file.
type graded struct {
	path     string
	sess     *session.Session
	tmpl     *scalp.Template
	grader   *score.Grader // tmpl's, for the profile
	rep      *score.Report
	weighted string
	mapping  *grading.Mapping // the graded hairline design, or nil
}

// load reads, validates and grades one session file, as "smpgrade score"
// does. The error is one line naming path.
func load(path string) (*graded, error) {
	g, err := grading.Load(path)
	if err != nil {
		return nil, err
	}
	weighted := "default weights"
	if g.Exercise != nil {
		weighted = "weights of exercise " + g.Exercise.ID
	}
	return &graded{path: path, sess: g.Session, tmpl: g.Template, grader: g.Grader, rep: g.Report, weighted: weighted, mapping: g.Mapping}, nil
}

// expertRef is the expert example for one template and session, shared
// by every trainee who did that exercise.
type expertRef struct {
	name    string // picture name under img/, unique in the report
	start   sync.Once
	done    chan struct{} // closed when the fields below are set
	err     error
	img     string // file name under img/
	area    geom.Rect
	detail  geom.Point // centre of the magnified detail, shared with the work
	bar     float64    // scale bar, mm
	n       int
	overall float64
	nn      []float64
	profile []score.ProfileBin
}

// builder holds one Write's shared state.
type builder struct {
	dir, imgDir string
	mu          sync.Mutex
	experts     map[expertKey]*expertRef
	heats       map[string]func() *render.HeatmapGrid
}

// heat returns the heatmap grid of t in session sessionNo, shared by every
// trainee on it: a class report draws dozens of maps on one template, and
// the grid is most of a map's cost. It is built on first use, outside b.mu,
// so workers on other templates do not wait for it.
func (b *builder) heat(t *scalp.Template, sessionNo int) *render.HeatmapGrid {
	key := fmt.Sprintf("%s-s%d", t.ID, sessionNo)
	b.mu.Lock()
	g := b.heats[key]
	if g == nil {
		g = sync.OnceValue(func() *render.HeatmapGrid {
			return render.NewHeatmapGrid(t, sessionNo, heatCellMM)
		})
		b.heats[key] = g
	}
	b.mu.Unlock()
	return g()
}

// Write grades files and writes the report into dir (created if needed):
// dir/index.html and dir/img/*.png. A file that cannot be read or graded
// is reported through o.Fail and listed in the report; the others are
// still reported. earlier are failures found before (such as a folder that
// could not be searched), listed first. The error is for the report itself
// (dir not writable).
func Write(dir string, files []string, o Options, earlier ...string) (Result, error) {
	b := &builder{dir: dir, imgDir: filepath.Join(dir, "img"), experts: map[expertKey]*expertRef{}, heats: map[string]func() *render.HeatmapGrid{}}
	if err := os.MkdirAll(b.imgDir, 0o755); err != nil {
		return Result{}, err
	}
	workers := o.Workers
	if workers <= 0 {
		// At most maxWorkers files in memory at once: a file at the
		// session size limit takes hundreds of MB while it is read.
		workers = min(runtime.GOMAXPROCS(0), maxWorkers)
	}
	workers = max(1, min(workers, len(files)))

	views := make([]*trainee, len(files))
	fails := make([]string, len(files))
	var (
		mu   sync.Mutex
		done int
	)
	finish := func(i int, fail string) {
		mu.Lock()
		defer mu.Unlock()
		done++
		if fail != "" && o.Fail != nil {
			o.Fail(fail)
		}
		if o.Progress != nil {
			o.Progress(done, len(files), files[i])
		}
	}
	// Phase 1: grade and draw each file; the expert examples are
	// generated alongside, in their own goroutines, since they take the
	// longest (a full-scalp expert pattern takes seconds).
	laters := make([]func() error, len(files))
	pool(workers, len(files), func(i int) {
		tv, later, err := b.trainee(i, files[i])
		if err != nil {
			fails[i] = fileerr.OneLine(err.Error())
			finish(i, fails[i])
			return
		}
		views[i], laters[i] = tv, later
		finish(i, "")
	})
	// Phase 2: what needs the expert example (its curves in the plots).
	pool(workers, len(files), func(i int) {
		if laters[i] == nil {
			return
		}
		if err := laters[i](); err != nil {
			mu.Lock()
			defer mu.Unlock()
			views[i], fails[i] = nil, fileerr.OneLine(err.Error())
			if o.Fail != nil {
				o.Fail(fails[i])
			}
		}
	})

	res := Result{Failed: append([]string(nil), earlier...)}
	var ts []*trainee
	for i := range files {
		if views[i] != nil {
			ts = append(ts, views[i])
		}
		if fails[i] != "" {
			res.Failed = append(res.Failed, fails[i])
		}
	}
	res.Reported = len(ts)
	cv, err := b.class(ts, res.Failed, o)
	if err != nil {
		return res, err
	}
	res.Index = filepath.Join(dir, "index.html")
	err = atomicfile.Write(res.Index, func(w io.Writer) error { return page.Execute(w, cv) })
	return res, err
}

// pool runs job(0..n-1) on the given number of goroutines.
func pool(workers, n int, job func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				job(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// writePNG writes data to img/name and returns the page-relative path.
func (b *builder) writePNG(name string, data []byte) (string, error) {
	if err := atomicfile.Write(filepath.Join(b.imgDir, name), func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}); err != nil {
		return "", err
	}
	return "img/" + name, nil
}

// picture draws ims on t over area and writes it as img/name. With a
// detail centre, and when the picture is too small a scale to show single
// dots, it adds a magnified inset of the square around detail.
// It returns the page-relative path and the scale bar's length in mm.
func (b *builder) picture(name string, t *scalp.Template, ims []impression.Impression, area geom.Rect, o render.Options, detail *geom.Point) (string, float64, error) {
	w, h := pictureSize(area)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	v := render.FitView(area, w, h, pictureMarginPx)
	// The renderer's scale bar, drawn after the inset so the inset never
	// covers it; its length is named in the caption too.
	o.ScaleBar = false
	render.Chart(img, t, ims, v, o)
	if detail != nil && v.PxPerMM < insetMinPxPerMM {
		addInset(img, t, ims, v, *detail, o)
	}
	bar := render.DrawScaleBar(img, v, o.LineScale)
	var buf bytes.Buffer
	// Fast compression: a chart of thousands of dots compresses little
	// better at the default level, and encoding was a fifth of the
	// report's time.
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return "", 0, err
	}
	src, err := b.writePNG(name, buf.Bytes())
	return src, bar, err
}

// The magnified detail (model assumptions, for legibility): below
// insetMinPxPerMM a 0.2–0.3 mm dot (domain.md §2) covers under a quarter
// of a pixel and the work reads only as a tone, so the picture gets an
// inset showing an insetMM square at insetFrac of the picture's shorter side.
const (
	insetMinPxPerMM = 8.0
	insetMM         = 12.0
	insetFrac       = 0.45
)

var (
	insetInk   = color.RGBA{0x10, 0x10, 0x10, 0xff}
	insetPaper = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// addInset draws the square of side insetMM around c magnified in the
// bottom-right corner of img, and outlines where it comes from.
func addInset(img *image.RGBA, t *scalp.Template, ims []impression.Impression, v render.View, c geom.Point, o render.Options) {
	b := img.Bounds()
	side := int(float64(min(b.Dx(), b.Dy())) * insetFrac)
	if side < 40 {
		return
	}
	pad := pictureMarginPx
	r := image.Rect(b.Max.X-side-pad, b.Max.Y-side-pad, b.Max.X-pad, b.Max.Y-pad)
	in := image.NewRGBA(image.Rect(0, 0, side, side))
	half := insetMM / 2
	o.Markers, o.Heatmap, o.ScaleBar = nil, nil, false
	render.Chart(in, t, ims, render.FitView(geom.Rect{Min: geom.Pt(c.X-half, c.Y-half), Max: geom.Pt(c.X+half, c.Y+half)}, side, side, 0), o)
	// Where the detail comes from: a double-ruled square on the picture.
	x0, y0 := v.ToPx(geom.Pt(c.X-half, c.Y-half))
	x1, y1 := v.ToPx(geom.Pt(c.X+half, c.Y+half))
	src := image.Rect(int(x0), int(y0), int(math.Ceil(x1)), int(math.Ceil(y1)))
	frame(img, src.Inset(-2), insetPaper, 1)
	frame(img, src.Inset(-1), insetInk, 2)
	draw.Draw(img, r, in, image.Point{}, draw.Src)
	frame(img, r.Inset(-3), insetPaper, 2)
	frame(img, r.Inset(-1), insetInk, 2)
}

// frame strokes the inside of r, w pixels wide.
func frame(img *image.RGBA, r image.Rectangle, c color.RGBA, w int) {
	u := image.NewUniform(c)
	for _, e := range []image.Rectangle{
		image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+w), image.Rect(r.Min.X, r.Max.Y-w, r.Max.X, r.Max.Y),
		image.Rect(r.Min.X, r.Min.Y, r.Min.X+w, r.Max.Y), image.Rect(r.Max.X-w, r.Min.Y, r.Max.X, r.Max.Y),
	} {
		draw.Draw(img, e.Intersect(img.Bounds()), u, image.Point{}, draw.Src)
	}
}

// detailCentre is where the magnified detail looks: just behind the middle
// of the design hairline, so it shows the soft edge and the ramp (§5), or
// else the middle of the largest zone treated in the session.
func detailCentre(t *scalp.Template, sessionNo int, hairline bool) geom.Point {
	if line := t.DesignHairline; hairline && len(line) >= 2 {
		best, bi := math.Inf(1), 0
		for i, p := range line {
			if d := math.Abs(p.X); d < best { // the midline is x = 0 (sim/geom chart frame)
				best, bi = d, i
			}
		}
		k := min(bi, len(line)-2) // the segment starting at the point, or the last
		n := intoHair(line[k], line[k+1])
		return line[bi].Add(n.Mul(insetMM/2 - 3)) // 3 mm of forehead in view
	}
	var big *scalp.Zone
	for i := range t.Zones {
		z := &t.Zones[i]
		if z.Target(sessionNo).Max > 0 && (big == nil || z.Polygon.Area() > big.Polygon.Area()) {
			big = z
		}
	}
	if big != nil {
		if c := big.Polygon.Centroid(); big.Polygon.Contains(c) {
			return c
		}
		r := big.Polygon.Bounds()
		return geom.Pt((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2)
	}
	r := t.Bounds()
	return geom.Pt((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2)
}

// pictureSize keeps the area's aspect ratio within 1:2 either way.
func pictureSize(r geom.Rect) (int, int) {
	h := pictureWidthPx
	if r.Dx() > 0 && r.Dy() > 0 {
		h = int(math.Round(pictureWidthPx * r.Dy() / r.Dx()))
	}
	return pictureWidthPx, max(pictureWidthPx/2, min(h, 2*pictureWidthPx))
}

// expertKey is everything an expert example depends on. The template is
// keyed by identity, not by id: a file with its own hairline design is
// graded on a template of its own (scalp.Template.WithDesign), and the
// expert follows that line, so two files on one template id with
// different designs need two examples. Files on an embedded template share
// its one value (score.Builtin), and so share its example.
type expertKey struct {
	t        *scalp.Template
	session  int
	hairline bool // whether the example's hairline profile is wanted
}

// expert returns the expert example for gr's template and sessionNo, starting its
// generation in the background the first time; wait on done before
// reading it.
func (b *builder) expert(gr *score.Grader, sessionNo int, hairline bool) *expertRef {
	t := gr.Template()
	key := expertKey{t: t, session: sessionNo, hairline: hairline}
	b.mu.Lock()
	e := b.experts[key]
	if e == nil {
		e = &expertRef{done: make(chan struct{}),
			name: fmt.Sprintf("expert-%s-s%d-%d.png", safeName(t.ID), sessionNo, len(b.experts)+1)}
		b.experts[key] = e
	}
	b.mu.Unlock()
	e.start.Do(func() {
		go func() {
			defer close(e.done)
			e.detail = detailCentre(t, sessionNo, hairline)
			ims, err := pattern.Generate(t, pattern.Expert, sessionNo, ExpertSeed)
			if err != nil {
				e.err = err
				return
			}
			e.n = len(ims)
			e.overall = gr.Grade(ims, sessionNo, nil).Overall
			e.nn = nnDistances(ims, t.TreatedAreaCM2()*100)
			if hairline {
				e.profile = gr.HairlineProfile(ims, sessionNo, profileBinMM)
			}
			o := render.Preview(appearance.Healed)
			o.LineScale = lineScale
			e.area = focus(t, sessionNo, nil)
			e.img, e.bar, e.err = b.picture(e.name, t, ims, e.area, o, &e.detail)
		}()
	})
	return e
}

// focusMarginMM is the most skin shown around the work in the pictures:
// enough to see the hairline's setting and a dot that strayed; a small
// practice field gets focusMarginFrac of its size instead (model).
const (
	focusMarginMM   = 12.0
	focusMarginFrac = 0.06
)

// focus returns the part of t the pictures show: the zones treated in
// session sessionNo, the design hairline and every impression, with a
// margin, within the template's bounds. A report has room for pictures a
// third of a page wide, and a session-1 hairline is lost on a whole head.
func focus(t *scalp.Template, sessionNo int, ims []impression.Impression) geom.Rect {
	var r geom.Rect
	has := false
	add := func(q geom.Rect) {
		if !has {
			r, has = q, true
			return
		}
		r = r.Union(q)
	}
	for _, z := range t.Zones {
		if z.Target(sessionNo).Max > 0 && len(z.Polygon) > 0 {
			add(z.Polygon.Bounds())
		}
	}
	if len(t.DesignHairline) > 1 {
		add(geom.Polygon(t.DesignHairline).Bounds())
	}
	tb := t.Bounds()
	for _, im := range ims {
		if p := im.Pos; p.IsFinite() && tb.Inset(-focusMarginMM).Contains(p) {
			add(geom.Rect{Min: p, Max: p})
		}
	}
	if !has {
		return tb
	}
	margin := math.Min(focusMarginMM, focusMarginFrac*math.Max(r.Dx(), r.Dy()))
	r = r.Inset(-margin)
	// Never show more than the template (plus the margin).
	outer := tb.Inset(-margin)
	r.Min.X, r.Min.Y = math.Max(r.Min.X, outer.Min.X), math.Max(r.Min.Y, outer.Min.Y)
	r.Max.X, r.Max.Y = math.Min(r.Max.X, outer.Max.X), math.Min(r.Max.Y, outer.Max.Y)
	if !(r.Dx() > 0 && r.Dy() > 0) {
		return tb
	}
	return r
}

// safeName keeps letters, digits, '-' and '_' so an id is a file name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
}

// trainee grades file number i and draws its section.
// It returns the section and a function that completes it once the expert
// example is ready (the plots compare against it).
func (b *builder) trainee(i int, path string) (*trainee, func() error, error) {
	g, err := load(path)
	if err != nil {
		return nil, nil, err
	}
	t, s, rep := g.tmpl, g.sess, g.rep
	tv := &trainee{
		Anchor: fmt.Sprintf("t%d", i+1), File: path, Template: t.ID, TemplateName: t.Name,
		Session: s.Number, Exercise: s.Exercise, Impressions: len(s.Impressions), Edited: s.EditedAfterSave(),
		Weighted: g.weighted, Overall: grading.Clean(rep.Overall), Ignored: rep.Ignored,
	}
	tv.Name = s.Trainee
	if tv.Name == "" {
		tv.Name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	tv.attempt = courseAttempt(tv, s.Saved, rep.Criteria)
	tv.OverallText = fmt.Sprintf("%.1f", rep.Overall)
	prefix := fmt.Sprintf("t%03d-", i+1)

	// Start the expert example; the work is drawn over the same area,
	// with its detail inset on the same spot.
	hairline := rep.Criterion(score.IDHairline) != nil
	ex := b.expert(g.grader, s.Number, hairline)
	detail := detailCentre(t, s.Number, hairline)
	area := focus(t, s.Number, s.Impressions)
	if w, h := pictureSize(area); render.FitView(area, w, h, pictureMarginPx).PxPerMM < insetMinPxPerMM {
		tv.Inset, tv.InsetMM = true, insetMM
	}

	// The work, healed, as the client will see it.
	o := render.Preview(appearance.Healed)
	o.ScaleBar, o.LineScale = true, lineScale
	if tv.WorkImg, tv.WorkBar, err = b.picture(prefix+"work.png", t, s.Impressions, area, o, &detail); err != nil {
		return nil, nil, err
	}
	// The instructor's view: guides, heatmap, every criterion's markers.
	o = render.All(appearance.Healed)
	o.LineScale = lineScale
	o.Heatmap = b.heat(t, s.Number).Measure(s.Impressions)
	// Each fault's places, drawn as its code's marker kind and named in
	// the key by its title; markers of a criterion without codes as notes.
	for k := range rep.Criteria {
		for _, f := range render.MarkedFaults(&rep.Criteria[k]) {
			kind := f.Marker
			n := min(len(f.Places), maxMarkers)
			for _, m := range f.Places[:n] {
				if m.IsFinite() {
					o.Markers = append(o.Markers, render.Marker{Pos: m, Kind: kind})
				}
			}
			if n > 0 {
				tv.Legend = appendLegend(tv.Legend, kind, f.Code.Title())
			}
		}
	}
	if tv.ProblemImg, tv.ProblemBar, err = b.picture(prefix+"problems.png", t, s.Impressions, area, o, nil); err != nil {
		return nil, nil, err
	}

	if g.mapping != nil {
		if err := b.headViews(tv, prefix, g); err != nil {
			return nil, nil, err
		}
	}

	// Score card.
	for _, c := range rep.Criteria {
		tv.Criteria = append(tv.Criteria, criterionView(c))
	}

	treated := t.TreatedAreaCM2() * 100
	nn := nnDistances(s.Impressions, treated)
	lambda := 0.0
	if treated > 0 {
		lambda = float64(rep.Impressions) / treated
	}
	if len(nn) > 0 {
		tv.NNMedian = quantile(nn, 0.5)
	}
	var profile []score.ProfileBin
	switch {
	case !hairline:
		tv.ProfileNote = "No hairline profile: this template has no frontal hairline to lay in this session."
	case len(t.DesignHairline) < 2:
		tv.ProfileNote = "No hairline profile: this template has no design hairline to measure from."
	default:
		if profile = g.grader.HairlineProfile(s.Impressions, s.Number, profileBinMM); profile == nil {
			tv.ProfileNote = "No hairline profile: no hairline is treated in this session."
		}
		tv.profile = profile
	}
	later := func() error {
		<-ex.done
		if ex.err != nil {
			tv.ExpertNote = "No expert example: " + fileerr.OneLine(ex.err.Error())
		} else {
			tv.ExpertImg, tv.ExpertBar = ex.img, ex.bar
			tv.ExpertNote = fmt.Sprintf("sim/pattern expert, seed %d: %d impressions, overall %.1f", ExpertSeed, ex.n, ex.overall)
		}
		data, err := nnPlot(nn, ex.nn, lambda)
		if err != nil {
			return fmt.Errorf("%s: nearest-neighbour plot: %v", path, err)
		}
		if tv.NNImg, err = b.writePNG(prefix+"nn.png", data); err != nil {
			return err
		}
		if profile == nil {
			return nil
		}
		if data, err = profilePlot(profile, ex.profile); err != nil {
			return fmt.Errorf("%s: hairline profile plot: %v", path, err)
		}
		tv.ProfileImg, err = b.writePNG(prefix+"profile.png", data)
		return err
	}
	return tv, later, nil
}

// appendLegend adds fault name to the key entry drawn as kind draws: kinds
// drawn alike (a no-go dot and a temple point) share one entry.
func appendLegend(l []legend, kind score.MarkerKind, name string) []legend {
	c := render.MarkerColour(kind)
	colour := fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
	shape := "circle"
	if render.MarkerIsCross(kind) {
		shape = "cross"
	}
	for i := range l {
		if l[i].Colour == colour && l[i].Shape == shape {
			l[i].Label += ", " + name
			return l
		}
	}
	return append(l, legend{Kind: string(kind), Label: name, Colour: colour, Shape: shape})
}

func criterionView(c score.Criterion) crit {
	return crit{
		ID: c.ID, Name: c.Name, Unit: c.Unit, Target: c.Target, Feedback: c.Feedback,
		Score: grading.Clean(c.Score), Value: grading.Clean(c.Value), Weight: grading.Clean(c.Weight),
		ScoreText: fmt.Sprintf("%.1f", c.Score), ValueText: grading.CriterionValue(&c),
		WeightText: fmt.Sprintf("%g", grading.Clean(c.Weight)), Bar: int(math.Round(math.Max(0, math.Min(100, c.Score)))),
		Low:  c.Score < FaultBelow,
		Code: firstCode(c.Faults),
	}
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	k := make([]string, 0, len(m))
	for s := range m {
		k = append(k, s)
	}
	sort.Strings(k)
	return k
}

// firstCode returns the code of the first (worst) fault, "" for none.
func firstCode(fs []score.Fault) score.FaultCode {
	if len(fs) == 0 {
		return ""
	}
	return fs[0].Code
}
