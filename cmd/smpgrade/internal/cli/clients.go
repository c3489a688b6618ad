package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/consult"
)

const clientsHelp = `usage: smpgrade clients [--json] [ID...]

Lists the virtual clients (assets/clients, with their consultation cases in
assets/cases): id, name, age, sex, template, the conditions the screening
rules find, and the answer key: the decision the rules give and, for a
postponement, the shortest and longest wait the sources accept, in days
from the consultation. Without ID, every client.

--json prints a JSON array, one object per client, for instructors and
tools:
  {id, name, age, sex, skin, fitzpatrick, hair, template, wish, history,
   conditions, medicines: [{name, prescribed}],
   expected: {decision, min_days, max_days, reasons},
   progressive, styles, face, natural_hairline,
   landmarks: {glabella, canthus_point_left, canthus_point_right, brow_line,
               canthus_line_left, canthus_line_right, mid_pupil_line_left,
               mid_pupil_line_right},
   reference_design: {mfp, ftp_left, ftp_right, tp_left, tp_right,
                      lap_left, lap_right, line, style, client}}
min_days and max_days are left out when no wait applies. Points are
[x_mm, y_mm] on the client's template chart; reference_design is the
instructor's hairline design in the form of a session file's "design". The rules behind
the key are in assets/rules (README.md there).
`

// clientJSON is one client as "clients --json" prints it.
type clientJSON struct {
	ID          string             `json:"id"`
	Name        string             `json:"name"`
	Age         int                `json:"age"`
	Sex         string             `json:"sex"`
	Skin        string             `json:"skin"`
	Fitzpatrick int                `json:"fitzpatrick"`
	Hair        string             `json:"hair"`
	Template    string             `json:"template"`
	Wish        string             `json:"wish"`
	History     []string           `json:"history"`
	Conditions  []string           `json:"conditions"`
	Medicines   []consult.Medicine `json:"medicines"`
	Expected    consult.Key        `json:"expected"`
	clientMappingJSON
}

// runClients is "smpgrade clients [--json] [ID...]".
func runClients(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("clients", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print a JSON array with the answer key")
	pos, status, done := parseArgs(fs, args, clientsHelp, stdout, stderr)
	if done {
		return status
	}
	if err := consult.CasesErr(); err != nil {
		fmt.Fprintf(stderr, "smpgrade clients: %v\n", err)
		return exitFailed
	}
	if err := client.LoadError(); err != nil {
		fmt.Fprintf(stderr, "smpgrade clients: %v\n", err)
		return exitFailed
	}
	var out []clientJSON
	failed := false
	ids := pos
	if len(ids) == 0 {
		for _, c := range consult.Cases() {
			ids = append(ids, c.Client)
		}
	}
	for _, id := range ids {
		cs, err := consult.LookupCase(id)
		if err != nil {
			fmt.Fprintf(stderr, "smpgrade clients: %v\n", err)
			failed = true
			continue
		}
		p := cs.Profile()
		out = append(out, clientJSON{
			ID: p.ID, Name: p.Name, Age: p.Age, Sex: string(p.Sex), Skin: p.Skin, Fitzpatrick: p.Fitzpatrick,
			Hair: p.Hair, Template: p.Template, Wish: p.Wish, History: nonNil(cs.History),
			Conditions: cs.Conditions(), Medicines: nonNilMeds(cs.Medicines), Expected: cs.Key(),
			clientMappingJSON: mappingOf(p),
		})
	}
	if *asJSON {
		if out == nil {
			out = []clientJSON{}
		}
		if writeJSON(stdout, stderr, "clients", out) != exitOK {
			return exitFailed
		}
	} else {
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "id\tname\tage\tsex\ttemplate\texpected\tconditions")
		for _, c := range out {
			cond := strings.Join(c.Conditions, "; ")
			if cond == "" {
				cond = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\n", c.ID, c.Name, c.Age, c.Sex, c.Template, c.Expected, cond)
		}
		tw.Flush()
	}
	if failed {
		return exitFailed
	}
	return exitOK
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilMeds(m []consult.Medicine) []consult.Medicine {
	if m == nil {
		return []consult.Medicine{}
	}
	return m
}
