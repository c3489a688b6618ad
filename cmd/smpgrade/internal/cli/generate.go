package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/smptrainer/smp/sim/exercise"
	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/session"
)

var generateHelp = `usage: smpgrade generate --template ID --style STYLE [--session N] --seed N -o FILE
       smpgrade generate --exercise ID --style STYLE --seed N -o FILE

Writes a session file holding a generated pattern: the cumulative work up to
the end of session N (1–3, default 1) on the template, in the given style.
--exercise records a shipped exercise in the file and takes the template
and session from it (unless given). --trainee NAME records a name.
The same arguments always give the same file. Styles: ` + strings.Join(pattern.Styles(), ", ") + `.
"expert" is the model of good work; the others each show one classic fault,
for testing the grader and for teaching. The file is written atomically.
`

// runGenerate is "smpgrade generate".
func runGenerate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	tmpl := fs.String("template", "", "template id (smpgrade templates)")
	style := fs.String("style", "", "pattern style")
	sessionNo := fs.Int("session", 1, "treatment session 1–3")
	seed := fs.Uint64("seed", 0, "random seed")
	out := fs.String("o", "", "output file")
	trainee := fs.String("trainee", "", "trainee name to record (optional)")
	exID := fs.String("exercise", "", "exercise id: sets the template and session")
	pos, status, done := parseArgs(fs, args, generateHelp, stdout, stderr)
	if done {
		return status
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *exID != "" {
		ex, err := exercise.Lookup(*exID)
		if err != nil {
			return usageErr(stderr, "generate", generateHelp, "%v", err)
		}
		if !set["template"] {
			*tmpl = ex.Template
		}
		if !set["session"] {
			*sessionNo = ex.Session
		}
	}
	switch {
	case len(pos) > 0:
		return usageErr(stderr, "generate", generateHelp, "unexpected argument %q", pos[0])
	case *tmpl == "":
		return usageErr(stderr, "generate", generateHelp, "--template is required")
	case *style == "":
		return usageErr(stderr, "generate", generateHelp, "--style is required")
	case !set["seed"]:
		return usageErr(stderr, "generate", generateHelp, "--seed is required (the same seed gives the same file)")
	case *out == "":
		return usageErr(stderr, "generate", generateHelp, "-o FILE is required")
	case *sessionNo < 1 || *sessionNo > 3:
		return usageErr(stderr, "generate", generateHelp, "--session %d is not 1, 2 or 3", *sessionNo)
	}
	t, err := scalp.Lookup(*tmpl)
	if err != nil {
		return usageErr(stderr, "generate", generateHelp, "unknown template %q (known: %s)", *tmpl, strings.Join(scalp.IDs(), ", "))
	}
	known := false
	for _, s := range pattern.Styles() {
		known = known || s == *style
	}
	if !known {
		return usageErr(stderr, "generate", generateHelp, "unknown style %q", *style)
	}
	ims, err := pattern.Generate(t, *style, *sessionNo, *seed)
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade generate: %v\n", err)
		return exitFailed
	}
	s := &session.Session{
		Template:    t.ID,
		Exercise:    *exID,
		Trainee:     *trainee,
		Number:      *sessionNo,
		Impressions: ims,
		App:         fmt.Sprintf("smpgrade generate --style %s --session %d --seed %d", *style, *sessionNo, *seed),
	}
	if err := session.Save(*out, s); err != nil {
		fmt.Fprintf(stderr, "smpgrade generate: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "%s: %d impressions, %s style, %s session %d, seed %d\n", *out, len(ims), *style, t.ID, *sessionNo, *seed)
	return exitOK
}
