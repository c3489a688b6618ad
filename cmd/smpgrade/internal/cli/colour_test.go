package cli

import (
	"bytes"
	"encoding/json"
	"github.com/smptrainer/smp/sim/scalp"
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestDeltaESharmaPair1(t *testing.T) {
	var out, errb bytes.Buffer
	code := runDeltaE([]string{"lab:50,2.6772,-79.7751", "lab:50,0,-82.7485"}, &out, &errb)
	if code != 0 || errb.Len() != 0 {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	if got := strings.TrimSpace(out.String()); got != "2.0425" {
		t.Errorf("stdout %q, want 2.0425 (Sharma pair 1)", got)
	}
}

func TestDeltaEPair10BothOrders(t *testing.T) {
	for _, args := range [][]string{
		{"lab:50,2.49,-0.001", "lab:50,-2.49,0.001"},
		{"lab:50,-2.49,0.001", "lab:50,2.49,-0.001"},
	} {
		var out, errb bytes.Buffer
		if code := runDeltaE(args, &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d %s", args, code, errb.String())
		}
		if got := strings.TrimSpace(out.String()); got != "7.1792" {
			t.Errorf("%v: %q, want 7.1792 (Sharma pair 10)", args, got)
		}
	}
}

func TestDeltaEJSON(t *testing.T) {
	var out, errb bytes.Buffer
	code := runDeltaE([]string{"lab:50,2.6772,-79.7751", "lab:50,0,-82.7485", "--json"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d %s", code, errb.String())
	}
	var v map[string]float64
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatalf("%v in %s", err, out.String())
	}
	// Sharma pair 1: ΔE00 2.0425; ΔE76 = √(2.6772² + 2.9734²) = 4.0011.
	if len(v) != 2 || v["de00"] != 2.0425 || v["de76"] != 4.0011 {
		t.Errorf("json %v: want de00 2.0425, de76 4.0011", v)
	}
	// The text output agrees.
	var txt bytes.Buffer
	runDeltaE([]string{"lab:50,2.6772,-79.7751", "lab:50,0,-82.7485"}, &txt, &errb)
	got, _ := strconv.ParseFloat(strings.TrimSpace(txt.String()), 64)
	if math.Abs(got-v["de00"]) > 1e-12 {
		t.Errorf("text %v, json %v", got, v["de00"])
	}
}

func TestDeltaEBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"#12345", "#000000"}, `"#12345"`},
		{[]string{"#000000", "lab:1,2"}, `"lab:1,2"`},
		{[]string{"#000000"}, "want two colours"},
		{[]string{"#000000", "#ffffff", "#ffffff"}, "want two colours"},
		{[]string{"--frob", "#000000", "#ffffff"}, `unknown flag "--frob"`},
		{nil, "want two colours"},
	} {
		var out, errb bytes.Buffer
		if code := runDeltaE(tc.args, &out, &errb); code != 2 {
			t.Errorf("%v: exit %d, want 2", tc.args, code)
		}
		if !strings.Contains(errb.String(), tc.want) {
			t.Errorf("%v: stderr %q lacks %q", tc.args, errb.String(), tc.want)
		}
		if out.Len() != 0 {
			t.Errorf("%v: wrote %q to stdout on error", tc.args, out.String())
		}
	}
}

func TestShadeText(t *testing.T) {
	var out, errb bytes.Buffer
	code := runShade([]string{"--skin", "monk:3", "--hair", "hair:dark-brown"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d %s", code, errb.String())
	}
	s := out.String()
	for _, want := range []string{"MST-03", "very light", "ΔE00", "carbon-black", "1:20", "neat"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
}

func TestShadeJSON(t *testing.T) {
	var out, errb bytes.Buffer
	code := runShade([]string{"--skin=monk:1", "--hair=hair:black", "--json"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d %s", code, errb.String())
	}
	var r shadeJSON
	dec := json.NewDecoder(&out)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		t.Fatal(err)
	}
	if r.Skin.Name != "MST-01" || r.Skin.Class != "very light" || len(r.Options) < 20 {
		t.Fatalf("report %+v", r)
	}
	warned := false
	for i, o := range r.Options {
		// Ranked by what is seen: among options alike in the blue-grey
		// warning, a better match never comes after a clearly worse one.
		blue := func(o optionJSON) bool { return strings.Contains(strings.Join(o.Warnings, " "), "blue") }
		for j := range i {
			p := r.Options[j]
			if blue(p) == blue(o) && o.Match > p.Match+0.05 {
				t.Errorf("option %d (match %.2f) ranked after %d (match %.2f)", i, o.Match, j, p.Match)
			}
		}
		if o.Rank != i+1 || o.HealedDiameterMM <= 0 || o.WarningDetails == nil {
			t.Errorf("option %d: %+v", i, o)
		}
		if o.Warnings == nil {
			t.Errorf("option %d: warnings must be [] not null", i)
		}
		if strings.Contains(strings.Join(o.Warnings, " "), "blue") {
			warned = true
		}
	}
	if !warned {
		t.Error("black on MST-01: no option warns of blue-grey drift")
	}
}

// TestShadeTemplateBar is the bar of issue 9, as a user runs it: on every
// template "smpgrade shade --template ID --json" ranks first a mix with no
// blue-grey warning, area_de00 ≤ 1, texture_ratio 0.8–1.25 and a healed
// 1RL 0.25 dot of 0.09–0.17 mm.
func TestShadeTemplateBar(t *testing.T) {
	for _, tp := range scalp.All() {
		var out, errb bytes.Buffer
		if code := Main([]string{"shade", "--template", tp.ID, "--json"}, &out, &errb); code != 0 {
			t.Fatalf("%s: exit %d %s", tp.ID, code, errb.String())
		}
		var r shadeJSON
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		o := r.Options[0]
		for _, w := range o.WarningDetails {
			if w.Code == "blue-grey" {
				t.Errorf("%s: first pick %s %s turns blue-grey", tp.ID, o.Pigment, o.DilutionLabel)
			}
		}
		if o.AreaDE00 > 1 || o.TextureRatio < 0.8 || o.TextureRatio > 1.25 || o.HealedDiameterMM < 0.09 || o.HealedDiameterMM > 0.17 || r.Needle != "1RL 0.25" {
			t.Errorf("%s: first pick %+v (needle %s)", tp.ID, o, r.Needle)
		}
	}
	// The flags reach the advice: a 3RL at 2 m makes bigger dots.
	var out, errb bytes.Buffer
	if code := Main([]string{"shade", "--template", "norwood3", "--needle", "3RL", "--gauge", "0.30", "--distance-m", "2", "--json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d %s", code, errb.String())
	}
	var r shadeJSON
	if err := json.Unmarshal(out.Bytes(), &r); err != nil || r.DistanceM != 2 || r.Needle != "3RL 0.30" || r.Options[0].HealedDiameterMM < 0.17 {
		t.Errorf("3RL at 2 m: %v %+v", err, r)
	}
}

func TestShadeBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--skin", "monk:11", "--hair", "#000000"}, `--skin: colour "monk:11"`},
		{[]string{"--skin", "monk:1", "--hair", "blue"}, `--hair: colour "blue"`},
		{[]string{"--hair", "#000000"}, "--skin or --template is required"},
		{[]string{"--skin", "monk:1"}, "--hair or --template is required"},
		{[]string{"--template", "norwood99"}, "--template: "},
		{[]string{"--template", "norwood3", "--needle", "5RL"}, `--needle "5RL": want 1RL or 3RL`},
		{[]string{"--template", "norwood3", "--gauge", "0.5"}, "--gauge 0.5: want 0.18–0.3 mm"},
		{[]string{"--template", "norwood3", "--distance-m", "0"}, "--distance-m 0: want"},
		{[]string{"--template", "norwood3", "--session", "4"}, "--session 4"},
		{[]string{"--skin", "monk:1", "--hair", "#000000", "extra"}, `unexpected argument "extra"`},
		{[]string{"--tone", "x"}, "flag provided but not defined"},
	} {
		var out, errb bytes.Buffer
		if code := runShade(tc.args, &out, &errb); code != 2 {
			t.Errorf("%v: exit %d, want 2", tc.args, code)
		}
		if !strings.Contains(errb.String(), tc.want) {
			t.Errorf("%v: stderr %q lacks %q", tc.args, errb.String(), tc.want)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, f := range []func([]string, *bytes.Buffer, *bytes.Buffer) int{
		func(a []string, o, e *bytes.Buffer) int { return runDeltaE(a, o, e) },
		func(a []string, o, e *bytes.Buffer) int { return runShade(a, o, e) },
	} {
		var out, errb bytes.Buffer
		if code := f([]string{"-h"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "usage: smpgrade") {
			t.Errorf("help: exit %d, %q", code, out.String())
		}
	}
}

// TestColourCommandsThroughMain drives the commands the way main does, so
// the command table entries are covered too.
func TestColourCommandsThroughMain(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Main([]string{"delta-e", "#f6ede4", "monk:1"}, &out, &errb); code != 0 || strings.TrimSpace(out.String()) != "0.0000" {
		t.Errorf("delta-e same colour: exit %d, %q %q", code, out.String(), errb.String())
	}
	out.Reset()
	errb.Reset()
	if code := Main([]string{"delta-e", "#f6ede4", "monk:0"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), `"monk:0"`) {
		t.Errorf("delta-e bad colour: exit %d, %q", code, errb.String())
	}
	out.Reset()
	errb.Reset()
	if code := Main([]string{"shade", "--skin", "fitzpatrick:IV", "--hair", "lab:25,1.5,2.5", "--json"}, &out, &errb); code != 0 {
		t.Errorf("shade: exit %d, %q", code, errb.String())
	}
	var r shadeJSON
	if err := json.Unmarshal(out.Bytes(), &r); err != nil || r.Skin.Name != "Fitzpatrick IV" {
		t.Errorf("shade json: %v %+v", err, r.Skin)
	}
	out.Reset()
	if code := Main([]string{"help"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "delta-e") || !strings.Contains(out.String(), "shade") {
		t.Errorf("help lacks the colour commands: %q", out.String())
	}
	out.Reset()
	if code := Main([]string{"help", "shade"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "--skin COLOUR") {
		t.Errorf("help shade: %q", out.String())
	}
}
