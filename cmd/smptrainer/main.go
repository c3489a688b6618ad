// Command smptrainer is the SMP (scalp micropigmentation) trainer: a window
// showing a scalp template at true scale on which a trainee places
// impressions, undoes them, and saves the work as a session file for
// smpgrade to score.
//
// Usage:
//
//	smptrainer [-trainee NAME] [-exercise ID] [-template ID] [-class URL -code CODE] [SESSION.json]
//
// A SESSION path that exists is opened; one that does not is where Ctrl+S
// saves. Without it, Ctrl+S saves to a new timestamped file in the sessions
// folder named after the trainee and the exercise (see package store).
// The first run asks for the trainee's name; every exercise opens with its
// task card. Press F1 in the window for the keys, Ctrl+Q to quit.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/handin"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	fl := flag.NewFlagSet("smptrainer", flag.ContinueOnError)
	exercise := fl.String("exercise", "", "exercise `ID` to open (default: the first exercise of the course)")
	trainee := fl.String("trainee", "", "the trainee's `NAME` for this run, written into every save (default: the name given on the first run)")
	template := fl.String("template", "", "template `ID` for free practice, such as norwood3 or square20")
	screenshot := fl.String("screenshot", "", "write a PNG of the window to `FILE` after the first frames, then quit")
	bench := fl.Int("bench", 0, "benchmark: load `N` generated impressions, drive a scripted pan and zoom, print frame times, quit")
	record := fl.String("record", "", "record every tick's input to `FILE` (JSON lines) for -replay")
	class := fl.String("class", "", "hand in to the class server at `URL` (\"smpgrade serve\" prints it) with Ctrl+Shift+H")
	code := fl.String("code", "", "the class `CODE` the instructor gives with -class")
	replay := fl.String("replay", "", "replay input recorded with -record from `FILE` (JSON lines; a line may add \"repeat\": N to last N ticks)")
	frameTimes := fl.Bool("frametimes", false, "print how long Update and Draw took and the time between frames (how often the mouse is read) when the window closes")
	cpuProfile := fl.String("cpuprofile", "", "write a CPU profile of the whole run to `FILE` (go tool pprof)")
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), "usage: smptrainer [flags] [SESSION.json]\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 1 {
		fl.Usage()
		return 2
	}
	if *class == "" {
		// The browser build hands in to the server it was loaded from.
		var who string
		*class, *code, who = browserClass()
		if *trainee == "" {
			*trainee = who
		}
	}
	if *class != "" {
		if err := handin.CheckURL(*class); err != nil {
			fmt.Fprintln(os.Stderr, "smptrainer: -class:", err)
			return 2
		}
	}
	opt := ui.Options{
		Config: ui.Config{
			SessionPath: fl.Arg(0),
			Exercise:    *exercise,
			Template:    *template,
			Trainee:     *trainee,
			ClassURL:    *class,
			ClassCode:   *code,
		},
		Screenshot: *screenshot,
		Bench:      *bench,
		Record:     *record,
		Replay:     *replay,
		FrameTimes: *frameTimes,
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "smptrainer: -cpuprofile:", err)
			return 2
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "smptrainer: -cpuprofile:", err)
			return 2
		}
		defer pprof.StopCPUProfile()
	}
	if err := ui.Main(opt, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "smptrainer:", err)
		return 1
	}
	return 0
}
