//go:build !js

package store

import (
	"slices"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/name"
)

// FuzzProgressFile: the best-score file in the data folder may be damaged or
// edited by hand; decoding never panics, a refusal names the file, and what
// it accepts holds only scores from 0 to 100.
func FuzzProgressFile(f *testing.F) {
	f.Add([]byte(`{"best":{"norwood3-hairline-s1":87.5}}`))
	f.Add([]byte(`{"best":{"x":101}}`))
	f.Add([]byte(`{"best":null}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := decodeProgress(data, "progress.json")
		if p == nil || p.Best == nil {
			t.Fatal("no usable progress returned")
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "progress.json: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			if len(p.Best) != 0 {
				t.Fatalf("a damaged file gave scores %v", p.Best)
			}
			return
		}
		for id, v := range p.Best {
			if !(v >= 0 && v <= 100) {
				t.Fatalf("accepted best.%s = %v", id, v)
			}
		}
	})
}

// FuzzSettingsFile: the same for the settings file; anything accepted has a
// UI scale the trainer offers, and a refusal falls back to the defaults.
func FuzzSettingsFile(f *testing.F) {
	f.Add([]byte(`{"ui_scale":1.5}`))
	f.Add([]byte(`{"ui_scale":3}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"ui_scale":1,"trainee":"Ann\u202egpj.exe"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := decodeSettings(data, "settings.json")
		if !slices.Contains(UIScales, s.UIScale) {
			t.Fatalf("UI scale %v is not one the trainer offers (err %v)", s.UIScale, err)
		}
		if p := name.Problem(s.Trainee); p != "" {
			t.Fatalf("accepted trainee %q: %s", s.Trainee, p)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "settings.json: ") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}
