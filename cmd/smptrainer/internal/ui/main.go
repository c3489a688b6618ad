package ui

import (
	"bufio"
	"fmt"
	"image/png"
	"io"
	"os"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/atomicfile"
)

// Options are the command line's: a Config plus the modes that drive the
// window themselves.
type Options struct {
	Config
	// Screenshot, when set, writes a PNG of the first finished frame to
	// this path and quits.
	Screenshot string
	// Bench, when positive, runs the frame-time benchmark with this many
	// generated impressions and prints the figures.
	Bench int
	// Record writes every tick's input to this file (JSON lines).
	Record string
	// Replay plays back a recording instead of reading the mouse and
	// keyboard.
	Replay string
	// FrameTimes, when set, times every Update and Draw and writes the
	// figures to out when the window closes.
	FrameTimes bool
}

// Main runs the trainer for the command line; reports go to out.
func Main(o Options, out io.Writer) error {
	if o.Bench > 0 {
		return RunBench(o.Config, o.Bench, out)
	}
	cfg := o.Config
	// Recordings, screenshots and benchmarks script the window from its
	// first tick: no name prompt or task card in their way.
	cfg.NoIntro = cfg.NoIntro || o.Replay != "" || o.Screenshot != ""
	if o.Replay != "" {
		f, err := os.Open(o.Replay)
		if err != nil {
			return err
		}
		rp, err := input.ReadReplay(f, o.Replay)
		f.Close()
		if err != nil {
			return err
		}
		cfg.Source = rp
	}
	if o.Record != "" {
		f, err := os.Create(o.Record)
		if err != nil {
			return err
		}
		bw := bufio.NewWriter(f)
		defer func() {
			bw.Flush()
			f.Close()
		}()
		src := cfg.Source
		if src == nil {
			src = &input.Ebiten{}
		}
		cfg.Source = &input.Recorder{Src: src, W: bw}
	}
	var g *Game
	var shotErr error
	if o.Screenshot != "" {
		if cfg.Source == nil {
			// Hold still long enough for the first frames to settle,
			// then ask for the picture; quitting waits for it.
			w, h := cfg.WindowW, cfg.WindowH
			if w <= 0 || h <= 0 {
				w, h = 1280, 800
			}
			// The pointer rests over the middle of the window so the
			// status line describes the scalp there.
			cfg.Source = input.NewScript().MoveTo(float64(w)/2, float64(h)*0.55).Wait(3).Capture("screenshot")
		}
		cfg.OnCapture = func(c Capture) {
			if c.Name != "screenshot" {
				return
			}
			shotErr = atomicfile.Write(o.Screenshot, func(w io.Writer) error { return png.Encode(w, c.Image) })
			g.Quit()
		}
	}
	g, err := NewGame(cfg)
	if err != nil {
		return err
	}
	if o.FrameTimes {
		g.frames = &frameTimes{}
	}
	err = RunGame(g)
	g.Close() // recovery.go
	if g.frames != nil {
		g.frames.report(out)
	}
	if err != nil {
		return err
	}
	if shotErr != nil {
		return fmt.Errorf("writing the screenshot: %w", shotErr)
	}
	return nil
}

// Quit ends the game after the current tick.
func (g *Game) Quit() { g.quit = true }
