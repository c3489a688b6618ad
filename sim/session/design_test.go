package session

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// issueDesign is the form other tools write (issue 11), on norwood3.
const issueDesign = `"design": {"mfp": [0, -80.5], "ftp_left": [-38, -62], "ftp_right": [38, -62], "tp_left": [-52, -40], "tp_right": [52, -40], "line": [[-52, -40], [-38, -62], [0, -80.5], [38, -62], [52, -40]]}`

func designFile(design string) string {
	return `{"format":"smp-session","version":1,"template":"norwood3",` + design + `,"impressions":[]}`
}

func TestDesignDecodesAndRoundTrips(t *testing.T) {
	s, err := Decode(strings.NewReader(designFile(issueDesign)), "d.json")
	if err != nil {
		t.Fatal(err)
	}
	d := s.Design
	if d == nil || d.MFP.Y != -80.5 || d.FTPLeft.X != -38 || d.TPRight.Y != -40 || len(d.Line) != 5 || d.LAPLeft != nil {
		t.Fatalf("design read as %+v", d)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	written := buf.String()
	s2, err := Decode(&buf, "again.json")
	if err != nil {
		t.Fatalf("%v\n%s", err, written)
	}
	s.ContentHash = s.Hash()
	if !reflect.DeepEqual(s, s2) {
		t.Fatalf("round trip changed the design:\n%+v\n%+v", s.Design, s2.Design)
	}
	if !strings.Contains(written, `"ftp_left": [-38, -62]`) {
		t.Errorf("written design is not in the documented form:\n%s", written)
	}
}

// A design is covered by the content hash, and a file without one hashes
// exactly as before designs existed.
func TestDesignInHash(t *testing.T) {
	plain, err := Decode(strings.NewReader(designFile(`"trainee":"x"`)), "p.json")
	if err != nil {
		t.Fatal(err)
	}
	withD, err := Decode(strings.NewReader(designFile(issueDesign)), "d.json")
	if err != nil {
		t.Fatal(err)
	}
	if plain.Hash() == withD.Hash() {
		t.Error("adding a design left the hash unchanged")
	}
	h := withD.Hash()
	withD.Design.Line[2].Y -= 5
	if withD.Hash() == h {
		t.Error("moving the line left the hash unchanged")
	}
	withD.Design = nil
	if withD.Hash() != plain.Hash() {
		t.Error("a file without a design hashes differently from before")
	}
}

func TestBadDesignsNameTheField(t *testing.T) {
	for _, tc := range []struct{ design, want string }{
		{strings.Replace(issueDesign, `"mfp": [0, -80.5]`, `"mfp": [0, NaN]`, 1), "d.json: design.mfp: NaN is not a finite number"},
		{strings.Replace(issueDesign, `"mfp": [0, -80.5]`, `"mfp": [0, -170]`, 1), "d.json: design.mfp: (0, -170) lies"},
		{strings.Replace(issueDesign, `"mfp": [0, -80.5]`, `"mfp": [0]`, 1), "d.json: design.mfp: "},
		{strings.Replace(issueDesign, `"mfp": [0, -80.5]`, `"mfp": [0, 1, 2]`, 1), "d.json: design.mfp: "},
		{strings.Replace(issueDesign, `"mfp": [0, -80.5], `, ``, 1), "d.json: design.mfp: missing"},
		{strings.Replace(issueDesign, `[38, -62], [52, -40]]`, `[-10, -60], [-45, -70]]`, 1), "d.json: design.line[3]: the line crosses itself"},
		{strings.Replace(issueDesign, `"line": [`, `"line": [[1e999, 0], `, 1), "d.json: design.line[0]: 1e999 is not a finite number"},
		{strings.Replace(issueDesign, `"ftp_left": [-38, -62], "ftp_right": [38, -62]`, `"ftp_left": [38, -62], "ftp_right": [-38, -62]`, 1), "d.json: design.ftp_left: x 38 is not left"},
		{strings.Replace(issueDesign, `"mfp"`, `"style": "punk", "mfp"`, 1), "d.json: design.style: unknown style"},
		{strings.Replace(issueDesign, `"mfp"`, `"mfp": [1, 1], "mfp"`, 1), "d.json: design.mfp: appears twice"},
		{`"design": [1, 2]`, "d.json: design: got a list, want an object"},
		{strings.Replace(issueDesign, `"mfp"`, `"client": "c01", "mfp"`, 1), "d.json: design.client: c01's head is the norwood2 template"},
		{strings.Replace(issueDesign, `"mfp"`, `"client": "c99", "mfp"`, 1), "d.json: design.client: unknown client"},
	} {
		_, err := Decode(strings.NewReader(designFile(tc.design)), "d.json")
		var se *Error
		if err == nil || !errors.As(err, &se) || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s\n  error %v\n  want one line starting %q", tc.design, err, tc.want)
		}
	}
	if s, err := Decode(strings.NewReader(designFile(`"design": null`)), "n.json"); err != nil || s.Design != nil {
		t.Errorf("design null: %v %+v", err, s)
	}
}

// FuzzDesign feeds the design object arbitrary text inside a valid file.
// It must never panic; a refusal is one line naming the file; an accepted
// design writes and reads back to itself.
func FuzzDesign(f *testing.F) {
	f.Add([]byte(strings.TrimPrefix(issueDesign, `"design": `)))
	f.Add([]byte(`{"mfp":[0,-80],"ftp_left":[-40,-60],"ftp_right":[40,-60],"tp_left":[-50,-40],"tp_right":[50,-40],"lap_left":[-30,-70],"lap_right":null,"style":"mature","client":"c03","line":[[-50,-40],[0,-80],[50,-40]],"x":{"y":[]}}`))
	f.Add([]byte(`{"mfp":[0,-80],"line":[[0,0],[1,1],[0,1],[1,0]]}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"line":[[`))
	f.Fuzz(func(t *testing.T, obj []byte) {
		data := designFile(`"design": ` + string(obj))
		s, err := decodeLimit(strings.NewReader(data), "fuzz.json", 1<<20)
		if err != nil {
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not *Error: %v", err, err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "fuzz.json: ") || strings.ContainsAny(msg, "\n\r") {
				t.Fatalf("bad error line %q", msg)
			}
			return
		}
		var buf bytes.Buffer
		if err := Encode(&buf, s); err != nil {
			t.Fatalf("accepted design does not encode: %v", err)
		}
		s2, err := Decode(&buf, "again.json")
		if err != nil {
			t.Fatalf("re-encoded design does not decode: %v\n%s", err, buf.Bytes())
		}
		s.ContentHash = s.Hash()
		if !reflect.DeepEqual(s, s2) {
			t.Fatalf("round trip changed the design\n%+v\n%+v", s.Design, s2.Design)
		}
	})
}
