package ui

// The in-app file browser (issue 12): Ctrl+O opens any session file,
// Ctrl+Shift+S saves the work to a chosen folder under a chosen name.
// Native file dialogs are not available as maintained Go packages for
// Ebitengine, so the browser is a modal layer of its own: folders first,
// then session files newest first; click or Enter opens a folder or a file,
// Backspace on an empty name (or "..") goes up. In Save As mode a name
// field takes the file name, or a whole path typed from "/" or "~/".

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/store"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/webfile"
	"github.com/smptrainer/smp/sim/session"
)

// browseEntry is one row of the browser.
type browseEntry struct {
	name    string // shown; ".." for the parent
	path    string
	dir     bool
	modTime time.Time
	size    int64
}

// fileBrowser is the Open / Save As layer.
type fileBrowser struct {
	g       *Game
	save    bool
	dir     string
	entries []browseEntry
	sel     int
	scroll  scene.Scroller
	name    textField
	// confirm is the path a second Enter will replace (Save As onto an
	// existing file asks first).
	confirm string
	// problem is the last error, shown in the browser.
	problem string
}

// maxPathRunes bounds a typed file name or path.
const maxPathRunes = 4096

// openBrowser opens the browser in the sessions folder (Open) or in the
// folder of the current file (Save As).
func (g *Game) openBrowser(save bool) {
	dir, err := store.SessionsDir()
	if err != nil {
		g.error("Cannot browse files: %v", err)
		return
	}
	b := &fileBrowser{g: g, save: save, name: textField{max: maxPathRunes}}
	if save {
		if g.savePath != "" {
			dir = filepath.Dir(g.savePath)
		}
		b.name.text = []rune(g.fileStem() + ".json")
	}
	b.chdir(dir)
	g.push(b)
}

// openPicker is Ctrl+O. The browser edition has no folders to browse: it
// opens the browser's file chooser, whose file arrives as a dropped one
// (Input.Dropped).
func (g *Game) openPicker() {
	if !store.Folders {
		if err := webfile.Choose(".json,application/json", session.MaxFileBytes); err != nil {
			g.error("Cannot open a file: %v", err)
		}
		return
	}
	g.openBrowser(false)
}

// openSaveAs is Ctrl+Shift+S. In the browser edition saving is a
// download, and the browser chooses (or asks) where it goes.
func (g *Game) openSaveAs() {
	if !store.Folders {
		g.save()
		return
	}
	g.openBrowser(true)
}

// chdir lists dir: its parent, its folders, then its session files newest
// first. Hidden entries are left out.
func (b *fileBrowser) chdir(dir string) {
	abs, err := filepath.Abs(dir)
	if err == nil {
		dir = abs
	}
	des, err := os.ReadDir(dir)
	if err != nil {
		b.problem = fmt.Sprintf("Cannot list %s: %v", dir, err)
		return
	}
	b.dir, b.problem, b.confirm, b.sel = dir, "", "", 0
	b.scroll.Offset = 0
	b.entries = b.entries[:0]
	if parent := filepath.Dir(dir); parent != dir {
		b.entries = append(b.entries, browseEntry{name: "..", path: parent, dir: true})
	}
	var dirs, files []browseEntry
	for _, de := range des {
		if strings.HasPrefix(de.Name(), ".") {
			continue
		}
		fi, err := de.Info()
		if err != nil {
			continue
		}
		e := browseEntry{name: de.Name(), path: filepath.Join(dir, de.Name()), modTime: fi.ModTime(), size: fi.Size()}
		switch {
		case fi.IsDir():
			e.dir = true
			dirs = append(dirs, e)
		case strings.EqualFold(filepath.Ext(de.Name()), ".json"):
			files = append(files, e)
		}
	}
	slices.SortFunc(dirs, func(a, b browseEntry) int { return strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name)) })
	slices.SortFunc(files, func(a, b browseEntry) int {
		if c := b.modTime.Compare(a.modTime); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	b.entries = append(b.entries, dirs...)
	b.entries = append(b.entries, files...)
}

// browserLayout is where the browser's parts go.
type browserLayout struct {
	panel, list box
	rowH        float64
	headH       float64
}

func (b *fileBrowser) layout() browserLayout {
	g := b.g
	pad := g.ui(12)
	w := math.Min(float64(g.w)-2*g.ui(10), g.ui(720))
	top := g.toolbar.Height() + g.ui(8)
	bottom := float64(g.h-g.statusHeight()) - g.ui(8)
	L := browserLayout{rowH: math.Ceil(g.small.Size * 1.8)}
	L.headH = g.face.Size*1.6 + g.small.Size*1.5
	if b.save {
		L.headH += g.face.Size*1.3 + 2*g.ui(8) + g.ui(8)
	}
	footH := g.small.Size*1.5*2 + pad
	listH := float64(len(b.entries)) * L.rowH
	h := math.Min(2*pad+L.headH+listH+footH, bottom-top)
	x := (float64(g.w) - w) / 2
	L.panel = box{x, top, w, h}
	L.list = box{x + pad, top + pad + L.headH, w - 2*pad, math.Max(L.rowH, h-2*pad-L.headH-footH)}
	return L
}

// rowAt is the entry under (x, y), or -1.
func (b *fileBrowser) rowAt(L browserLayout, x, y float64) int {
	if !L.list.contains(x, y) {
		return -1
	}
	i := int((y - L.list.y + b.scroll.Offset) / L.rowH)
	if i < 0 || i >= len(b.entries) {
		return -1
	}
	return i
}

// Update implements scene.Scene.
func (b *fileBrowser) Update(in *input.Input) {
	g := b.g
	L := b.layout()
	b.scroll.Set(float64(len(b.entries))*L.rowH, L.list.h)
	b.scroll.Wheel(in, L.panel.rect(), L.rowH*3)
	if b.save {
		before := b.name.String()
		switch b.name.update(in) {
		case fieldSubmitted:
			b.submit()
			return
		case fieldCancelled:
			g.scenes.Close(b)
			return
		}
		if b.name.String() != before {
			b.confirm = ""
		}
	}
	for _, k := range in.Keys {
		switch k {
		case ebiten.KeyEscape:
			g.scenes.Close(b)
			return
		case ebiten.KeyUp:
			b.move(-1, L)
		case ebiten.KeyDown:
			b.move(+1, L)
		case ebiten.KeyEnter, ebiten.KeyNumpadEnter:
			b.activate(b.sel)
			return
		case ebiten.KeyBackspace:
			if !b.save && len(b.entries) > 0 && b.entries[0].name == ".." {
				b.chdir(b.entries[0].path)
			}
		}
		if !b.save && k >= ebiten.KeyDigit1 && k <= ebiten.KeyDigit9 {
			// 1–9 open the newest session files, as the old recent list did.
			n := int(k - ebiten.KeyDigit1)
			for i, e := range b.entries {
				if !e.dir {
					if n == 0 {
						b.activate(i)
						return
					}
					n--
				}
			}
		}
	}
	if i := b.rowAt(L, in.X, in.Y); i >= 0 && (in.X != g.lastX || in.Y != g.lastY) {
		b.sel = i
	}
	if in.Pressed[input.Left] {
		if i := b.rowAt(L, in.X, in.Y); i >= 0 {
			b.sel = i
			b.activate(i)
		} else if !L.panel.contains(in.X, in.Y) {
			g.scenes.Close(b)
		}
	}
}

// move moves the selection, scrolling it into view.
func (b *fileBrowser) move(d int, L browserLayout) {
	if len(b.entries) == 0 {
		return
	}
	b.sel = max(0, min(len(b.entries)-1, b.sel+d))
	y := float64(b.sel) * L.rowH
	if y < b.scroll.Offset {
		b.scroll.By(y - b.scroll.Offset)
	} else if y+L.rowH > b.scroll.Offset+L.list.h {
		b.scroll.By(y + L.rowH - b.scroll.Offset - L.list.h)
	}
}

// activate opens entry i: a folder is entered; a file is opened (Open) or
// its name taken for the save (Save As).
func (b *fileBrowser) activate(i int) {
	if i < 0 || i >= len(b.entries) {
		if b.save {
			b.submit()
		}
		return
	}
	e := b.entries[i]
	switch {
	case e.dir:
		b.chdir(e.path)
	case b.save:
		b.name.text = []rune(e.name)
		b.confirm = ""
	default:
		b.g.scenes.Close(b)
		b.g.openPath(e.path)
	}
}

// target is the path the Save As name stands for: a name in the current
// folder, or a whole path typed from "/" or "~/". ".json" is added when
// the name has no extension.
func (b *fileBrowser) target() (string, error) {
	name := strings.TrimSpace(b.name.String())
	if name == "" {
		return "", errors.New("type a file name")
	}
	p := name
	switch {
	case strings.HasPrefix(name, "~/"):
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		p = filepath.Join(home, name[2:])
	case !filepath.IsAbs(name):
		p = filepath.Join(b.dir, name)
	}
	if filepath.Ext(p) == "" {
		p += ".json"
	}
	return p, nil
}

// submit saves to the typed name; a folder's name enters it, and an
// existing file is replaced only after a second Enter.
func (b *fileBrowser) submit() {
	g := b.g
	p, err := b.target()
	if err != nil {
		b.problem = err.Error()
		return
	}
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		b.chdir(p)
		b.name.text = []rune(g.fileStem() + ".json")
		return
	} else if err == nil && b.confirm != p {
		b.confirm = p
		b.problem = filepath.Base(p) + " exists: Enter again replaces it"
		return
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		b.problem = err.Error()
		return
	}
	if fi, err := os.Stat(filepath.Dir(p)); err != nil || !fi.IsDir() {
		b.problem = "No such folder: " + filepath.Dir(p)
		return
	}
	if g.saveTo(p) {
		g.scenes.Close(b)
	} else {
		b.problem = g.msg
	}
}

// Draw implements scene.Scene.
func (b *fileBrowser) Draw(screen *ebiten.Image) {
	g := b.g
	L := b.layout()
	pad := g.ui(12)
	p := L.panel
	fillRect(screen, float32(p.x), float32(p.y), float32(p.w), float32(p.h), layerColour)
	strokeBox(screen, p, float32(g.ui(1)), selColour)
	x, y := p.x+pad, p.y+pad
	title := "Open a session file"
	if b.save {
		title = "Save as"
	}
	drawText(screen, title, g.face, x, y, textColour)
	y += g.face.Size * 1.6
	drawText(screen, fitTail(b.dir, g.small, p.w-2*pad), g.small, x, y, dimColour)
	y += g.small.Size * 1.5
	if b.save {
		fh := g.face.Size*1.3 + 2*g.ui(8)
		fillRect(screen, float32(x), float32(y), float32(p.w-2*pad), float32(fh), tileColour)
		drawText(screen, fitTail(b.name.withCaret(), g.face, p.w-2*pad-2*g.ui(8)), g.face, x+g.ui(8), y+g.ui(8), textColour)
	}
	list := subImage(screen, L.list)
	for i, e := range b.entries {
		ry := L.list.y + float64(i)*L.rowH - b.scroll.Offset
		if ry+L.rowH < L.list.y || ry > L.list.y+L.list.h {
			continue
		}
		if i == b.sel {
			fillRect(list, float32(L.list.x), float32(ry), float32(L.list.w), float32(L.rowH), selColour)
		}
		label, detail := e.name, ""
		if e.dir {
			label += "/"
		} else {
			detail = e.modTime.Format(time.DateTime) + "   " + humanSize(e.size)
		}
		ty := ry + (L.rowH-g.small.Size*1.2)/2
		dw := measure(detail, g.small)
		drawText(list, fitText(label, g.small, L.list.w-dw-3*g.ui(8)), g.small, L.list.x+g.ui(8), ty, textColour)
		drawText(list, detail, g.small, L.list.x+L.list.w-dw-g.ui(8), ty, dimColour)
	}
	if th := b.scroll.Thumb(scene.Rect{X: p.x + p.w - g.ui(6), Y: L.list.y, W: g.ui(3), H: L.list.h}); !th.Empty() {
		fillRect(screen, float32(th.X), float32(th.Y), float32(th.W), float32(th.H), dimColour)
	}
	fy := L.list.y + L.list.h + g.ui(6)
	switch {
	case b.problem != "":
		drawText(screen, fitText(b.problem, g.small, p.w-2*pad), g.small, x, fy, errTextColour)
	case !b.save && !slices.ContainsFunc(b.entries, func(e browseEntry) bool { return !e.dir }):
		// A newcomer's sessions folder is empty: say how it fills.
		drawText(screen, fitText("No session files in this folder yet: Ctrl+S saves your work into the sessions folder.", g.small, p.w-2*pad), g.small, x, fy, dimColour)
	}
	hint := "Click or Enter opens · ↑↓ choose · Backspace goes up · Esc cancels · 1–9 open the newest"
	if b.save {
		hint = "Type a name (or a path from / or ~/) · Enter saves · click a folder to go there · Esc cancels"
	}
	drawText(screen, fitText(hint, g.small, p.w-2*pad), g.small, x, fy+g.small.Size*1.5, dimColour)
}
