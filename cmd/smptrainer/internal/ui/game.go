// Package ui is the trainer's window: an Ebitengine game that shows a scalp
// template at true scale and lets a trainee place impressions on it.
//
// The game reads its input once per tick from an input.Source (the real
// mouse and keyboard, or a script in tests), and its logic (update.go)
// sees nothing but that Input. Drawing (draw.go) never changes state
// except to render cache tiles.
package ui

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"image"
	"io/fs"
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/smptrainer/smp/assets"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/doc"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/store"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/layer"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/view"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/exercise"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/render"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/session"
)

// TPS is the game's tick rate. Impression times are tick counts divided by
// it, so a replayed script gives the same times on any machine.
const TPS = 60

// FallbackTemplate is opened when no exercise is available.
const FallbackTemplate = "norwood3"

// Capture is one frame read back from the screen.
type Capture struct {
	// Name is the name the script gave the capture.
	Name string
	// Image is the frame, in screen pixels.
	Image *image.RGBA
	// Camera is the view the frame was drawn with.
	Camera view.Camera
	// Tick is the tick the frame follows.
	Tick int
}

// Config is how the trainer starts.
type Config struct {
	// SessionPath is a session file from the command line: opened when it
	// exists, and where Ctrl+S saves. Empty: save to a new timestamped
	// file in the sessions folder.
	SessionPath string
	// Exercise and Template pick what to open when SessionPath does not
	// exist; both empty means exercise.Default().
	Exercise, Template string
	// Source drives the game; nil reads the real mouse and keyboard.
	Source input.Source
	// OnCapture receives frames a script asked for (Input.Capture).
	OnCapture func(c Capture)
	// OnFrame, when set, is called after every Draw (benchmarks).
	OnFrame func(g *Game)
	// WindowW and WindowH are the window size in logical pixels; 0 means
	// 1280×800.
	WindowW, WindowH int
	// Title overrides the window title.
	Title string
	// RenderBudget is how many cache tiles may be rendered per frame while
	// an older zoom level stands in; 0 keeps the layer's default.
	RenderBudget int
	// Now returns the wall-clock time for file names and timestamps; nil
	// means time.Now.
	Now func() time.Time
	// Autosave is how long (wall time) after a change the work's recovery
	// file is written; 0 means DefaultAutosave, negative disables autosave
	// (work put aside when another file is opened is still kept).
	Autosave time.Duration
	// Trainee is the trainee's name for this run (-trainee), written into
	// every save; empty means the name kept in the settings, asked for on
	// the first run.
	Trainee string
	// ClassURL and ClassCode are the class server to hand in to (-class,
	// -code; "smpgrade serve"); ClassURL "" means none.
	ClassURL, ClassCode string
	// NoIntro skips the first-run name prompt and the task card at launch
	// (benchmarks, screenshots and tests of other things).
	NoIntro bool
}

// tileTimeBudget is how long a frame may spend rendering cache tiles after
// a zoom while the previous zoom's tiles stand in: a third of a 60 Hz
// frame, leaving the rest for drawing.
const tileTimeBudget = 5 * time.Millisecond

// DefaultAutosave is how long after the first unsaved change the recovery
// file is written: 5 s, "every few seconds" (issue 5).
const DefaultAutosave = 5 * time.Second

// Game is the trainer.
type Game struct {
	cfg Config
	src input.Source

	// scenes is the chart editor with the modal layers open over it;
	// the toolbar and then panelSet get the pointer before the chart
	// (scenes.go).
	scenes   *scene.Manager
	panelSet scene.Panels
	toolbar  *toolbar

	ex    *exercise.Exercise
	doc   *doc.Doc
	layer *layer.Layer
	opts  render.Options
	stage appearance.Stage

	cam     view.Camera
	camInit bool
	w, h    int // screen size in device pixels
	dsf     float64

	needle impression.Needle
	tools  toolState // tools.go: depth from hold, stipple, eraser
	// panels: shadepanel.go, scorepanel.go, overlays.go.
	panels panelState
	tick   int
	// startTick is the tick the session's clock started at.
	startTick int

	// Pointer state.
	lastX, lastY   float64
	panning        bool
	pressed        bool // a left press that may become a click
	pressX, pressY float64

	// savePath is where Ctrl+S writes; "" means a new timestamped file.
	savePath string
	// lastExport is the last PNG written by Ctrl+E (export.go).
	lastExport string
	// fileName is shown in the status line.
	fileName string

	msg      string
	msgErr   bool
	msgUntil int
	// handins receives the outcome of a hand-in under way (handin.go).
	handins chan handinOutcome

	// consult is the consultation scene (consult.go), nil when closed.
	consult *consultScene
	// mapping is the hairline mapping scene (mapping.go), or nil.
	mapping *mapScene
	// uiScale is the UI size (Ctrl+= / Ctrl+−, uiscale.go); settingsBroken
	// is set when settings.json could not be read, so it is not written
	// over.
	uiScale        float64
	settingsBroken bool
	// profile is the hairline profile panel (Y, profile.go).
	profile profileState
	// Recovery (recovery.go): the run's claim on the recovery folder (nil
	// without a file system) and this piece of work's recovery slot.
	run  *store.Run
	work *store.Work
	// trainee is the name written into saves; keptTrainee is the one in
	// the settings file (nameprompt.go).
	trainee, keptTrainee string

	// Autosave: when the first change not yet autosaved was made (zero
	// when there is none), the state last autosaved, the write running.
	dirtySince  time.Time
	autosavedID uint64
	autosaving  chan error

	// drawn is what the last frame showed and lastInputTick the last
	// tick with input (redraw.go).
	drawn         drawnState
	lastInputTick int
	lastInputAt   time.Time
	// windowed is set when the game runs in a real window (RunGame), and
	// idle when it is in the minimum-update mode.
	windowed, idle bool

	// frames times Update and Draw for -frametimes (frametimes.go), or
	// is nil.
	frames *frameTimes

	pendingCapture []string
	quit           bool
	// closeAsked is the tick of an unconfirmed close request, or -1.
	closeAsked int

	face, small *text.GoTextFace

	// ring is the cursor ring image, for radius ringR and width ringW.
	ring         *ebiten.Image
	ringR, ringW float32
	// ownRings are the rings around the work's dots, by on-screen
	// radius (owndots.go).
	ownRings map[float32]*ebiten.Image
}

// fontSource is the Go font, parsed once.
var fontSource *text.GoTextFaceSource

func loadFont() (*text.GoTextFaceSource, error) {
	if fontSource != nil {
		return fontSource, nil
	}
	b, err := fs.ReadFile(assets.FS, "fonts/Go-Regular.ttf")
	if err != nil {
		return nil, fmt.Errorf("reading the embedded font: %w", err)
	}
	s, err := text.NewGoTextFaceSource(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("parsing the embedded font: %w", err)
	}
	fontSource = s
	return s, nil
}

// NewGame prepares the trainer. Errors opening the command line's file are
// not fatal: the window opens on the default exercise and shows them.
func NewGame(cfg Config) (*Game, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Autosave == 0 {
		cfg.Autosave = DefaultAutosave
	}
	g := &Game{cfg: cfg, src: cfg.Source, needle: impression.DefaultNeedle, closeAsked: -1}
	if g.src == nil {
		g.src = &input.Ebiten{}
	}
	g.scenes = scene.NewManager(editor{g})
	g.toolbar = newToolbar(g)
	// Drawing order, bottom to top; the pointer goes top first (after
	// the toolbar, which is above them all).
	g.panelSet.Add(profilePanel{g}, splitPanel{g}, shadePanel{g}, scorePanel{g})
	src, err := loadFont()
	if err != nil {
		return nil, err
	}
	st, serr := store.LoadSettings()
	g.uiScale = st.UIScale
	g.keptTrainee = st.Trainee
	g.trainee = cmp.Or(cfg.Trainee, st.Trainee)
	g.settingsBroken = serr != nil
	if serr != nil {
		g.error("Could not read the settings (defaults used; the file is left as it is): %v", serr)
	}
	g.face = &text.GoTextFace{Source: src, Size: 15}
	g.small = &text.GoTextFace{Source: src, Size: 13}
	g.opts = render.Options{Zones: true, Hairline: true, Hair: true, Scars: true}
	g.stage = appearance.Fresh
	g.startRecovery() // recovery.go

	var openErr error
	newPath := ""
	if cfg.SessionPath != "" {
		s, err := store.LoadSession(cfg.SessionPath)
		switch {
		case err == nil:
			if err := g.adopt(s, cfg.SessionPath); err != nil {
				openErr = err
			} else {
				g.offerRecovery()
				g.intro(false)
				return g, nil
			}
		case errors.Is(err, fs.ErrNotExist):
			// A new file: start fresh and save there.
			newPath = cfg.SessionPath
		default:
			// Damaged: say so, and never write over it.
			openErr = err
		}
	}
	if err := g.startExercise(cfg.Exercise, cfg.Template); err != nil {
		return nil, err
	}
	if newPath != "" {
		g.savePath, g.fileName = newPath, newPath
	}
	if openErr != nil {
		g.error("Could not open %v", openErr)
	}
	g.offerRecovery()
	g.intro(true)
	return g, nil
}

// intro opens what a trainee sees at launch: the name prompt on the first
// run, then the task card when card is set (new work on an exercise).
func (g *Game) intro(card bool) {
	if g.cfg.NoIntro {
		return
	}
	show := func() {
		if card {
			g.showTaskCard()
		}
	}
	if g.trainee == "" {
		g.push(&namePrompt{g: g, field: textField{max: maxNameRunes}, first: true, then: show})
		return
	}
	show()
}

// startExercise opens an empty document for an exercise or a template.
func (g *Game) startExercise(exID, tplID string) error {
	var ex *exercise.Exercise
	switch {
	case exID != "":
		e, err := exercise.Lookup(exID)
		if err != nil {
			return err
		}
		ex = e
	case tplID == "":
		ex = firstExercise()
	}
	if tplID == "" {
		tplID = FallbackTemplate
		if ex != nil {
			tplID = ex.Template
		}
	}
	t, err := scalp.Lookup(tplID)
	if err != nil && ex != nil {
		// The exercise's template is not available: practise on the
		// square rather than not opening at all, and say so.
		t, err = scalp.Lookup("square20")
		g.error("Exercise %s needs template %s, which is not available; opened the practice square instead", ex.ID, ex.Template)
		ex = nil
	}
	if err != nil {
		return err
	}
	number, exName := 1, ""
	if ex != nil {
		number, exName = ex.Session, ex.ID
	}
	g.ex = ex
	d := doc.New(t, exName, number, g.cfg.Now())
	d.Trainee = g.trainee
	g.setDoc(d)
	return nil
}

// firstExercise is where a trainee starts: the first exercise of the
// course (the even square), or exercise.Default should the list be empty.
func firstExercise() *exercise.Exercise {
	if all := exercise.All(); len(all) > 0 {
		return all[0]
	}
	return exercise.Default()
}

// adopt makes an opened session the document; path is where it came from
// ("" when it has no real path, such as a dropped file in a browser).
func (g *Game) adopt(s *session.Session, path string) error {
	t, err := scalp.Lookup(s.Template)
	if err != nil {
		return fmt.Errorf("%s: template: %w", path, err)
	}
	var ex *exercise.Exercise
	if s.Exercise != "" {
		ex, _ = exercise.Lookup(s.Exercise) // an unknown exercise still opens as free practice
	}
	number := s.Number
	if number < 1 || number > 3 {
		number = 1
	}
	d := doc.New(t, s.Exercise, number, s.Created)
	d.Trainee = s.Trainee
	d.Consultation = s.Consultation
	d.Design = s.Design
	d.SetImpressions(s.Impressions)
	g.ex = ex
	g.setDoc(d)
	g.savePath, g.fileName = path, path
	// The session clock continues after the last impression.
	var last float64
	for _, im := range s.Impressions {
		last = math.Max(last, im.TimeS)
	}
	g.startTick = g.tick - int(math.Ceil(last*TPS))
	return nil
}

// setDoc replaces the document and its picture.
func (g *Game) setDoc(d *doc.Doc) {
	g.doc = d
	g.layer = layer.New(d, g.layerOptions(), g.stage)
	if g.cfg.RenderBudget > 0 {
		g.layer.Budget = g.cfg.RenderBudget
	} else {
		g.layer.TimeBudget = tileTimeBudget
	}
	g.startTick = g.tick
	g.camInit = false
	g.dirtySince = time.Time{}
	g.autosavedID = d.StateID()
	g.work = g.run.NewWork() // recovery.go: the new work's own recovery slot
	g.savePath, g.fileName = "", ""
	g.panelsNewDoc() // scorepanel.go: the live score follows the document
	// A new client: the ink goes back to the advisor's pick for them
	// (shadepanel.go), as a choice made for another skin may not suit.
	g.panels.pigment, g.panels.dilution = "", 0
	g.shadeContent()
}

func (g *Game) layerOptions() render.Options {
	o := g.opts
	o.LineScale = math.Max(1, g.dsf)
	if g.ex != nil && g.ex.IsMapping() {
		// A mapping exercise starts with no design line: the template's
		// would be the answer (mapping.go).
		o.Hairline = false
	}
	return o
}

// initCamera shows the chart at 1:1, centred on the area to treat.
// A template that would fill less than a third of the window at 1:1 (the
// 2 cm practice square) is fitted to the window instead.
func (g *Game) initCamera() {
	g.cam = view.New(view.TrueScale(g.dsf), g.focus(), g.w, g.h)
	g.layoutPanels() // the toolbar's height, for fit
	b := g.doc.T.Bounds()
	if (b.Max.X-b.Min.X)*g.cam.Scale < float64(g.w)/3 && (b.Max.Y-b.Min.Y)*g.cam.Scale < float64(g.h)/3 {
		g.fit()
	}
	g.camInit = true
}

// focus is the chart point the camera starts on: the design hairline's
// middle when there is one (the first session's work), else the centre of
// the template.
func (g *Game) focus() geom.Point {
	t := g.doc.T
	if n := len(t.DesignHairline); n > 0 {
		p := t.DesignHairline[n/2]
		// Centre a little behind the line so the zones behind it show.
		return geom.Point{X: p.X, Y: p.Y + 25}
	}
	b := t.Bounds()
	return geom.Point{X: (b.Min.X + b.Max.X) / 2, Y: (b.Min.Y + b.Max.Y) / 2}
}

// MMToScreen implements input.Context.
func (g *Game) MMToScreen(p geom.Point) (x, y float64) {
	if g.mapping != nil { // the mapping scene has a view of its own
		return g.mapping.toScreen(p)
	}
	return g.cam.ToScreen(p)
}

// Camera returns the current view.
func (g *Game) Camera() view.Camera { return g.cam }

// Doc returns the document.
func (g *Game) Doc() *doc.Doc { return g.doc }

// Layer returns the chart picture cache.
func (g *Game) Layer() *layer.Layer { return g.layer }

// Needle returns the current needle.
func (g *Game) Needle() impression.Needle { return g.needle }

// Message returns the message line and whether it is an error.
func (g *Game) Message() (string, bool) { return g.msg, g.msgErr }

// SavePath returns where Ctrl+S writes ("" for a new file).
func (g *Game) SavePath() string { return g.savePath }

// Layout implements ebiten.Game; Ebitengine calls LayoutF instead.
func (g *Game) Layout(ow, oh int) (int, int) {
	w, h := g.LayoutF(float64(ow), float64(oh))
	return int(w), int(h)
}

// LayoutF implements ebiten.LayoutFer: the screen is in device pixels, so
// a HiDPI monitor gets its full resolution and TrueScale holds.
func (g *Game) LayoutF(ow, oh float64) (float64, float64) {
	dsf := ebiten.Monitor().DeviceScaleFactor()
	if dsf != g.dsf && g.dsf != 0 && g.layer != nil {
		// Moved to a monitor of another density: keep the zoom, redo 1:1.
		z := g.cam.Zoom()
		g.cam.True = view.TrueScale(dsf)
		g.cam.Scale = z * g.cam.True
		g.layer.SetOptions(g.layerOptionsFor(dsf), g.stage)
	}
	g.dsf = dsf
	w, h := math.Ceil(ow*dsf), math.Ceil(oh*dsf)
	g.w, g.h = int(w), int(h)
	return w, h
}

func (g *Game) layerOptionsFor(dsf float64) render.Options {
	o := g.opts
	o.LineScale = math.Max(1, dsf)
	return o
}

// info shows a message for a few seconds.
func (g *Game) info(format string, a ...any) {
	g.msg, g.msgErr, g.msgUntil = fmt.Sprintf(format, a...), false, g.tick+4*TPS
}

// error shows an error message until the next one or a dismissal (Esc),
// at most a minute.
func (g *Game) error(format string, a ...any) {
	g.msg, g.msgErr, g.msgUntil = fmt.Sprintf(format, a...), true, g.tick+60*TPS
}
