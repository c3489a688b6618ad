package client

import (
	"math"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/smptrainer/smp/sim/scalp"
)

func TestEmbeddedClientsLoad(t *testing.T) {
	if err := LoadError(); err != nil {
		t.Fatal(err)
	}
	cs := All()
	if len(cs) < 12 {
		t.Fatalf("%d clients, want at least c01–c12", len(cs))
	}
	sexes := map[Sex]int{}
	for _, c := range cs {
		sexes[c.Sex]++
		if c.Head() == nil || c.Head().ID != c.Template {
			t.Errorf("%s: head %v, want template %s", c.ID, c.Head(), c.Template)
		}
	}
	if sexes[Male] == 0 || sexes[Female] == 0 {
		t.Errorf("clients by sex %v: want both", sexes)
	}
	if _, err := Lookup("nobody"); err == nil || !strings.Contains(err.Error(), "c01") {
		t.Errorf("Lookup(nobody) = %v, want an error listing the known ids", err)
	}
}

// The reference design's points sit where its parameters say, measured
// back with the head's own tape (SurfaceDist from the glabella for the
// mid-frontal height, the face frame for the corners).
func TestReferenceDesignMatchesItsParameters(t *testing.T) {
	for _, c := range All() {
		h := c.Head().Head
		d := c.Design()
		glab := c.Landmarks().Glabella
		if got := h.SurfaceDist(glab, d.MFP); math.Abs(got-c.Reference.MFPMM) > 0.01 {
			t.Errorf("%s: MFP %.2f mm above the glabella by tape, want %g", c.ID, got, c.Reference.MFPMM)
		}
		for _, p := range []struct {
			name string
			u    float64
		}{{"left", -c.Face.CanthusMM}, {"right", c.Face.CanthusMM}} {
			q := d.FTPLeft
			if p.u > 0 {
				q = d.FTPRight
			}
			u, v := h.Face(q)
			if math.Abs(u-p.u) > 0.01 || math.Abs(v-c.Reference.MFPMM-c.Reference.FTPRiseMM) > 0.01 {
				t.Errorf("%s: FTP %s at (%.2f, %.2f), want (%g, %g)", c.ID, p.name, u, v, p.u, c.Reference.MFPMM+c.Reference.FTPRiseMM)
			}
		}
		for _, p := range d.Points() {
			if dist := d.Line.Dist(p.P); dist > 0.5 {
				t.Errorf("%s: %s is %.2f mm off the reference line", c.ID, p.Field, dist)
			}
		}
	}
}

// The client's canthus lines lie at the face's canthus offset, measured
// independently as arc length along the circle of latitude on the sphere.
func TestLandmarksFollowTheFace(t *testing.T) {
	c, err := Lookup("c03")
	if err != nil {
		t.Fatal(err)
	}
	h := c.Head().Head
	for _, p := range c.Landmarks().CanthusRight[1:] {
		theta, phi := h.Unproject(p)
		if got := h.RadiusMM * math.Sin(theta) * phi; math.Abs(got-c.Face.CanthusMM) > 1e-6 {
			t.Fatalf("canthus line point %v is %.3f mm from the midline, want %g", p, got, c.Face.CanthusMM)
		}
	}
	tpl, _ := scalp.Lookup(c.Template)
	if g := c.Landmarks().Glabella; g.Dist(tpl.Landmarks.Glabella) > 1e-9 {
		t.Errorf("glabella %v, the template's is %v", g, tpl.Landmarks.Glabella)
	}
}

func TestBadClientFilesNameTheField(t *testing.T) {
	good := `{"id":"x1","name":"A","age":30,"sex":"male","skin":"monk:3","fitzpatrick":2,"hair":"black","template":"norwood3",
"progressive":false,"styles":["mature"],"wish":"w","face":{"canthus_mm":47,"mid_pupil_mm":31,"eye_mm":18,"nose_mm":65,"chin_mm":68,"creases":2},
"reference":{"style":"mature","mfp_mm":82,"ftp_rise_mm":15,"tp_mm":36,"tp_out_mm":6,"irregularity_mm":1,"seed":1}}`
	if _, err := Parse([]byte(good), "x1.json"); err != nil {
		t.Fatalf("good file refused: %v", err)
	}
	for _, tc := range []struct{ from, to, want string }{
		{`"age":30`, `"age":9`, "x1.json: age: 9 is outside"},
		{`"sex":"male"`, `"sex":"m"`, "sex:"},
		{`"skin":"monk:3"`, `"skin":"fitzpatrick:3"`, "skin:"},
		{`"template":"norwood3"`, `"template":"square20"`, "template:"},
		{`"template":"norwood3"`, `"template":"nope"`, "template:"},
		{`"styles":["mature"]`, `"styles":[]`, "styles:"},
		{`"mfp_mm":82`, `"mfp_mm":150`, "reference.mfp_mm:"},
		{`"mid_pupil_mm":31`, `"mid_pupil_mm":45`, "face.mid_pupil_mm:"},
		{`"tp_mm":36`, `"tp_mm":90`, "reference.tp_mm:"},
		{`"style":"mature","mfp`, `"style":"juvenile","mfp`, "reference.style:"},
		{`"creases":2}`, `"creases":2,"cheeks":1}`, "unknown field"},
	} {
		bad := strings.Replace(good, tc.from, tc.to, 1)
		_, err := Parse([]byte(bad), "x1.json")
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s → %s: error %v, want one line containing %q", tc.from, tc.to, err, tc.want)
		}
	}
	fsys := fstest.MapFS{"c/a.json": {Data: []byte(good)}, "c/b.json": {Data: []byte(good)}}
	if _, err := LoadFS(fsys, "c"); err == nil || !strings.Contains(err.Error(), "already used") {
		t.Errorf("duplicate id: %v", err)
	}
}
