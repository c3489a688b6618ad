package examiner

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// long runs every template, session and seed (make examiner-long) and
// prints the table; the short form, in make test, runs shortCases with
// one seed.
var long = flag.Bool("long", false, "examine every template and session with three seeds and print the table")

// only limits the long form to some templates (comma-separated ids).
var only = flag.String("only", "", "with -long, only these templates (comma-separated)")

// onlyFaults limits the faults laid (comma-separated names), for a quick look.
var onlyFaults = flag.String("faults", "", "only these faults (comma-separated names)")

// shortCases are the short form's templates and sessions: a hairline on a
// bald head, a scar, patches in hair and diffuse thinning.
var shortCases = []examCase{{"norwood3", 1}, {"fut-scar", 2}, {"areata", 3}}

// seeds of the long form; any seed must do.
var seeds = []uint64{1, 2, 3}

// Bar of issue 10.
const (
	expertMin     = 85 // expert work scores at least this overall
	overallMargin = 5  // a fault scores at least this much lower overall…
	critMargin    = 10 // …and this much lower on its own criterion
)

// knownGaps are faults the scorer does not yet catch to the bar, by
// "template sN/fault", "template/fault", "* sN/fault" or "*/fault", each
// with what goes wrong. The suite reports them (the table marks them)
// instead of failing; the long form fails when one is caught on every seed
// after all, so the list only ever shrinks.
var knownGaps = map[string]string{}

var smpgradeBin string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "examiner")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	smpgradeBin = filepath.Join(dir, "smpgrade")
	if runtime.GOOS == "windows" {
		smpgradeBin += ".exe"
	}
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(gobin); err != nil {
		gobin = "go"
	}
	build := exec.Command(gobin, "build", "-o", smpgradeBin, "github.com/smptrainer/smp/cmd/smpgrade")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "examiner: building smpgrade:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// smpgrade runs the real binary and returns its stdout.
func smpgrade(args ...string) ([]byte, error) {
	cmd := exec.Command(smpgradeBin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("smpgrade %s: %v: %s", strings.Join(args, " "), err, errb.String())
	}
	return out.Bytes(), nil
}

var (
	chartsOnce sync.Once
	charts     map[string]*chart
	chartIDs   []string
	chartsErr  error
)

// templates reads "smpgrade templates --json" once.
func templates(t *testing.T) (map[string]*chart, []string) {
	t.Helper()
	chartsOnce.Do(func() {
		var out []byte
		if out, chartsErr = smpgrade("templates", "--json"); chartsErr == nil {
			charts, chartIDs, chartsErr = parseTemplates(out)
		}
	})
	if chartsErr != nil {
		t.Fatal(chartsErr)
	}
	return charts, chartIDs
}

// ink is the mix the shade advisor ranks first for the template and
// session with a 1RL 0.25 mm needle: what a trainee loads with B.
func ink(tid string, s int) (pigment string, dilution float64, err error) {
	out, err := smpgrade("shade", "--template", tid, "--session", fmt.Sprint(s), "--needle", "1RL", "--gauge", "0.25", "--json")
	if err != nil {
		return "", 0, err
	}
	var sh struct {
		Options []struct {
			Pigment  string  `json:"pigment"`
			Dilution float64 `json:"dilution"`
		} `json:"options"`
	}
	if err := json.Unmarshal(out, &sh); err != nil || len(sh.Options) == 0 {
		return "", 0, fmt.Errorf("shade %s s%d: no options (%v)", tid, s, err)
	}
	return sh.Options[0].Pigment, sh.Options[0].Dilution, nil
}

// writeSession writes work as a session file in the README's format.
func writeSession(path, tid string, s int, ds []dot, pigment string, dilution float64) error {
	type imp struct {
		X        float64 `json:"x_mm"`
		Y        float64 `json:"y_mm"`
		Needle   string  `json:"needle"`
		Gauge    float64 `json:"gauge_mm"`
		Depth    string  `json:"depth"`
		Pigment  string  `json:"pigment"`
		Dilution float64 `json:"dilution"`
		Session  int     `json:"session"`
		T        float64 `json:"t_s"`
	}
	f := struct {
		Format      string `json:"format"`
		Version     int    `json:"version"`
		App         string `json:"app"`
		Template    string `json:"template"`
		Session     int    `json:"session"`
		Impressions []imp  `json:"impressions"`
	}{Format: "smp-session", Version: 1, App: "examiner", Template: tid, Session: s}
	for i, d := range ds {
		depth := "target"
		if d.deep {
			depth = "deep"
		}
		f.Impressions = append(f.Impressions, imp{X: round4(d.p[0]), Y: round4(d.p[1]), Needle: "1RL", Gauge: 0.25,
			Depth: depth, Pigment: pigment, Dilution: dilution, Session: s, T: float64(i) * 0.7})
	}
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func round4(v float64) float64 { return float64(int64(v*1e4+0.5*sign(v))) / 1e4 }

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// graded is what the examiner reads of "smpgrade score --json".
type graded struct {
	File     string  `json:"file"`
	Overall  float64 `json:"overall"`
	Criteria []struct {
		ID       string   `json:"id"`
		Score    float64  `json:"score"`
		Value    *float64 `json:"value"`
		Feedback string   `json:"feedback"`
		Faults   []struct {
			Code string `json:"code"`
		} `json:"faults"`
	} `json:"criteria"`
	Zones []zoneFigures `json:"zones"`
}

// zoneFigures is what the examiner reads of a zone in "score --json"; the
// nearest-neighbour figures are null in a zone of fewer than two dots.
type zoneFigures struct {
	ID    string   `json:"id"`
	N     int      `json:"impressions"`
	NN    *float64 `json:"nn_mean_mm"`
	Naive *float64 `json:"clark_evans_r_naive"`
	R     *float64 `json:"clark_evans_r"`
	CV    *float64 `json:"nn_cv"`
}

// zone returns zone id's figures, or nil.
func (g *graded) zone(id string) *zoneFigures {
	for i := range g.Zones {
		if g.Zones[i].ID == id {
			return &g.Zones[i]
		}
	}
	return nil
}

// scoreFiles grades session files with "smpgrade score --json", one
// result per file in order.
func scoreFiles(t *testing.T, files []string) []graded {
	t.Helper()
	out, err := smpgrade(append([]string{"score", "--json"}, files...)...)
	if err != nil {
		t.Fatal(err)
	}
	var gs []graded
	if err := json.Unmarshal(out, &gs); err != nil || len(gs) != len(files) {
		t.Fatalf("score --json: %d results for %d files (%v)", len(gs), len(files), err)
	}
	return gs
}

// crit returns criterion id's score, codes and feedback; ok is false when
// the criterion is absent.
func (g *graded) crit(id string) (score float64, codes []string, feedback string, ok bool) {
	for _, c := range g.Criteria {
		if c.ID == id {
			for _, f := range c.Faults {
				codes = append(codes, f.Code)
			}
			return c.Score, codes, c.Feedback, true
		}
	}
	return 0, nil, "", false
}

// examCase is one template and session.
type examCase struct {
	template string
	session  int
}

// verdict is one fault's result against the expert of the same seed.
type verdict struct {
	c                      examCase
	seed                   uint64
	fault                  string
	overall, critScore     float64
	dOverall, dCrit        float64
	codes                  []string
	named, forbidden, pass bool
	feedback               string
}

// examine lays and grades the expert and every fault that applies on one
// template, session and seed.
func examine(t *testing.T, ch *chart, c examCase, seed uint64, dir string) (expert graded, vs []verdict) {
	t.Helper()
	pigment, dilution, err := ink(c.template, c.session)
	if err != nil {
		t.Fatal(err)
	}
	files := []string{}
	var applied []fault
	lay := func(name string, i int, f func(pl *plan) []dot) {
		pl := newPlan(ch, c.session, seed*1000+uint64(i))
		if keep := os.Getenv("EXAMINER_KEEP"); keep != "" {
			dir = keep
		}
		path := filepath.Join(dir, fmt.Sprintf("%s-s%d-seed%d-%s.json", c.template, c.session, seed, name))
		if err := writeSession(path, c.template, c.session, f(pl), pigment, dilution); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	lay("expert", 0, (*plan).expert)
	for i, f := range faults {
		if *onlyFaults != "" && !slices.Contains(strings.Split(*onlyFaults, ","), f.name) {
			continue
		}
		if !f.applies(newPlan(ch, c.session, seed)) {
			continue
		}
		applied = append(applied, f)
		lay(f.name, i+1, f.lay)
	}
	gs := scoreFiles(t, files)
	expert = gs[0]
	for i, f := range applied {
		g := &gs[i+1]
		es, _, _, ok := expert.crit(f.crit)
		fs, codes, fb, ok2 := g.crit(f.crit)
		v := verdict{c: c, seed: seed, fault: f.name, overall: g.Overall, critScore: fs,
			dOverall: expert.Overall - g.Overall, dCrit: es - fs, codes: codes, feedback: fb}
		want := f.codes
		if c.session == 1 {
			want = append(slices.Clip(want), f.alsoS1...)
		}
		v.named = slices.ContainsFunc(want, func(code string) bool { return slices.Contains(codes, code) })
		v.forbidden = slices.ContainsFunc(f.never, func(code string) bool { return slices.Contains(codes, code) })
		v.pass = ok && ok2 && v.named && !v.forbidden && v.dOverall >= overallMargin && v.dCrit >= critMargin
		vs = append(vs, v)
	}
	return expert, vs
}

// gap returns the known gap that covers v, if any.
func gap(v verdict) (string, bool) {
	for _, k := range []string{
		fmt.Sprintf("%s s%d/%s", v.c.template, v.c.session, v.fault), v.c.template + "/" + v.fault,
		fmt.Sprintf("* s%d/%s", v.c.session, v.fault), "*/" + v.fault,
	} {
		if r, ok := knownGaps[k]; ok {
			return r, true
		}
	}
	return "", false
}

// TestExaminer is the outside examiner: expert work scores ≥ 85 and every
// classic fault scores ≥ 5 lower overall and ≥ 10 lower on its own
// criterion, which names it by code; sparse work is never called patchy.
func TestExaminer(t *testing.T) {
	chs, ids := templates(t)
	cases, ss := shortCases, seeds[:1]
	if *long {
		cases = nil
		for _, id := range ids {
			if *only != "" && !slices.Contains(strings.Split(*only, ","), id) {
				continue
			}
			for s := 1; s <= 3; s++ {
				cases = append(cases, examCase{id, s})
			}
		}
		ss = seeds
	}
	dir := t.TempDir()
	var all []verdict
	experts := map[examCase][]float64{}
	gapSeen, gapMissed := map[string]bool{}, map[string]bool{}
	for _, c := range cases {
		ch, ok := chs[c.template]
		if !ok {
			t.Fatalf("template %s missing from templates --json", c.template)
		}
		for _, seed := range ss {
			start := time.Now()
			e, vs := examine(t, ch, c, seed, dir)
			experts[c] = append(experts[c], e.Overall)
			if *long {
				t.Logf("%s s%d seed %d: expert %.1f, %d faults graded (%.0f s)", c.template, c.session, seed, e.Overall, len(vs), time.Since(start).Seconds())
			}
			if e.Overall < expertMin {
				var low []string
				for _, cr := range e.Criteria {
					if cr.Score < 90 {
						low = append(low, fmt.Sprintf("%s %.0f: %s", cr.ID, cr.Score, cr.Feedback))
					}
				}
				t.Errorf("%s s%d seed %d: expert scores %.1f, want ≥ %d; %s", c.template, c.session, seed, e.Overall, expertMin, strings.Join(low, "; "))
			}
			for _, v := range vs {
				why, known := gap(v)
				switch {
				case !v.pass && !known:
					t.Errorf("%s s%d seed %d %s: %s", c.template, c.session, seed, v.fault, v.describe())
				}
				if known {
					gapSeen[why] = true
					if !v.pass {
						gapMissed[why] = true
					}
				}
			}
			all = append(all, vs...)
		}
	}
	if *long && *onlyFaults == "" && *only == "" {
		for why := range gapSeen {
			if !gapMissed[why] {
				t.Errorf("known gap caught everywhere now, remove it from knownGaps: %s", why)
			}
		}
	}
	if *long || testing.Verbose() {
		printTable(cases, experts, all)
	}
}

// describe says what a failing verdict missed.
func (v verdict) describe() string {
	var why []string
	if v.dOverall < overallMargin {
		why = append(why, fmt.Sprintf("only %.1f below the expert overall", v.dOverall))
	}
	if v.dCrit < critMargin {
		why = append(why, fmt.Sprintf("only %.1f below on its criterion", v.dCrit))
	}
	if !v.named {
		why = append(why, "not named")
	}
	if v.forbidden {
		why = append(why, "named wrongly")
	}
	return fmt.Sprintf("%s (overall %.1f, criterion %.1f, faults %v): %s", strings.Join(why, ", "), v.overall, v.critScore, v.codes, v.feedback)
}

// printTable prints, per template and session, the expert's lowest overall
// and each fault's result over the seeds: "ok" when every seed met the
// bar, else how many did; then every miss.
func printTable(cases []examCase, experts map[examCase][]float64, all []verdict) {
	var names []string
	for _, f := range faults {
		names = append(names, f.name)
	}
	fmt.Printf("\nexaminer: %d template-sessions; columns: the expert's lowest overall, then each fault: ok = every seed ≥ %d lower overall, ≥ %d lower on its criterion and named; k/n = k of n seeds; · = does not apply\n\n",
		len(cases), overallMargin, critMargin)
	fmt.Printf("%-14s %6s", "template", "expert")
	for i := range names {
		fmt.Printf(" %3d", i+1)
	}
	fmt.Println()
	for _, c := range cases {
		fmt.Printf("%-14s %6.1f", fmt.Sprintf("%s s%d", c.template, c.session), slices.Min(experts[c]))
		for _, n := range names {
			pass, tot := 0, 0
			for _, v := range all {
				if v.c == c && v.fault == n {
					tot++
					if v.pass {
						pass++
					}
				}
			}
			switch {
			case tot == 0:
				fmt.Printf(" %3s", "·")
			case pass == tot:
				fmt.Printf(" %3s", "ok")
			default:
				fmt.Printf(" %3s", fmt.Sprintf("%d/%d", pass, tot))
			}
		}
		fmt.Println()
	}
	fmt.Println()
	for i, n := range names {
		fmt.Printf("  %2d %s\n", i+1, n)
	}
	fmt.Println()
	for _, v := range all {
		if !v.pass {
			tag := ""
			if why, ok := gap(v); ok {
				tag = " [known: " + why + "]"
			}
			fmt.Printf("miss: %s s%d seed %d %s: %s%s\n", v.c.template, v.c.session, v.seed, v.fault, v.describe(), tag)
		}
	}
}
