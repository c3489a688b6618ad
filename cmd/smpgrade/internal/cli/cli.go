// Package cli is smpgrade's command line, kept apart from main so tests can
// drive it with arguments and buffers: Main(args, stdout, stderr) returns
// the exit status.
//
// Exit status, for every command: 0 when everything asked for was done; 1
// when some input failed (each failure is one line on stderr naming the
// file, and the rest is still done); 2 for bad usage.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Exit statuses (exitUsage, 2, is declared with the colour commands).
const (
	exitOK     = 0
	exitFailed = 1
)

// command is one subcommand: its name, a one-line summary for the help
// text, and its entry point, which gets the arguments after the name.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

// commands is the command table, in the order "smpgrade help" lists them.
var commands = []command{
	{"templates", "list the scalp templates (--json: their full geometry)", runTemplates},
	{"clients", "list the virtual clients with their conditions and answer key (--json)", runClients},
	{"score", "grade session files and class folders: a table, --csv for spreadsheets, --json for tools", runScore},
	{"generate", "write an example session file from a pattern generator", runGenerate},
	{"report", "write a printable HTML class report with pictures and plots (-o DIR)", runReport},
	{"record", "grade session files and store the attempts in a class gradebook (--db FILE)", runRecord},
	{"export", "the gradebook's latest grades as a Moodle or Canvas grade-import CSV (--db FILE --roster R)", runExport},
	{"gradebook", "copy a gradebook between SQLite and PostgreSQL (copy --from X --to Y)", runGradebook},
	{"serve", "run the class server: hand-ins, live dashboard, browser trainer (--dir DIR)", runServe},
	{"history", "each trainee's scores over time from a gradebook, as a table, JSON or plot (--db FILE)", runHistory},
	{"delta-e", "colour difference ΔE00 (CIEDE2000) between two colours (--json adds ΔE76)", runDeltaE},
	{"shade", "rank pigment × dilution for a skin and hair target by healed ΔE00 (--json)", runShade},
}

// Main runs smpgrade with args (without the program name) and returns the
// exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && name == "help" {
			if c := find(args[1]); c != nil {
				return c.run([]string{"-h"}, stdout, stderr)
			}
			fmt.Fprintf(stderr, "smpgrade help: unknown command %q\n%s", args[1], usage())
			return exitUsage
		}
		fmt.Fprint(stdout, usage())
		return exitOK
	}
	c := find(name)
	if c == nil {
		fmt.Fprintf(stderr, "smpgrade: unknown command %q\n%s", name, usage())
		return exitUsage
	}
	return c.run(args[1:], stdout, stderr)
}

func find(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

// usage is the top-level help: every command in the table.
func usage() string {
	var b strings.Builder
	b.WriteString("usage: smpgrade COMMAND [ARGUMENTS]\n\nSMP trainer grading tool for instructors.\n\nCommands:\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	b.WriteString("\nRun \"smpgrade help COMMAND\" or \"smpgrade COMMAND -h\" for a command's options.\n" +
		"Exit status: 0 all done, 1 some input failed (one line each on stderr), 2 bad usage.\n")
	return b.String()
}

// parseArgs parses flags that may appear before, between or after the
// positional arguments ("score a.json --json b.json"); "--" ends the flags.
// On -h it prints help to stdout and returns done with status 0; on a bad
// flag it prints the problem and help to stderr and returns status 2.
func parseArgs(fs *flag.FlagSet, args []string, help string, stdout, stderr io.Writer) (pos []string, status int, done bool) {
	fs.SetOutput(io.Discard)
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, help)
				return nil, exitOK, true
			}
			fmt.Fprintf(stderr, "smpgrade %s: %v\n%s", fs.Name(), err, help)
			return nil, exitUsage, true
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, exitOK, false
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), exitOK, false
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// usageErr prints a usage problem and the command's help to stderr.
func usageErr(stderr io.Writer, cmd, help, format string, a ...any) int {
	fmt.Fprintf(stderr, "smpgrade %s: %s\n%s", cmd, fmt.Sprintf(format, a...), help)
	return exitUsage
}
