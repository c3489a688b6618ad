package ui

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeListsEveryKey keeps the README's key table in step with the
// help overlay: a key added to Keys but not to the README is a feature a
// trainee reading the README never hears of.
func TestReadmeListsEveryKey(t *testing.T) {
	data, err := os.ReadFile("../../../../README.md")
	if err != nil {
		t.Fatalf("reading the README: %v", err)
	}
	readme := string(data)
	for _, k := range Keys {
		row := "| " + k[0] + " | " + k[1] + " |"
		if !strings.Contains(readme, row) {
			t.Errorf("README.md has no key row %q (copy it from ui.Keys)", row)
		}
	}
}
