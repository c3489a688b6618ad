package keymap

import "github.com/hajimehoshi/ebiten/v2"

// The actions. Each has exactly one row in Table.
const (
	Place        Action = "place"
	HoldDepth    Action = "hold-depth"
	Zoom         Action = "zoom"
	Pan          Action = "pan"
	Drop         Action = "drop"
	ZoomIn       Action = "zoom-in"
	ZoomOut      Action = "zoom-out"
	ZoomTrue     Action = "zoom-1:1"
	Fit          Action = "fit"
	ToolClick    Action = "tool-click"
	ToolStipple  Action = "tool-stipple"
	ToolErase    Action = "tool-erase"
	ToolLasso    Action = "tool-lasso"
	LassoDelete  Action = "lasso-delete"
	Needle1RL    Action = "needle-1rl"
	Needle3RL    Action = "needle-3rl"
	GaugeDown    Action = "gauge-down"
	GaugeUp      Action = "gauge-up"
	DepthToggle  Action = "depth"
	RhythmDown   Action = "rhythm-slower"
	RhythmUp     Action = "rhythm-faster"
	Heal         Action = "heal"
	Export       Action = "export"
	ExportLarge  Action = "export-4x"
	Undo         Action = "undo"
	Redo         Action = "redo"
	Save         Action = "save"
	SaveAs       Action = "save-as"
	HandIn       Action = "hand-in"
	Open         Action = "open"
	New          Action = "new"
	Recover      Action = "recover"
	Exercises    Action = "exercises"
	Review       Action = "review"
	Mapping      Action = "mapping"
	TaskCard     Action = "task-card"
	Settings     Action = "settings"
	Zones        Action = "zones"
	Hairline     Action = "hairline"
	Landmarks    Action = "landmarks"
	Preview      Action = "preview"
	Distance     Action = "distance"
	Shade        Action = "shade"
	BestInk      Action = "best-ink"
	InkDarker    Action = "ink-darker"
	InkLighter   Action = "ink-lighter"
	Score        Action = "score"
	DensityMap   Action = "density-map"
	Markers      Action = "markers"
	Profile      Action = "profile"
	Expert       Action = "expert"
	Split        Action = "split"
	Grid         Action = "grid"
	UILarger     Action = "ui-larger"
	UISmaller    Action = "ui-smaller"
	UINormal     Action = "ui-normal"
	Help         Action = "help"
	Close        Action = "close"
	Quit         Action = "quit"
	ToolbarShown Action = "toolbar"
)

func key(k ebiten.Key) Chord          { return Chord{Key: k} }
func ctrl(k ebiten.Key) Chord         { return Chord{Key: k, Mods: Ctrl} }
func shift(k ebiten.Key) Chord        { return Chord{Key: k, Mods: Shift} }
func ctrlShift(k ebiten.Key) Chord    { return Chord{Key: k, Mods: Ctrl | Shift} }
func anyShift(k ebiten.Key) Chord     { return Chord{Key: k, Mods: AnyShift} }
func ctrlAnyShift(k ebiten.Key) Chord { return Chord{Key: k, Mods: Ctrl | AnyShift} }

// Table is every action of the chart editor, in the order help lists them.
// Keys handled inside a scene (the review's timeline, a list's arrows) are
// described in the row that opens that scene.
var Table = []Binding{
	{Action: Place, Gesture: true, Keys: "Left click", Help: "place one impression with the current needle (or use the current tool)"},
	{Action: HoldDepth, Gesture: true, Keys: "Hold the click", Help: "depth: a quick click lands on target; under 0.04 s shallow, from 0.4 s deep (model)"},
	{Action: Zoom, Gesture: true, Keys: "Wheel", Help: "zoom about the cursor"},
	{Action: Pan, Gesture: true, Keys: "Right or middle drag, Space + left drag", Help: "pan"},
	{Action: Drop, Gesture: true, Keys: "Drop a file on the window", Help: "open it"},
	{Action: ZoomIn, Chords: []Chord{anyShift(ebiten.KeyEqual), anyShift(ebiten.KeyNumpadAdd)}, Keys: "+", Help: "zoom in"},
	{Action: ZoomOut, Chords: []Chord{anyShift(ebiten.KeyMinus), anyShift(ebiten.KeyNumpadSubtract)}, Keys: "−", Help: "zoom out"},
	{Action: ZoomTrue, Chords: []Chord{key(ebiten.KeyDigit0), key(ebiten.KeyHome)}, Icon: "1:1", Help: "zoom 1:1: true size (96 dpi per logical pixel assumed)"},
	{Action: Fit, Chords: []Chord{key(ebiten.KeyF)}, Icon: "Fit", Help: "fit the whole template in the window"},
	{Action: ToolClick, Chords: []Chord{key(ebiten.KeyK)}, Icon: "Click", Help: "click tool: one impression per click"},
	{Action: ToolStipple, Chords: []Chord{key(ebiten.KeyT)}, Icon: "Stipple", Help: "stipple tool on / off: hold and drag to place impressions at a steady rhythm"},
	{Action: ToolErase, Chords: []Chord{key(ebiten.KeyE)}, Icon: "Eraser", Help: "eraser on / off: click or drag removes impressions under the ring"},
	{Action: ToolLasso, Chords: []Chord{shift(ebiten.KeyE)}, Icon: "Lasso", Help: "lasso on / off: drag a loop to select impressions"},
	{Action: LassoDelete, Chords: []Chord{key(ebiten.KeyDelete), key(ebiten.KeyBackspace)}, Help: "remove the impressions the lasso selected"},
	{Action: Needle1RL, Chords: []Chord{key(ebiten.KeyDigit1), key(ebiten.KeyNumpad1)}, Icon: "1RL", Help: "needle grouping 1RL"},
	{Action: Needle3RL, Chords: []Chord{key(ebiten.KeyDigit3), key(ebiten.KeyNumpad3)}, Icon: "3RL", Help: "needle grouping 3RL"},
	{Action: GaugeDown, Chords: []Chord{key(ebiten.KeyBracketLeft)}, Icon: "Gauge −", Help: "needle gauge one step finer (0.20 / 0.25 / 0.30 mm)"},
	{Action: GaugeUp, Chords: []Chord{key(ebiten.KeyBracketRight)}, Icon: "Gauge +", Help: "needle gauge one step coarser (0.20 / 0.25 / 0.30 mm)"},
	{Action: DepthToggle, Chords: []Chord{key(ebiten.KeyD)}, Help: "depth from hold time on / off (off: every click on target, for pattern-only practice)"},
	{Action: RhythmDown, Chords: []Chord{key(ebiten.KeyComma)}, Help: "stipple rhythm slower (impressions per second)"},
	{Action: RhythmUp, Chords: []Chord{key(ebiten.KeyPeriod)}, Help: "stipple rhythm faster"},
	{Action: Shade, Chords: []Chord{key(ebiten.KeyC)}, Icon: "Ink", Help: "shade panel: pigment × dilution swatches on the client's skin, ranked by what is seen from the viewing distance (area ΔE00 and texture against the client's stubble), each warning explained; click one to load it"},
	{Action: BestInk, Chords: []Chord{key(ebiten.KeyB)}, Help: "load the best-matching ink"},
	{Action: InkDarker, Chords: []Chord{key(ebiten.KeySemicolon)}, Help: "ink one dilution step darker"},
	{Action: InkLighter, Chords: []Chord{key(ebiten.KeyApostrophe)}, Help: "ink one dilution step lighter"},
	{Action: Preview, Chords: []Chord{key(ebiten.KeyP)}, Icon: "Preview", Help: "preview the impressions fresh / healed / aged 5 years"},
	{Action: Distance, Chords: []Chord{key(ebiten.KeyO)}, Help: "view the chart from a distance: off / 0.3 / 0.5 / 1 / 2 m (model: eye blur, S-CIELAB)"},
	{Action: Score, Chords: []Chord{key(ebiten.KeyS)}, Icon: "Score", Help: "live score panel; click a criterion to mark its problem places on the chart, each fault in its own colour as in the report"},
	{Action: DensityMap, Chords: []Chord{key(ebiten.KeyM)}, Icon: "Density", Help: "density map, judged as the score judges it (blue too sparse, red too dense: against the zone's own level where that is on the session's target, else against the target)"},
	{Action: Markers, Chords: []Chord{key(ebiten.KeyG)}, Icon: "Gaps", Help: "gap (blue rings) and merging-dot (vermillion rings) markers"},
	{Action: Profile, Chords: []Chord{key(ebiten.KeyY)}, Icon: "Profile", Help: "hairline profile: density by distance behind the design line against the model ramp (20–30% at the edge, full 5–10 mm behind)"},
	{Action: Expert, Chords: []Chord{key(ebiten.KeyX)}, Icon: "Expert", Help: "show an expert example over the work (blue dots), to compare"},
	{Action: Split, Chords: []Chord{key(ebiten.KeyV)}, Icon: "Split", Help: "split view: your work left, the expert example right, panned and zoomed together; place on the left half"},
	{Action: Grid, Chords: []Chord{key(ebiten.KeyR)}, Icon: "Grid", Help: "mm grid (1 / 5 / 10 mm as the zoom allows) and rulers along the top and left edges, chart mm from the apex"},
	{Action: Zones, Chords: []Chord{key(ebiten.KeyZ)}, Help: "show or hide the zones (hatched: no impressions; tinted bands: transition and crown)"},
	{Action: Hairline, Chords: []Chord{key(ebiten.KeyH)}, Help: "show or hide the design hairline (the instructor's dashed line)"},
	{Action: Landmarks, Chords: []Chord{key(ebiten.KeyL)}, Help: "show or hide the landmark lines"},
	{Action: Heal, Chords: []Chord{ctrl(ebiten.KeyH)}, Icon: "Heal", Help: "finish (heal) the session: its dots show healed, the next session starts"},
	{Action: Undo, Chords: []Chord{ctrl(ebiten.KeyZ)}, Icon: "Undo", Help: "undo (unlimited)"},
	{Action: Redo, Chords: []Chord{ctrlShift(ebiten.KeyZ), ctrl(ebiten.KeyY)}, Icon: "Redo", Help: "redo"},
	{Action: Save, Chords: []Chord{ctrl(ebiten.KeyS)}, Icon: "Save", Help: "save (to the file it came from, or a new file named after you and the exercise in the sessions folder)"},
	{Action: HandIn, Chords: []Chord{ctrlShift(ebiten.KeyH)}, Icon: "Hand in", Help: "hand the work in to the class server the trainer was started with (-class URL -code CODE): graded there and shown on the instructor's dashboard"},
	{Action: SaveAs, Chords: []Chord{ctrlShift(ebiten.KeyS)}, Icon: "Save as", Help: "save as: choose the folder and the file name"},
	{Action: Open, Chords: []Chord{ctrl(ebiten.KeyO)}, Icon: "Open", Help: "open a session file: the sessions folder newest first, or browse to any folder"},
	{Action: New, Chords: []Chord{ctrl(ebiten.KeyN)}, Help: "start new work on the same exercise"},
	{Action: Recover, Chords: []Chord{ctrl(ebiten.KeyR)}, Help: "bring back unsaved work (kept when you open another file, or autosaved by a run that ended); with several, a list: Enter restores, Delete discards"},
	{Action: Export, Chords: []Chord{ctrl(ebiten.KeyE)}, Icon: "Export", Help: "export a PNG of the view at 2× with the score card"},
	{Action: ExportLarge, Chords: []Chord{ctrlShift(ebiten.KeyE)}, Help: "export a PNG of the view at 4× with the score card"},
	{Action: Exercises, Chords: []Chord{key(ebiten.KeyF2)}, Icon: "Exercises", Help: "exercises: pick one (brief and best score shown) to start new work on it"},
	{Action: Mapping, Chords: []Chord{key(ebiten.KeyF4)}, Icon: "Map", Help: "hairline mapping: mark the client's landmarks and draw the line (click to place, drag to bend, T tape, M mirror, G guides, V front/side view, Ctrl+Z/Y, Ctrl+S save, Esc leave)"},
	{Action: TaskCard, Chords: []Chord{key(ebiten.KeyI)}, Icon: "Task", Help: "task card: the exercise's brief, targets and a legend of the chart"},
	{Action: Settings, Chords: []Chord{ctrl(ebiten.KeyComma)}, Icon: "Name", Help: "your name, written into every save so your instructor knows the work is yours"},
	{Action: Review, Chords: []Chord{key(ebiten.KeyF3)}, Icon: "Review", Help: "review: replay the work in placement order with a timeline (Enter play/pause, ←/→ step, ↑/↓ speed, drag the bar, Esc leave)"},
	{Action: UILarger, Chords: []Chord{ctrlAnyShift(ebiten.KeyEqual), ctrlAnyShift(ebiten.KeyNumpadAdd)}, Keys: "Ctrl+=", Help: "UI text and panels larger (×1, 1.25, 1.5, 2; for a projector; the chart keeps its scale; remembered)"},
	{Action: UISmaller, Chords: []Chord{ctrlAnyShift(ebiten.KeyMinus), ctrlAnyShift(ebiten.KeyNumpadSubtract)}, Keys: "Ctrl+−", Help: "UI text and panels smaller"},
	{Action: UINormal, Chords: []Chord{ctrl(ebiten.KeyDigit0), ctrl(ebiten.KeyNumpad0)}, Keys: "Ctrl+0", Help: "UI text and panels normal size"},
	{Action: Help, Chords: []Chord{key(ebiten.KeyF1), shift(ebiten.KeySlash)}, Keys: "F1 or ?", Icon: "Help", Help: "this help (wheel or ↑/↓ scroll it when it does not fit)"},
	{Action: Close, Chords: []Chord{key(ebiten.KeyEscape)}, Help: "close the task card, help, lists and messages; clear the lasso"},
	{Action: Quit, Chords: []Chord{ctrl(ebiten.KeyQ)}, Icon: "Quit", Help: "quit (asks first when the work is not saved)"},
}
