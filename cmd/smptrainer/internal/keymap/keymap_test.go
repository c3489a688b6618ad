package keymap

import (
	"flag"
	"os"
	"strings"
	"testing"
)

// TestNoChordBoundTwice: a key press must mean one thing.
func TestNoChordBoundTwice(t *testing.T) {
	for _, c := range Conflicts(Table) {
		t.Errorf("chord bound twice: %s", c)
	}
}

// TestConflictsFindsADoubleBinding checks the check: two rows sharing a
// chord (one through AnyShift) are reported.
func TestConflictsFindsADoubleBinding(t *testing.T) {
	tbl := []Binding{
		{Action: "a", Chords: []Chord{anyShift(65)}},
		{Action: "b", Chords: []Chord{shift(65)}},
		{Action: "c", Chords: []Chord{ctrl(65)}},
	}
	if got := Conflicts(tbl); len(got) != 1 || !strings.Contains(got[0], "a and b") {
		t.Errorf("Conflicts = %q, want one naming a and b", got)
	}
}

// TestEveryRowIsWellFormed: each action appears once; a key row has a
// chord, a gesture row has none; every row has help.
func TestEveryRowIsWellFormed(t *testing.T) {
	seen := map[Action]bool{}
	for _, b := range Table {
		if seen[b.Action] {
			t.Errorf("action %q has two rows", b.Action)
		}
		seen[b.Action] = true
		if b.Gesture != (len(b.Chords) == 0) {
			t.Errorf("%q: a row has chords exactly when it is not a gesture", b.Action)
		}
		if b.Help == "" || b.KeyLabel() == "" {
			t.Errorf("%q: no help or no key label", b.Action)
		}
		if strings.Contains(b.Help+b.KeyLabel(), "|") {
			t.Errorf("%q: a | would break the README's table", b.Action)
		}
	}
}

// TestLookupFindsEveryChord: every chord in the table leads back to its
// own row.
func TestLookupFindsEveryChord(t *testing.T) {
	for _, b := range Table {
		for _, c := range b.Chords {
			shift := c.Mods&Shift != 0
			if a, ok := Lookup(c.Key, c.Mods&Ctrl != 0, shift); !ok || a != b.Action {
				t.Errorf("%s looks up %q, want %q", c, a, b.Action)
			}
		}
	}
}

var update = flag.Bool("update", false, "rewrite the README's key table from the keymap")

// TestReadmeKeyTable: the README's key table is the one generated from
// the table, so the README cannot promise a key the trainer lacks.
func TestReadmeKeyTable(t *testing.T) {
	data, err := os.ReadFile("../../../../README.md")
	if err != nil {
		t.Fatalf("reading the README: %v", err)
	}
	readme, want := string(data), Markdown()
	if *update {
		const head = "| Keys | What they do |\n"
		i := strings.Index(readme, head)
		if i < 0 {
			t.Fatal("README.md has no key table to replace")
		}
		j := strings.Index(readme[i:], "\n\n")
		if j < 0 {
			t.Fatal("README.md's key table has no end")
		}
		readme = readme[:i] + want + readme[i+j+1:]
		if err := os.WriteFile("../../../../README.md", []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !strings.Contains(readme, want) {
		t.Errorf("README.md's key table is not the keymap's (go test ./cmd/smptrainer/internal/keymap -update rewrites it):\n%s", want)
	}
}
