package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/scalp"
)

// fuzzSep separates the arguments in a fuzz input: the one byte no
// command-line argument can hold.
const fuzzSep = "\x00"

// FuzzArgs runs smpgrade on random arguments: it must never panic, must
// exit 0, 1 or 2, and must say something on stderr whenever it does not
// exit 0. Each run happens in a fresh folder holding a good and a broken
// session file and a sub-folder, so arguments that name files find some.
//
// Inputs that could reach outside that folder (absolute paths, "..") are
// skipped, and so are the slow commands: "generate" on anything but the
// small practice template (a full scalp takes seconds) and "report"
// (pictures and plots; its own tests cover it), except their help.
func FuzzArgs(f *testing.F) {
	for _, args := range [][]string{
		{},
		{""},
		{"help"},
		{"help", "score"},
		{"-h"},
		{"--help", "extra"},
		{"frobnicate"},
		{"templates"},
		{"templates", "--json"},
		{"templates", "-json=false", "x"},
		{"score"},
		{"score", "good.json"},
		{"score", "good.json", "--csv"},
		{"score", "--json", "good.json", "broken.json"},
		{"score", "-v", "class"},
		{"score", "--csv", "--json", "good.json"},
		{"score", "--", "--json"},
		{"score", "-json=maybe", "good.json"},
		{"score", "--verbose", "missing.json", "class", "."},
		{"score", "-", "good.json"},
		{"score", "---json", "good.json"},
		{"generate", "--template", "square20", "--style", "grid", "--seed", "1", "-o", "out.json"},
		{"generate", "--template", "square20", "--style", "expert", "--seed", "-1", "-o", "x.json"},
		{"generate", "--template=square20", "--style", "random", "--seed=18446744073709551615", "--session", "3", "-o", "class/y.json"},
		{"generate", "--template", "square20", "--style", "grid", "--seed", "1", "-o", "class"},
		{"report", "-h"},
		{"delta-e", "#000000", "#ffffff"},
		{"delta-e", "--json", "lab:50,0,0", "monk:3"},
		{"shade", "--skin", "fitzpatrick:3", "--hair", "#202020"},
		{"shade", "--skin", "monk:11"},
	} {
		f.Add(strings.Join(args, fuzzSep))
	}
	good, err := os.ReadFile(goodFile(f, f.TempDir(), "good.json"))
	if err != nil {
		f.Fatal(err)
	}
	var slow []string
	for _, t := range scalp.All() {
		if t.ID != practice {
			slow = append(slow, strings.ToLower(t.ID))
		}
	}
	f.Fuzz(func(t *testing.T, in string) {
		var args []string
		if in != "" {
			args = strings.Split(in, fuzzSep)
		}
		for _, a := range args {
			_, value, _ := strings.Cut(a, "=")
			for _, p := range []string{a, value} {
				if filepath.IsAbs(p) || filepath.VolumeName(p) != "" || strings.Contains(p, "..") || strings.HasPrefix(p, "~") {
					t.Skip("reaches outside the test folder")
				}
			}
		}
		if len(args) > 0 && (args[0] == "generate" || args[0] == "report") && !slices.ContainsFunc(args, isHelp) {
			if args[0] == "report" {
				t.Skip("report is slow")
			}
			for _, a := range args {
				la := strings.ToLower(a)
				if strings.Contains(la, "exercise") || slices.ContainsFunc(slow, func(id string) bool { return strings.Contains(la, id) }) {
					t.Skip("generating a full scalp is slow")
				}
			}
		}
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "good.json"), good, 0o644)
		os.WriteFile(filepath.Join(dir, "broken.json"), good[:len(good)/2], 0o644)
		os.MkdirAll(filepath.Join(dir, "class"), 0o755)
		os.WriteFile(filepath.Join(dir, "class", "a.json"), good, 0o644)
		t.Chdir(dir)

		var o, e bytes.Buffer
		code := Main(args, &o, &e)
		switch {
		case code < 0 || code > 2:
			t.Fatalf("%q: exit %d", args, code)
		case code != 0 && e.Len() == 0:
			t.Fatalf("%q: exit %d with nothing on stderr", args, code)
		}
	})
}

func isHelp(a string) bool { return a == "-h" || a == "-help" || a == "--help" || a == "--h" }
