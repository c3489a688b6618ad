package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/session"
)

// clients --json carries each client's landmarks and the reference design
// in the session file's design form, which a session file accepts as is.
func TestClientsJSONHasTheMappingSide(t *testing.T) {
	var out, errb bytes.Buffer
	if st := Main([]string{"clients", "--json", "c03"}, &out, &errb); st != exitOK {
		t.Fatalf("status %d: %s", st, errb.String())
	}
	var got []struct {
		Template  string   `json:"template"`
		Styles    []string `json:"styles"`
		Landmarks struct {
			Glabella [2]float64 `json:"glabella"`
		} `json:"landmarks"`
		Reference json.RawMessage `json:"reference_design"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil || len(got) != 1 {
		t.Fatalf("%v: %s", err, out.String())
	}
	c := got[0]
	if len(c.Styles) == 0 || c.Landmarks.Glabella[1] >= 0 || len(c.Reference) == 0 {
		t.Fatalf("mapping side missing: %+v", c)
	}
	file := `{"format":"smp-session","version":1,"template":"` + c.Template + `","design":` + string(c.Reference) + `}`
	if _, err := session.Decode(strings.NewReader(file), "ref.json"); err != nil {
		t.Errorf("the listed reference design is not a valid session design: %v", err)
	}
}
