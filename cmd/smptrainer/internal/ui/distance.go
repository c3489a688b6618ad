package ui

// The "view from a distance" preview (issue 9): O shows the chart as an
// eye sees it from 0.3, 0.5, 1 or 2 m, so a trainee sees a helmet or a
// blue cast forming before an instructor has to say so. The picture is
// what the chart shows on screen, blurred by sim/viewer's S-CIELAB eye
// model at the camera's pixels per millimetre. It is recomputed only when
// the distance, the work, the preview stage or the camera changes, in the
// background (a full window takes a few hundred milliseconds), and the
// label says it is a model. Update (distanceTick) takes the finished
// picture and starts the next blur from the chart drawn off screen; Draw
// only shows the picture.

import (
	"fmt"
	"image"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/doc"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/view"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/render"
	"github.com/smptrainer/smp/sim/viewer"
)

// distanceSteps are the views O cycles through: 0 is off (the sharp
// chart), then sim/viewer's viewing distances in metres.
var distanceSteps = append([]float64{0}, viewer.DistancesM...)

// distanceState is the preview's state, kept in panelState.
type distanceState struct {
	// step indexes distanceSteps.
	step int
	// now is the key of the picture the chart shows (set each tick).
	now distanceKey
	// img is the blurred chart for key; job blurs the capture for jobKey;
	// shot is the chart drawn off screen for it.
	key    distanceKey
	img    *ebiten.Image
	job    chan *image.RGBA
	jobKey distanceKey
	shot   *ebiten.Image
}

// distanceKey is everything the blurred picture depends on.
type distanceKey struct {
	metres float64
	cam    view.Camera
	w, h   int
	doc    *doc.Doc
	state  uint64 // the document's StateID: its content
	stage  appearance.Stage
}

// metres is the current viewing distance; 0 when the preview is off.
func (d *distanceState) metres() float64 { return distanceSteps[d.step] }

// cycle moves to the next distance (off after the farthest) and returns it.
func (d *distanceState) cycle() float64 {
	d.step = (d.step + 1) % len(distanceSteps)
	return d.metres()
}

// distanceLabel is the caption of the preview at m metres.
func distanceLabel(m float64) string {
	return fmt.Sprintf("seen from %s m (model: eye blur, S-CIELAB)", trimFloat(m))
}

// trimFloat writes 0.5 as "0.5" and 1 as "1".
func trimFloat(v float64) string { return fmt.Sprintf("%g", v) }

// seenFrom is the chart picture img, drawn at pxPerMM screen pixels per
// chart millimetre, as the eye model sees it from m metres. Only the chart
// is blurred: the window's background around the head is not skin, so it
// takes no part (viewer.BlurWithin) and stays as it is; blurred with the
// head it left a red fringe along the outline.
func seenFrom(img *image.RGBA, pxPerMM, m float64) *image.RGBA {
	bg := render.Background
	return viewer.BlurWithin(img, func(x, y int) bool {
		i := img.PixOffset(x, y)
		p := img.Pix[i : i+3 : i+3]
		return p[0] != bg.R || p[1] != bg.G || p[2] != bg.B
	}, pxPerMM, m)
}

// cycleDistance is O: the next viewing distance.
func (g *Game) cycleDistance() {
	d := &g.panels.distance
	m := d.cycle()
	if m == 0 {
		g.info("View from a distance off: the chart is sharp again")
		return
	}
	g.info("Chart %s · O changes the distance", distanceLabel(m))
}

// distanceKeyNow is the key of the picture the chart shows now.
func (g *Game) distanceKeyNow() distanceKey {
	return distanceKey{metres: g.panels.distance.metres(), cam: g.cam, w: g.w, h: g.h, doc: g.doc, state: g.doc.StateID(), stage: g.stage}
}

// distanceTick runs the preview in Update: it takes a finished blur, and
// when the picture is out of date and no blur is running it draws the
// chart off screen, once every tile is ready, and blurs that in the
// background.
func (g *Game) distanceTick() {
	d := &g.panels.distance
	d.now = g.distanceKeyNow()
	if d.job != nil {
		select {
		case img := <-d.job:
			d.job = nil
			if d.img == nil || d.img.Bounds().Size() != img.Rect.Size() {
				if d.img != nil {
					d.img.Deallocate()
				}
				d.img = ebiten.NewImage(img.Rect.Dx(), img.Rect.Dy())
			}
			d.img.WritePixels(img.Pix)
			d.key = d.jobKey
		default:
		}
	}
	m := d.metres()
	if m == 0 || d.job != nil || (d.img != nil && d.key == d.now) || g.w <= 0 || g.h <= 0 ||
		!g.layer.Complete(g.cam, g.w, g.h) {
		return
	}
	if d.shot == nil || d.shot.Bounds().Dx() != g.w || d.shot.Bounds().Dy() != g.h {
		if d.shot != nil {
			d.shot.Deallocate()
		}
		d.shot = ebiten.NewImage(g.w, g.h)
	}
	d.shot.Fill(render.Background)
	g.layer.Draw(d.shot, g.cam)
	img := image.NewRGBA(image.Rect(0, 0, g.w, g.h))
	d.shot.ReadPixels(img.Pix)
	ch := make(chan *image.RGBA, 1)
	d.job, d.jobKey = ch, d.now
	scale := g.cam.Scale
	go func() { ch <- seenFrom(img, scale, m) }()
}

// drawDistance is called right after the chart is drawn and before any
// overlay: with the preview on it replaces the chart by its blurred
// picture when that is up to date.
func (g *Game) drawDistance(screen *ebiten.Image) {
	d := &g.panels.distance
	m := d.metres()
	if m == 0 {
		return
	}
	ready := d.img != nil && d.key == d.now
	if ready {
		screen.DrawImage(d.img, nil)
	}
	caption := distanceLabel(m)
	if !ready {
		caption += " · working…"
	}
	f := g.face
	w, h := text.Measure(caption, f, f.Size*1.3)
	pad := g.ui(6)
	x := math.Round((float64(g.w) - w) / 2)
	y := float64(g.h-g.statusHeight()) - h - 3*pad
	fillRect(screen, float32(x-pad), float32(y-pad), float32(w+2*pad), float32(h+2*pad), barColour)
	drawText(screen, caption, f, x, y, textColour)
}

// DistanceView reports the viewing distance of the preview (0: off) and
// whether the blurred picture on screen is up to date with the chart.
func (g *Game) DistanceView() (metres float64, ready bool) {
	d := &g.panels.distance
	return d.metres(), d.img != nil && d.key == d.now
}
