package cli

import (
	"fmt"
	"github.com/smptrainer/smp/sim/fileerr"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// progressTerminal reports whether w is a terminal, where a progress line
// redrawn in place is welcome (in a file or a pipe it would be clutter).
// A variable so tests can pretend.
var progressTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressWidth is the most columns the progress line takes. It must fit
// on one terminal line, or "\r" would return to the start of the last
// wrapped piece and leave the rest behind; 79 fits the narrowest terminal
// in common use, 80 columns (model assumption: we do not query the width).
const progressWidth = 79

// progress draws "[12/30] grading class/ann.json" on one line, redrawn in
// place with "\r", for every subcommand that works through files (score,
// record, report). Redraws overwrite the previous text with spaces rather
// than with an ANSI erase, so it works on any terminal. It is on only
// when w is a terminal (progressTerminal); off, it draws nothing and
// failure lines go out as they come.
type progress struct {
	w     io.Writer
	on    bool
	verb  string // what is done to the file: "grading", "reported"
	shown int    // columns of the line on screen now, 0 when clear
}

// newProgress returns the progress line on w, on when w is a terminal;
// verb names what is done to each file.
func newProgress(w io.Writer, verb string) *progress {
	return &progress{w: w, on: progressTerminal(w), verb: verb}
}

// show draws the line for file i of n (counted from 1).
func (p *progress) show(i, n int, file string) {
	if !p.on {
		return
	}
	prefix := fmt.Sprintf("[%d/%d] %s ", i, n, p.verb)
	line := prefix + tail(fileerr.OneLine(file), progressWidth-textWidth(prefix))
	wide := textWidth(line)
	fmt.Fprint(p.w, "\r"+line+spaces(p.shown-wide))
	if p.shown > wide {
		fmt.Fprint(p.w, "\r"+line) // put the cursor back at the end of the text
	}
	p.shown = wide
}

// fail prints one failure line, control characters escaped, on a clean
// line of its own: the progress line is cleared first (and redrawn by the
// next show).
func (p *progress) fail(line string) {
	p.clear()
	fmt.Fprintln(p.w, fileerr.OneLine(line))
}

// clear blanks the line, so what is printed next starts on a clean line.
func (p *progress) clear() {
	if !p.on || p.shown == 0 {
		return
	}
	fmt.Fprint(p.w, "\r"+spaces(p.shown)+"\r")
	p.shown = 0
}

// tail shortens s to at most width columns by dropping its start, which
// keeps the file name at the end of a long path.
func tail(s string, width int) string {
	width = max(width, 8)
	if textWidth(s) <= width {
		return s
	}
	r := []rune(s)
	return "…" + string(r[len(r)-(width-1):])
}

// textWidth counts the columns of s on a terminal, one per character
// (East Asian wide characters, which take two, are rare in file names).
func textWidth(s string) int { return utf8.RuneCountInString(s) }

func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(" ", n)
}
