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
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/shade"
	"github.com/smptrainer/smp/sim/viewer"
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

const shadeUsage = `usage: smpgrade shade (--template ID [--session N] | --skin COLOUR --hair COLOUR)
                     [--needle 1RL|3RL] [--gauge MM] [--distance-m M] [--json]

Ranks every pigment × dilution in the palette by what is seen: work in the
mix, healed on the client's skin, against the client's shaved hair on the
same skin, both seen from the viewing distance (S-CIELAB-style eye blur).
Each option shows the area colour difference (ΔE00; within 1 reads alike),
the texture ratio (the work's light–dark texture over the stubble's;
0.8–1.25 reads alike), the healed dot size, the blue-grey drift after 5
years, and its warnings with what they mean.

--template takes the template's skin, hair target and stubble density
(the session's target density on a bald template); --skin and --hair
override them. Defaults: 1RL, 0.25 mm, 0.5 m, 80 dots per cm².
The optical model is a set of model assumptions, not clinical data.
Colours: ` + colourForms + "\n"

// runShade is "smpgrade shade".
func runShade(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("shade", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	tmplArg := fs.String("template", "", "template id")
	sessionArg := fs.Int("session", 3, "session (1–3), for a bald template's density")
	skinArg := fs.String("skin", "", "skin colour")
	hairArg := fs.String("hair", "", "hair target colour")
	needleArg := fs.String("needle", string(impression.DefaultNeedle.Grouping), "needle grouping")
	gaugeArg := fs.Float64("gauge", impression.DefaultNeedle.GaugeMM, "needle gauge, mm")
	distArg := fs.Float64("distance-m", viewer.DefaultDistanceM, "viewing distance, m")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(stdout, shadeUsage)
			return 0
		}
		fmt.Fprintf(stderr, "smpgrade shade: %v\n%s", err, shadeUsage)
		return exitUsage
	}
	bad := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "smpgrade shade: "+format+"\n", a...)
		return exitUsage
	}
	if fs.NArg() > 0 {
		return bad("unexpected argument %q\n%s", fs.Arg(0), shadeUsage)
	}
	var client shade.Client
	client.PerCM2 = shade.DefaultPerCM2
	haveSkin, haveHair := false, false
	if *tmplArg != "" {
		t, err := scalp.Lookup(*tmplArg)
		if err != nil {
			return bad("--template: %v", err)
		}
		if *sessionArg < 1 || *sessionArg > 3 {
			return bad("--session %d: want 1, 2 or 3", *sessionArg)
		}
		if client, err = shade.ClientOf(t, *sessionArg); err != nil {
			return bad("--template: %v", err)
		}
		haveSkin, haveHair = true, true
	}
	if *skinArg != "" {
		c, err := colour.Parse(*skinArg)
		if err != nil {
			return bad("--skin: %v", err)
		}
		client.Skin, haveSkin = c.Clamped(), true
	}
	if *hairArg != "" {
		c, err := colour.Parse(*hairArg)
		if err != nil {
			return bad("--hair: %v", err)
		}
		client.Hair, haveHair = c.Clamped(), true
	}
	switch {
	case !haveSkin:
		return bad("--skin or --template is required\n%s", shadeUsage)
	case !haveHair:
		return bad("--hair or --template is required\n%s", shadeUsage)
	}
	needle := impression.Needle{Grouping: impression.Grouping(strings.ToUpper(*needleArg)), GaugeMM: *gaugeArg}
	if needle.Grouping != impression.RL1 && needle.Grouping != impression.RL3 {
		return bad("--needle %q: want 1RL or 3RL", *needleArg)
	}
	if !(needle.GaugeMM >= impression.MinGaugeMM && needle.GaugeMM <= impression.MaxGaugeMM) {
		return bad("--gauge %g: want %g–%g mm (domain.md §2)", *gaugeArg, impression.MinGaugeMM, impression.MaxGaugeMM)
	}
	if !(*distArg >= viewer.MinDistanceM && *distArg <= viewer.MaxDistanceM) {
		return bad("--distance-m %g: want %g–%g m", *distArg, viewer.MinDistanceM, viewer.MaxDistanceM)
	}
	v := shade.Viewing{Needle: needle, DistanceM: *distArg, PerCM2: client.PerCM2}
	opts := shade.AdviseFor(client.Skin, client.Hair, v)
	if len(opts) == 0 {
		fmt.Fprintln(stderr, "smpgrade shade: the embedded palette is broken; no pigments to rank")
		return 1
	}
	skin, hair := client.Skin, client.Hair
	ita := colour.ITA(skin)
	if *asJSON {
		return writeJSON(stdout, stderr, "shade", shadeReport(skin, hair, ita, v, opts))
	}

	fmt.Fprintf(stdout, "skin %s %s, ITA %.1f° (%s); hair target %s, stubble %.0f per cm²\n",
		shade.SkinName(skin), skin.Hex(), ita, colour.ITAClass(ita), hair.Hex(), client.PerCM2)
	fmt.Fprintf(stdout, "needle %s, seen from %g m; ranked by what is seen against the stubble on this skin (model, not clinical data)\n\n", needle, v.DistanceM)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tpigment\tdilution\thealed\tdot mm\tarea ΔE00\ttexture\tcontrast ΔE00\tblue drift 5y\twarnings")
	for i, o := range opts {
		var w []string
		for _, x := range o.Warnings {
			w = append(w, x.Text)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%.3f\t%.2f\t%.2f×\t%.1f\t%.1f\t%s\n", i+1, o.PigmentID, o.DilutionLabel,
			o.Healed.Clamped().Hex(), o.HealedDiameterMM, o.AreaDE, o.TextureRatio, o.ContrastDE, o.BlueDrift, strings.Join(w, "; "))
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "smpgrade shade: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "\nwarnings: %s: %s\n          %s: %s\n", shade.WarnBlueGrey, shade.WarningWhy(shade.WarnBlueGrey),
		shade.WarnInvisible, shade.WarningWhy(shade.WarnInvisible))
	return 0
}

// shadeJSON is the --json shape of "smpgrade shade".
type shadeJSON struct {
	Skin      skinJSON     `json:"skin"`
	Hair      string       `json:"hair"`
	Years     float64      `json:"aged_years"`
	Needle    string       `json:"needle"`
	DistanceM float64      `json:"distance_m"`
	PerCM2    float64      `json:"stubble_per_cm2"`
	Options   []optionJSON `json:"options"`
}

type skinJSON struct {
	Colour string  `json:"colour"`
	Name   string  `json:"name"`
	ITA    float64 `json:"ita_deg"`
	Class  string  `json:"ita_class"`
}

type optionJSON struct {
	Rank             int           `json:"rank"`
	Pigment          string        `json:"pigment"`
	PigmentName      string        `json:"pigment_name"`
	Dilution         float64       `json:"dilution"`
	DilutionLabel    string        `json:"dilution_label"`
	Healed           string        `json:"healed"`
	Aged             string        `json:"aged"`
	DE00             float64       `json:"de00"`
	ContrastDE00     float64       `json:"contrast_de00"`
	ContrastL        float64       `json:"contrast_l"`
	BlueDrift        float64       `json:"blue_drift_de00"`
	Warnings         []string      `json:"warnings"`
	HealedDiameterMM float64       `json:"healed_diameter_mm"`
	AreaDE00         float64       `json:"area_de00"`
	TextureRatio     float64       `json:"texture_ratio"`
	Match            float64       `json:"match"`
	WarningDetails   []warningJSON `json:"warning_details"`
}

type warningJSON struct {
	Code string `json:"code"`
	Text string `json:"text"`
	Why  string `json:"why"`
}

func shadeReport(skin, hair colorful.Color, ita float64, v shade.Viewing, opts []shade.Option) shadeJSON {
	r := shadeJSON{
		Skin:      skinJSON{skin.Hex(), shade.SkinName(skin), round4(ita), colour.ITAClass(ita)},
		Hair:      hair.Hex(),
		Years:     appearance.PreviewYears,
		Needle:    v.Needle.String(),
		DistanceM: v.DistanceM,
		PerCM2:    round4(v.PerCM2),
	}
	for i, o := range opts {
		w, wd := []string{}, []warningJSON{}
		for _, x := range o.Warnings {
			w = append(w, x.Text)
			wd = append(wd, warningJSON{x.Code, x.Text, x.Why})
		}
		r.Options = append(r.Options, optionJSON{
			Rank: i + 1, Pigment: o.PigmentID, PigmentName: o.PigmentName,
			Dilution: o.Dilution, DilutionLabel: o.DilutionLabel,
			Healed: o.Healed.Clamped().Hex(), Aged: o.Aged.Clamped().Hex(),
			DE00: round4(o.DeltaE), ContrastDE00: round4(o.ContrastDE), ContrastL: round4(o.ContrastL),
			BlueDrift: round4(o.BlueDrift), Warnings: w,
			HealedDiameterMM: round4(o.HealedDiameterMM), AreaDE00: round4(o.AreaDE),
			TextureRatio: round4(o.TextureRatio), Match: round4(o.Match), WarningDetails: wd,
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
