package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/shade"
)

// colourForms is the help text for a colour argument.
const colourForms = "#rrggbb, lab:L,a,b, monk:1..10, fitzpatrick:1..6 or hair:ID"

// exitUsage is the status for bad usage and bad colours (contract: 2).
const exitUsage = 2

const deltaEUsage = `usage: smpgrade delta-e A B [--json]

Prints the CIEDE2000 colour difference ΔE00 between A and B in standard
units (about 1 = one just-noticeable difference), with 4 decimals.
--json prints {"de00": …, "de76": …}.
Colours: ` + colourForms + "\n"

// runDeltaE is "smpgrade delta-e A B [--json]".
func runDeltaE(args []string, stdout, stderr io.Writer) int {
	var cols []string
	asJSON := false
	for _, a := range args {
		switch {
		case a == "--json" || a == "-json":
			asJSON = true
		case a == "-h" || a == "--help" || a == "-help":
			fmt.Fprint(stdout, deltaEUsage)
			return 0
		case strings.HasPrefix(a, "-"):
			fmt.Fprintf(stderr, "smpgrade delta-e: unknown flag %q\n%s", a, deltaEUsage)
			return exitUsage
		default:
			cols = append(cols, a)
		}
	}
	if len(cols) != 2 {
		fmt.Fprintf(stderr, "smpgrade delta-e: want two colours, got %d\n%s", len(cols), deltaEUsage)
		return exitUsage
	}
	a, err := colour.Parse(cols[0])
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade delta-e: %v\n", err)
		return exitUsage
	}
	b, err := colour.Parse(cols[1])
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade delta-e: %v\n", err)
		return exitUsage
	}
	de00, de76 := colour.DeltaE00(a, b), colour.DeltaE76(a, b)
	if asJSON {
		return writeJSON(stdout, stderr, "delta-e", struct {
			DE00 float64 `json:"de00"`
			DE76 float64 `json:"de76"`
		}{round4(de00), round4(de76)})
	}
	fmt.Fprintf(stdout, "%.4f\n", de00)
	return 0
}

const shadeUsage = `usage: smpgrade shade --skin COLOUR --hair COLOUR [--json]

Ranks every pigment × dilution in the palette by ΔE00 between its healed dot
seen on the skin and the hair target, best first, with the healed colour,
the contrast against the skin and warnings (blue-grey drift after 5 years,
low contrast). The optical model behind it is a set of model assumptions,
not clinical data.
Colours: ` + colourForms + "\n"

// runShade is "smpgrade shade --skin COLOUR --hair COLOUR [--json]".
func runShade(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("shade", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	skinArg := fs.String("skin", "", "skin colour")
	hairArg := fs.String("hair", "", "hair target colour")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(stdout, shadeUsage)
			return 0
		}
		fmt.Fprintf(stderr, "smpgrade shade: %v\n%s", err, shadeUsage)
		return exitUsage
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "smpgrade shade: unexpected argument %q\n%s", fs.Arg(0), shadeUsage)
		return exitUsage
	case *skinArg == "":
		fmt.Fprintf(stderr, "smpgrade shade: --skin is required\n%s", shadeUsage)
		return exitUsage
	case *hairArg == "":
		fmt.Fprintf(stderr, "smpgrade shade: --hair is required\n%s", shadeUsage)
		return exitUsage
	}
	skin, err := colour.Parse(*skinArg)
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade shade: --skin: %v\n", err)
		return exitUsage
	}
	hair, err := colour.Parse(*hairArg)
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade shade: --hair: %v\n", err)
		return exitUsage
	}
	skin, hair = skin.Clamped(), hair.Clamped()
	opts := shade.Advise(skin, hair)
	if len(opts) == 0 {
		fmt.Fprintln(stderr, "smpgrade shade: the embedded palette is broken; no pigments to rank")
		return 1
	}
	ita := colour.ITA(skin)
	if *asJSON {
		return writeJSON(stdout, stderr, "shade", shadeReport(skin, hair, ita, opts))
	}

	fmt.Fprintf(stdout, "skin %s %s, ITA %.1f° (%s); hair target %s\n",
		shade.SkinName(skin), skin.Hex(), ita, colour.ITAClass(ita), hair.Hex())
	fmt.Fprintf(stdout, "ranked by ΔE00 between the healed dot on this skin and the target (model, not clinical data)\n\n")
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tpigment\tdilution\thealed\tΔE00\tcontrast ΔE00\tΔL*\tblue drift 5y\twarnings")
	for i, o := range opts {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%.2f\t%.1f\t%.1f\t%.1f\t%s\n", i+1, o.PigmentID, o.DilutionLabel,
			o.Healed.Clamped().Hex(), o.DeltaE, o.ContrastDE, o.ContrastL, o.BlueDrift, strings.Join(o.Warnings, "; "))
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "smpgrade shade: %v\n", err)
		return 1
	}
	return 0
}

// shadeJSON is the --json shape of "smpgrade shade".
type shadeJSON struct {
	Skin    skinJSON     `json:"skin"`
	Hair    string       `json:"hair"`
	Years   float64      `json:"aged_years"`
	Options []optionJSON `json:"options"`
}

type skinJSON struct {
	Colour string  `json:"colour"`
	Name   string  `json:"name"`
	ITA    float64 `json:"ita_deg"`
	Class  string  `json:"ita_class"`
}

type optionJSON struct {
	Rank          int      `json:"rank"`
	Pigment       string   `json:"pigment"`
	PigmentName   string   `json:"pigment_name"`
	Dilution      float64  `json:"dilution"`
	DilutionLabel string   `json:"dilution_label"`
	Healed        string   `json:"healed"`
	Aged          string   `json:"aged"`
	DE00          float64  `json:"de00"`
	ContrastDE00  float64  `json:"contrast_de00"`
	ContrastL     float64  `json:"contrast_l"`
	BlueDrift     float64  `json:"blue_drift_de00"`
	Warnings      []string `json:"warnings"`
}

func shadeReport(skin, hair colorful.Color, ita float64, opts []shade.Option) shadeJSON {
	r := shadeJSON{
		Skin:  skinJSON{skin.Hex(), shade.SkinName(skin), round4(ita), colour.ITAClass(ita)},
		Hair:  hair.Hex(),
		Years: appearance.PreviewYears,
	}
	for i, o := range opts {
		w := o.Warnings
		if w == nil {
			w = []string{}
		}
		r.Options = append(r.Options, optionJSON{
			Rank: i + 1, Pigment: o.PigmentID, PigmentName: o.PigmentName,
			Dilution: o.Dilution, DilutionLabel: o.DilutionLabel,
			Healed: o.Healed.Clamped().Hex(), Aged: o.Aged.Clamped().Hex(),
			DE00: round4(o.DeltaE), ContrastDE00: round4(o.ContrastDE), ContrastL: round4(o.ContrastL),
			BlueDrift: round4(o.BlueDrift), Warnings: w,
		})
	}
	return r
}

func writeJSON(stdout, stderr io.Writer, cmd string, v any) int {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(stderr, "smpgrade %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

// round4 rounds to the 4 decimals the text output shows, so --json and
// text agree.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
