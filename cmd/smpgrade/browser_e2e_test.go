package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/smptrainer/smp/cmd/internal/e2eenv"
	"github.com/smptrainer/smp/sim/session"
)

// buildWeb builds the trainer's browser edition into a temporary folder as
// "make web" does (its wasm and Go's wasm_exec.js).
func buildWeb(t *testing.T) string {
	t.Helper()
	web := t.TempDir()
	gobin := filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	if _, err := os.Stat(gobin); err != nil {
		gobin = "go"
	}
	build := exec.Command(gobin, "build", "-o", filepath.Join(web, "trainer.wasm"), "github.com/smptrainer/smp/cmd/smptrainer")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the browser trainer: %v\n%s", err, out)
	}
	root, err := exec.Command(gobin, "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(web, "wasm_exec.js"), js, 0o644); err != nil {
		t.Fatal(err)
	}
	return web
}

// The browser window's size: small, since SwiftShader draws every pixel
// on the CPU, but room for the toolbar and the exercise's field, whose
// middle the test clicks in.
const winW, winH = 1024, 640

// TestBrowserTrainer is the browser edition end to end, as a class uses
// it: "smpgrade serve" serves a freshly built wasm trainer; headless
// Chromium (WebGL through SwiftShader) opens it as a trainee would, from
// the address the home page's form makes; real mouse events through the
// DevTools protocol place dots on the canvas and Ctrl+Shift+H hands the
// work in; the instructor's dashboard, open in a second tab, shows the
// hand-in within 2 seconds of the server recording it, without a reload
// (server-sent events). Then the autosave: the work is in the browser's
// storage, and after a reload the trainer offers it and Enter restores it.
func TestBrowserTrainer(t *testing.T) {
	bin := e2eenv.Chromium()
	if bin == "" {
		e2eenv.Skip(t, "no chromium binary is on PATH (apt-get install chromium, or make test)")
	}
	start := time.Now()
	web := buildWeb(t)
	t.Logf("browser trainer built in %v", time.Since(start).Round(time.Millisecond))
	const (
		code    = "WEB123"
		token   = "browser-e2e-token"
		trainee = "Ana Lima"
	)
	srv := startServe(t, "--dir", t.TempDir(), "--web", web, "--code", code, "--token", token)

	flags := append(chromedp.DefaultExecAllocatorOptions[:0:0], chromedp.ExecPath(bin), chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(winW, winH))
	for _, f := range e2eenv.ChromiumFlags {
		flags = append(flags, chromedp.Flag(strings.TrimPrefix(f, "--"), true))
	}
	// WebGL through SwiftShader (recent Chromium refuses software WebGL
	// without the "unsafe" flag); a tab in the background keeps running.
	for _, f := range []string{"enable-unsafe-swiftshader", "disable-background-timer-throttling",
		"disable-renderer-backgrounding", "disable-backgrounding-occluded-windows"} {
		flags = append(flags, chromedp.Flag(f, true))
	}
	flags = append(flags, chromedp.Flag("use-angle", "swiftshader"), chromedp.Flag("use-gl", "angle"),
		// V8's baseline compiler only: optimising the trainer's 37 MB of
		// wasm again in the background costs more CPU than it saves in a
		// test this short.
		chromedp.Flag("js-flags", "--liftoff-only"))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), flags...)
	defer cancelAlloc()
	ctx, cancel := context.WithTimeout(allocCtx, 5*time.Minute)
	defer cancel()

	// The instructor's tab: the dashboard link serve prints.
	dash, cancelDash := chromedp.NewContext(ctx)
	defer cancelDash()
	if err := chromedp.Do(dash, chromedp.Navigate(srv.url+"/dashboard?token="+token)); err != nil {
		t.Fatalf("opening the dashboard: %v", err)
	}
	// A mark that a reload would wipe: the row must arrive live.
	evaluate[bool](t, dash, `window.e2eMark = true`)

	// The trainee's tab, at the address the home page's form makes.
	tr, cancelTr := chromedp.NewContext(dash)
	defer cancelTr()
	trainerURL := srv.url + "/trainer/index.html?code=" + code + "&trainee=" + strings.ReplaceAll(trainee, " ", "+")
	if err := chromedp.Do(tr, chromedp.Navigate(trainerURL)); err != nil {
		t.Fatalf("opening the trainer: %v", err)
	}
	firstRun := waitRun(t, tr, "")
	card := waitDrawn(t, tr)
	t.Logf("trainer running in the browser %v since the test began", time.Since(start).Round(time.Millisecond))

	// Enter closes the task card (the screen changes); then six dots in a
	// small grid at the centre of the exercise's field, and the autosave
	// holds them.
	for shot := card; bytes.Equal(shot, card); shot = screenshot(t, tr) {
		keys(t, tr, 0, key{"Enter", "Enter", 13})
		time.Sleep(time.Second)
	}
	time.Sleep(time.Second)
	const dots = 6
	for i := range dots {
		click(t, tr, winW/2-30+float64(i%3)*30, winH/2-10+float64(i/3)*30)
	}
	before := waitRecovery(t, tr, firstRun, dots)
	t.Logf("%d dots placed and autosaved %v since the test began", dots, time.Since(start).Round(time.Millisecond))
	handIn := func() {
		keys(t, tr, 10, key{"Control", "ControlLeft", 17}, key{"Shift", "ShiftLeft", 16}, key{"H", "KeyH", 72})
	}
	handIn()

	// The server records the hand-in; the dashboard shows it. A key lost
	// between two slow frames is pressed again (the server counts the same
	// work handed in twice once).
	var recorded, shown time.Time
	var row resultRow
	deadline, pressed := time.Now().Add(40*time.Second), time.Now()
	for time.Now().Before(deadline) && shown.IsZero() {
		if recorded.IsZero() && time.Since(pressed) > 8*time.Second {
			handIn()
			pressed = time.Now()
		}
		if recorded.IsZero() {
			for _, r := range getResults(t, srv.url, token) {
				if r.Trainee == trainee {
					recorded, row = time.Now(), r
				}
			}
		}
		if !recorded.IsZero() && evaluate[bool](t, dash, fmt.Sprintf(`document.querySelector('[data-id="%d"]') !== null`, row.ID)) {
			shown = time.Now()
		}
		time.Sleep(50 * time.Millisecond)
	}
	switch {
	case recorded.IsZero():
		t.Fatalf("no hand-in from %s reached the server within 40 s", trainee)
	case shown.IsZero():
		t.Fatalf("the dashboard did not show attempt %d", row.ID)
	case shown.Sub(recorded) > 2*time.Second:
		t.Errorf("the dashboard showed attempt %d %v after the server recorded it, want within 2 s", row.ID, shown.Sub(recorded))
	}
	t.Logf("hand-in recorded; the dashboard showed it %v later", shown.Sub(recorded).Round(time.Millisecond))
	if !evaluate[bool](t, dash, `window.e2eMark === true`) {
		t.Error("the dashboard was reloaded instead of updated live")
	}
	kept := get(t, srv.url+"/api/results", token)
	var full []struct {
		Trainee     string `json:"trainee"`
		Impressions int    `json:"impressions"`
	}
	if err := json.Unmarshal([]byte(kept), &full); err != nil || len(full) != 1 || full[0].Impressions != dots {
		t.Errorf("results %s: want one attempt of %d impressions (%v)", kept, dots, err)
	}

	// The autosave kept the work in the browser's storage: after a
	// reload the trainer offers it.
	if err := chromedp.Do(tr, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	secondRun := waitRun(t, tr, firstRun)
	waitDrawn(t, tr)
	// The task card is on top of the list of kept work: Enter closes it,
	// and Enter again restores the work into the new run's own recovery
	// (Enter does nothing on the chart, so one too many does no harm).
	restored := false
	for end := time.Now().Add(40 * time.Second); !restored && time.Now().Before(end); {
		keys(t, tr, 0, key{"Enter", "Enter", 13})
		for wait := time.Now().Add(1500 * time.Millisecond); !restored && time.Now().Before(wait); time.Sleep(100 * time.Millisecond) {
			restored = recoveryOf(t, tr, secondRun, dots) != ""
		}
	}
	if !restored {
		t.Fatalf("after the reload, Enter did not restore the %d autosaved impressions into the new page's recovery", dots)
	}
	t.Logf("restored after a reload %v since the test began", time.Since(start).Round(time.Millisecond))
	if evaluate[bool](t, tr, fmt.Sprintf(`localStorage.getItem(%q) !== null`, before)) {
		t.Errorf("the restored recovery %s is still kept", before)
	}

	// Ctrl+S downloads the session file: the restored work, whole, under
	// the trainee's name; the download is a save, so its recovery goes.
	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(tr, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads}); err != nil {
		t.Fatal(err)
	}
	var saved string
	retry(t, "Ctrl+S to download the session file", func() {
		keys(t, tr, 2, key{"Control", "ControlLeft", 17}, key{"S", "KeyS", 83})
	}, func() bool {
		m, _ := filepath.Glob(filepath.Join(downloads, "*.json"))
		if len(m) > 0 {
			saved = m[0]
		}
		return saved != ""
	})
	got, err := session.Load(saved)
	if err != nil {
		t.Fatalf("the downloaded file: %v", err)
	}
	if len(got.Impressions) != dots || got.Trainee != trainee || !strings.HasPrefix(filepath.Base(saved), "ana-lima-") {
		t.Errorf("downloaded %s: %d impressions by %q, want %d by %q", filepath.Base(saved), len(got.Impressions), got.Trainee, dots, trainee)
	}
	for end := time.Now().Add(10 * time.Second); recoveryOf(t, tr, secondRun, dots) != "" && time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
	}
	if k := recoveryOf(t, tr, secondRun, dots); k != "" {
		t.Errorf("the downloaded work's recovery %s is still kept", k)
	}

	// Ctrl+O opens a session file from the computer through the browser's
	// file chooser (answered here through the DevTools protocol): two of
	// the dots, to which one more click adds a third.
	two := *got
	two.Impressions = got.Impressions[:2]
	twoPath := filepath.Join(t.TempDir(), "two-dots.json")
	if err := session.Save(twoPath, &two); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(tr, page.SetInterceptFileChooserDialog, page.SetInterceptFileChooserDialogParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	chooser := make(chan page.EventFileChooserOpened, 4)
	listenCtx, stopListening := context.WithCancel(tr)
	defer stopListening()
	go func() {
		for ev, err := range chromedp.Events(listenCtx, page.FileChooserOpened) {
			if err != nil {
				return
			}
			chooser <- ev
		}
	}()
	var opened page.EventFileChooserOpened
	retry(t, "Ctrl+O to open the browser's file chooser", func() {
		keys(t, tr, 2, key{"Control", "ControlLeft", 17}, key{"O", "KeyO", 79})
	}, func() bool {
		select {
		case opened = <-chooser:
			return true
		default:
			return false
		}
	})
	if _, err := chromedp.Call(tr, dom.SetFileInputFiles, dom.SetFileInputFilesParams{Files: []string{twoPath}, BackendNodeID: opened.BackendNodeID}); err != nil {
		t.Fatalf("choosing %s: %v", twoPath, err)
	}
	time.Sleep(2 * time.Second) // read, and opened on a later tick
	click(t, tr, winW/2+60, winH/2+60)
	waitRecovery(t, tr, secondRun, 3)
	t.Logf("downloaded and opened %v since the test began", time.Since(start).Round(time.Millisecond))
}

// retry presses keys with press until done reports true, again every
// 8 seconds (a key lost between two slow frames), for up to 40 seconds.
func retry(t *testing.T, what string, press func(), done func() bool) {
	t.Helper()
	for end := time.Now().Add(40 * time.Second); time.Now().Before(end); {
		press()
		for wait := time.Now().Add(8 * time.Second); time.Now().Before(wait); time.Sleep(100 * time.Millisecond) {
			if done() {
				return
			}
		}
	}
	t.Fatalf("%s: nothing happened within 40 s", what)
}

// evaluate runs a JavaScript expression in ctx's tab.
func evaluate[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitRun waits for the trainer in ctx's tab to start a run in the
// browser's storage other than not, and returns its id.
func waitRun(t *testing.T, ctx context.Context, not string) string {
	t.Helper()
	expr := `Object.keys(localStorage).filter(k => /^smptrainer\/recovery\/.*\.alive$/.test(k)).map(k => k.slice(20, -6))`
	for end := time.Now().Add(2 * time.Minute); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		for _, id := range evaluate[[]string](t, ctx, expr) {
			if id != not {
				return id
			}
		}
	}
	t.Fatalf("the trainer did not start in the browser within 2 minutes")
	return ""
}

// recoveryOf returns the key of run's recovery of n impressions in the
// browser's storage, or "".
func recoveryOf(t *testing.T, ctx context.Context, run string, n int) string {
	t.Helper()
	expr := fmt.Sprintf(`Object.keys(localStorage).filter(k => k.startsWith("smptrainer/recovery/%s-") && k.endsWith(".json") && JSON.parse(localStorage.getItem(k)).impressions.length === %d)`, run, n)
	if keys := evaluate[[]string](t, ctx, expr); len(keys) > 0 {
		return keys[0]
	}
	return ""
}

// waitRecovery waits for run's autosave of n impressions and returns its
// key.
func waitRecovery(t *testing.T, ctx context.Context, run string, n int) string {
	t.Helper()
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		if k := recoveryOf(t, ctx, run, n); k != "" {
			return k
		}
	}
	t.Fatalf("no autosave of %d impressions by run %s in the browser's storage within 30 s", n, run)
	return ""
}

// screenshot returns the tab's picture as PNG.
func screenshot(t *testing.T, ctx context.Context) []byte {
	t.Helper()
	b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	return b
}

// waitDrawn waits until the trainer has drawn its first frames (the
// picture has many colours, not the page's plain background) and returns
// the picture.
func waitDrawn(t *testing.T, ctx context.Context) []byte {
	t.Helper()
	for end := time.Now().Add(60 * time.Second); time.Now().Before(end); time.Sleep(300 * time.Millisecond) {
		b := screenshot(t, ctx)
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		colours := map[color.Color]bool{}
		r := img.Bounds()
		for y := r.Min.Y; y < r.Max.Y; y += 16 {
			for x := r.Min.X; x < r.Max.X; x += 16 {
				colours[img.At(x, y)] = true
			}
		}
		if len(colours) > 20 {
			time.Sleep(500 * time.Millisecond) // let the frame settle
			return screenshot(t, ctx)
		}
	}
	t.Fatal("the trainer drew nothing in the browser within 60 s")
	return nil
}

// click presses and releases the left button at (x, y) of the page, held
// as long as a quick tap (several frames, so the trainer sees both).
func click(t *testing.T, ctx context.Context, x, y float64) {
	t.Helper()
	send := func(typ input.DispatchMouseEventType, buttons int64) {
		p := input.DispatchMouseEventParams{Type: typ, X: x, Y: y, Button: input.MouseButtonLeft, Buttons: buttons, ClickCount: 1}
		if typ == input.DispatchMouseEventTypeMouseMoved {
			p.Button, p.ClickCount = input.MouseButtonNone, 0
		}
		if _, err := chromedp.Call(ctx, input.DispatchMouseEvent, p); err != nil {
			t.Fatalf("mouse %s at (%v, %v): %v", typ, x, y, err)
		}
	}
	send(input.DispatchMouseEventTypeMouseMoved, 0)
	time.Sleep(100 * time.Millisecond)
	send(input.DispatchMouseEventTypeMousePressed, 1)
	time.Sleep(250 * time.Millisecond) // a quick tap: on target (under 0.4 s)
	send(input.DispatchMouseEventTypeMouseReleased, 0)
	time.Sleep(150 * time.Millisecond)
}

// key is a key as the DevTools protocol names it.
type key struct {
	name, code string
	vk         int64
}

// keys presses ks in order, holds them, and releases them in reverse,
// with the modifiers bit field (Ctrl 2, Shift 8) on every event.
func keys(t *testing.T, ctx context.Context, modifiers int64, ks ...key) {
	t.Helper()
	send := func(typ input.DispatchKeyEventType, k key) {
		p := input.DispatchKeyEventParams{Type: typ, Key: k.name, Code: k.code, WindowsVirtualKeyCode: k.vk, NativeVirtualKeyCode: k.vk, Modifiers: modifiers}
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, p); err != nil {
			t.Fatalf("key %s %s: %v", typ, k.name, err)
		}
	}
	for _, k := range ks {
		send(input.DispatchKeyEventTypeRawKeyDown, k)
		time.Sleep(60 * time.Millisecond)
	}
	time.Sleep(150 * time.Millisecond)
	for i := len(ks) - 1; i >= 0; i-- {
		send(input.DispatchKeyEventTypeKeyUp, ks[i])
		time.Sleep(60 * time.Millisecond)
	}
}
