package ui

// PNG export (Ctrl+E): the current view, rendered again at a multiple of
// the window's resolution by the software renderer, with the score card
// drawn in a band below it.

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/smptrainer/smp/assets"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/store"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/layer"
	"github.com/smptrainer/smp/sim/atomicfile"
	"github.com/smptrainer/smp/sim/render"
	"github.com/smptrainer/smp/sim/score"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Export resolutions, as multiples of the window's device pixels: 2× for
// a sharp slide or handout, 4× for print.
const (
	ExportScale      = 2
	ExportPrintScale = 4
)

// ExportMaxPixels bounds an export's view, in pixels: 4× a large HiDPI
// window would need some 60 million (240 MB of RGBA), past the trainer's
// 300 MB memory budget (issue 5), so the scale drops until the view fits.
const ExportMaxPixels = 32 << 20

// Score card colours: the status bar's, so the export reads like the app.
var (
	cardColour     = color.RGBA{0x1b, 0x1d, 0x1f, 0xff}
	cardTextColour = color.RGBA{0xe8, 0xe8, 0xe8, 0xff}
	cardDimColour  = color.RGBA{0xa0, 0xa4, 0xa8, 0xff}
)

// cardFontPx is the score card's font size in logical pixels at 1×.
const cardFontPx = 14

// exportPNG writes the view as a PNG (Ctrl+E; print resolution with Shift).
func (g *Game) exportPNG(print bool) {
	scale := ExportScale
	if print {
		scale = ExportPrintScale
	}
	path, err := g.exportPath()
	if err != nil {
		g.error("Could not export: %v", err)
		return
	}
	for scale > 1 && g.w*scale*g.h*scale > ExportMaxPixels {
		scale--
	}
	img, err := g.ExportImage(scale)
	if err != nil {
		g.error("Could not export: %v", err)
		return
	}
	if err := atomicfile.Write(path, func(w io.Writer) error { return render.PNG(w, img) }); err != nil {
		g.error("Could not export to %s: %v", path, err)
		return
	}
	g.lastExport = path
	g.info("Exported %d×%d PNG (%d× the window) with the score card to %s", img.Bounds().Dx(), img.Bounds().Dy(), scale, path)
}

// LastExport returns the path of the last PNG exported, or "".
func (g *Game) LastExport() string { return g.lastExport }

// exportPath is where the next export goes: beside the session file when
// there is one, else in the sessions folder, named by the time.
func (g *Game) exportPath() (string, error) {
	stamp := g.cfg.Now().Format("20060102-150405")
	var dir, base string
	if g.savePath != "" {
		dir = filepath.Dir(g.savePath)
		base = strings.TrimSuffix(filepath.Base(g.savePath), filepath.Ext(g.savePath)) + "-" + stamp
	} else {
		d, err := store.SessionsDir()
		if err != nil {
			return "", err
		}
		dir, base = d, "export-"+stamp
	}
	p := filepath.Join(dir, base+".png")
	for i := 2; ; i++ {
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
		p = filepath.Join(dir, fmt.Sprintf("%s-%d.png", base, i))
	}
}

// ExportImage renders the current view at scale times the window's
// resolution, with the score card (score.Grade of the work) in a band
// below it.
func (g *Game) ExportImage(scale int) (*image.RGBA, error) {
	if g.w <= 0 || g.h <= 0 {
		return nil, errors.New("the window has no size yet")
	}
	f, err := cardFont()
	if err != nil {
		return nil, err
	}
	d := g.doc
	var w score.Weights
	if g.ex != nil {
		w = g.ex.Weights
	}
	rep := g.grader().Grade(d.Impressions(), d.Number, w)
	lines := g.cardLines(rep)

	sz := float64(scale) * g.dev(cardFontPx) // not the UI size: the card fits the image
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: sz, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, fmt.Errorf("the score card's font: %w", err)
	}
	defer face.Close()
	lineH := int(sz * 1.45)
	pad := int(sz)
	vw, vh := g.w*scale, (g.h-g.statusHeight())*scale
	wrapped := wrapCard(lines, face, vw-2*pad)
	cardH := 2*pad + lineH*len(wrapped)
	img := image.NewRGBA(image.Rect(0, 0, vw, vh+cardH))

	// The view: the same chart point at the top-left corner as on screen.
	v := render.View{Origin: g.cam.ToMM(0, 0), PxPerMM: g.cam.Scale * float64(scale)}
	view := img.SubImage(image.Rect(0, 0, vw, vh)).(*image.RGBA)
	o := g.layerOptions()
	o.LineScale *= float64(scale)
	render.Template(view, d.T, v, o)
	layer.DrawDots(view, d.T, d.Impressions(), v, g.stage, d.Number)
	render.DrawScaleBar(view, v, o.LineScale)

	// The card.
	card := image.Rect(0, vh, vw, vh+cardH)
	for y := card.Min.Y; y < card.Max.Y; y++ {
		for x := card.Min.X; x < card.Max.X; x++ {
			img.SetRGBA(x, y, cardColour)
		}
	}
	dr := &font.Drawer{Dst: img, Face: face}
	for i, l := range wrapped {
		c := cardDimColour
		if l.head {
			c = cardTextColour
		}
		dr.Src = image.NewUniform(c)
		dr.Dot = fixed.P(pad, vh+pad+lineH*i+int(sz))
		dr.DrawString(l.s)
	}
	return img, nil
}

// cardLines is the score card: a headline, then one line per criterion.
func (g *Game) cardLines(rep *score.Report) []string {
	d := g.doc
	title := d.T.Name
	if g.ex != nil {
		title = g.ex.Title
	}
	n, dens := d.Treated()
	out := []string{fmt.Sprintf("Score %.0f/100  ·  %s  ·  %s, session %d  ·  %d impressions, %.1f/cm² treated  ·  preview %s",
		rep.Overall, title, d.T.ID, d.Number, n, dens, g.stage)}
	for _, c := range rep.Criteria {
		l := fmt.Sprintf("%s %d/100", c.Name, score.Whole(c.Score))
		if c.Target != "" {
			l += fmt.Sprintf(" (%.3g %s, target %s)", c.Value, c.Unit, c.Target)
		}
		if c.Feedback != "" {
			l += ": " + c.Feedback
		}
		out = append(out, l)
	}
	return out
}

// cardFontData is the parsed Go font for the score card.
var cardFontData *opentype.Font

func cardFont() (*opentype.Font, error) {
	if cardFontData != nil {
		return cardFontData, nil
	}
	b, err := fs.ReadFile(assets.FS, "fonts/Go-Regular.ttf")
	if err != nil {
		return nil, fmt.Errorf("reading the embedded font: %w", err)
	}
	f, err := opentype.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("parsing the embedded font: %w", err)
	}
	cardFontData = f
	return f, nil
}

// cardLine is one line of the score card as drawn.
type cardLine struct {
	s string
	// head marks the headline's lines, drawn brighter.
	head bool
}

// wrapCard breaks the card's lines to fit w pixels, indenting the
// continuation lines.
func wrapCard(lines []string, face font.Face, w int) []cardLine {
	var out []cardLine
	limit := fixed.I(w)
	for i, l := range lines {
		cur := ""
		for _, word := range strings.Fields(l) {
			try := word
			if cur != "" {
				try = cur + " " + word
			}
			if font.MeasureString(face, try) > limit && cur != "" {
				out = append(out, cardLine{cur, i == 0})
				cur = "    " + word
			} else {
				cur = try
			}
		}
		out = append(out, cardLine{cur, i == 0})
	}
	return out
}
