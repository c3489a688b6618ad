package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/gradebook"
	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/session"
)

// classServer is a running "smpgrade serve" process.
type classServer struct {
	cmd  *exec.Cmd
	url  string
	done chan error
}

// startServe starts "smpgrade serve" (this test binary standing in for it)
// on a free loopback port and reads its address from what it prints.
func startServe(t *testing.T, args ...string) *classServer {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--", "serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "SMPGRADE_AS_MAIN=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &classServer{cmd: cmd, done: make(chan error, 1)}
	lines := bufio.NewScanner(out)
	printed := map[string]string{}
	for lines.Scan() {
		k, v, _ := strings.Cut(lines.Text(), ": ")
		printed[k] = v
		if k == "dashboard" {
			break
		}
	}
	go func() { io.Copy(io.Discard, out); s.done <- cmd.Wait() }()
	t.Cleanup(func() { s.stop(t) })
	if printed["class code"] == "" || printed["instructor token"] == "" || !strings.HasPrefix(printed["trainees"], "http://127.0.0.1:") {
		t.Fatalf("serve printed %q; stderr %s", printed, stderr.String())
	}
	s.url = strings.TrimSuffix(printed["trainees"], "/")
	return s
}

// stop ends the server as Ctrl+C does and waits for it.
func (s *classServer) stop(t *testing.T) {
	if s.cmd.ProcessState != nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGINT)
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("serve exited: %v", err)
		}
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		t.Error("serve did not stop on SIGINT")
	}
}

// handin posts body as trainee with code; it returns the status and the
// decoded JSON reply.
func handin(t *testing.T, url, code, trainee string, body io.Reader) (int, map[string]any) {
	req, err := http.NewRequest("POST", url+"/api/handin", body)
	if err != nil {
		t.Error(err)
		return 0, nil
	}
	req.Header.Set("X-Class-Code", code)
	req.Header.Set("X-Trainee", trainee)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Errorf("hand-in from %s: %v", trainee, err)
		return 0, nil
	}
	defer resp.Body.Close()
	var reply map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&reply); err != nil {
		t.Errorf("hand-in from %s: status %d, reply not JSON: %v", trainee, resp.StatusCode, err)
	}
	return resp.StatusCode, reply
}

// endless streams a session file's start and then white space for ever
// (n bytes in all), without holding it in memory.
type endless struct{ n, sent int64 }

func (e *endless) Read(p []byte) (int, error) {
	const head = `{"format":"smp-session","version":1,"template":"square20","impressions":[`
	if e.sent >= e.n {
		return 0, io.EOF
	}
	k := 0
	for k < len(p) && e.sent < e.n {
		if e.sent < int64(len(head)) {
			p[k] = head[e.sent]
		} else {
			p[k] = ' '
		}
		k++
		e.sent++
	}
	return k, nil
}

// TestServeClass is the class server's bar, end to end over loopback: 10
// trainees hand in 30 sessions at once, among hostile bodies; every good
// one is graded and in the gradebook, every bad one refused with a 4xx and
// a clear message, nothing is lost, the results and the dashboard say what
// "score --json" says of the kept files, and a second server on the same
// gradebook sees the same.
func TestServeClass(t *testing.T) {
	if testing.Short() {
		t.Skip("starts servers and grades 30 files")
	}
	dir := t.TempDir()
	class := filepath.Join(dir, "class")
	const code, token = "K7Q2MX", "instructor-secret"
	srv := startServe(t, "--dir", class, "--code", code, "--token", token)

	// 10 trainees × 3 sessions on the practice field, in every style.
	tp, err := scalp.Lookup("square20")
	if err != nil {
		t.Fatal(err)
	}
	type work struct {
		trainee string
		body    []byte
	}
	var good []work
	styles := pattern.Styles()
	for i := range 10 {
		for k := range 3 {
			n := 1 + k
			ims, err := pattern.Generate(tp, styles[(i+k)%len(styles)], n, uint64(1000+10*i+k))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			s := &session.Session{Template: tp.ID, Number: n, Trainee: "laptop name", Impressions: ims,
				Saved: time.Date(2026, 12, 1+k, 10, i, 0, 0, time.UTC)}
			if err := session.Encode(&buf, s); err != nil {
				t.Fatal(err)
			}
			good = append(good, work{fmt.Sprintf("Trainee %02d", i+1), buf.Bytes()})
		}
	}
	valid := string(good[0].body)
	hostile := []struct {
		name, code, trainee string
		body                io.Reader
		status              int
		says                string
	}{
		{"truncated", code, "Mallory", strings.NewReader(valid[:len(valid)/2]), 400, "truncated"},
		{"300 MB", code, "Mallory", &endless{n: 300 << 20}, 413, "MiB"},
		{"wrong code", "WRONG1", "Mallory", strings.NewReader(valid), 403, "class code"},
		{"NaN", code, "Mallory", strings.NewReader(regexp.MustCompile(`"x_mm": ?[-0-9.e]+`).ReplaceAllString(valid, `"x_mm": NaN`)), 400, "NaN"},
		{"unknown template", code, "Mallory", strings.NewReader(strings.Replace(valid, `"square20"`, `"norwood99"`, 1)), 400, "template"},
		{"no trainee", code, "", strings.NewReader(valid), 400, "X-Trainee"},
		{"hidden character", code, "Ann\u202eeve", strings.NewReader(valid), 400, "X-Trainee"},
	}
	type outcome struct {
		status int
		reply  map[string]any
	}
	goodOut := make([]outcome, len(good))
	badOut := make([]outcome, len(hostile))
	var wg sync.WaitGroup
	for i, w := range good {
		wg.Add(1)
		go func() {
			defer wg.Done()
			goodOut[i].status, goodOut[i].reply = handin(t, srv.url, code, w.trainee, bytes.NewReader(w.body))
		}()
	}
	for i, h := range hostile {
		wg.Add(1)
		go func() {
			defer wg.Done()
			badOut[i].status, badOut[i].reply = handin(t, srv.url, h.code, h.trainee, h.body)
		}()
	}
	wg.Wait()

	ids := map[int64]bool{}
	for i, o := range goodOut {
		id, _ := o.reply["id"].(float64)
		if o.status != http.StatusCreated || id < 1 || ids[int64(id)] {
			t.Errorf("good hand-in %d of %s: %d %v", i, good[i].trainee, o.status, o.reply)
		}
		ids[int64(id)] = true
	}
	for i, o := range badOut {
		h := hostile[i]
		msg, _ := o.reply["error"].(string)
		t.Logf("%s: %d %s", h.name, o.status, msg)
		if o.status != h.status || !strings.Contains(msg, h.says) || strings.Contains(msg, "\n") {
			t.Errorf("%s: %d %q, want %d and a message saying %q", h.name, o.status, msg, h.status, h.says)
		}
	}
	// Too many from one client in a short time.
	var last int
	var lastMsg string
	for range 6 {
		st, reply := handin(t, srv.url, code, "Spammer", strings.NewReader("{"))
		last, lastMsg = st, fmt.Sprint(reply["error"])
	}
	if last != http.StatusTooManyRequests || !strings.Contains(lastMsg, "too many") {
		t.Errorf("6th hand-in in a row: %d %q", last, lastMsg)
	}

	// Nothing lost, nothing extra: 30 kept files, 30 attempts.
	var kept []string
	filepath.Walk(filepath.Join(class, "handins"), func(p string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			kept = append(kept, p)
		}
		return nil
	})
	if len(kept) != len(good) {
		t.Errorf("%d files kept, want %d: %v", len(kept), len(good), kept)
	}

	// The results: each trainee's latest, as score --json grades the kept file.
	results := getResults(t, srv.url, token)
	if len(results) != 10 {
		t.Fatalf("%d results, want 10", len(results))
	}
	for _, r := range results {
		code, out, errs := smpgrade(t, "score", "--json", r.File)
		if code != 0 {
			t.Fatalf("score --json %s: %d %s", r.File, code, errs)
		}
		var scored []resultRow
		json.Unmarshal([]byte(out), &scored)
		if len(scored) != 1 || scored[0].Overall != r.Overall || len(scored[0].Criteria) != len(r.Criteria) {
			t.Errorf("%s: results say %v, score --json %v", r.Trainee, r.Overall, scored)
			continue
		}
		for k, c := range scored[0].Criteria {
			if r.Criteria[k] != c {
				t.Errorf("%s: criterion %v in results, %v by score --json", r.Trainee, r.Criteria[k], c)
			}
		}
		if r.Saved.Day() != 3 { // the latest is each trainee's third session
			t.Errorf("%s: latest dated %v", r.Trainee, r.Saved)
		}
	}
	book, err := gradebook.OpenReadOnly(filepath.Join(class, "class.gradebook"))
	if err != nil {
		t.Fatal(err)
	}
	trainees, _ := book.Trainees()
	n := 0
	for _, tr := range trainees {
		atts, _ := book.Attempts(tr)
		n += len(atts)
	}
	book.Close()
	if len(trainees) != 10 || n != len(good) {
		t.Errorf("gradebook: %d trainees, %d attempts", len(trainees), n)
	}

	// The dashboard shows the same overall scores.
	dash := get(t, srv.url+"/dashboard", token)
	for _, r := range results {
		re := regexp.MustCompile(`data-id="` + strconv.FormatInt(r.ID, 10) + `" data-trainee="[^"]*">(?s:.*?)class="num overall" data-sort="[^"]*" data-value="([^"]*)"`)
		m := re.FindStringSubmatch(dash)
		if m == nil || m[1] != strconv.FormatFloat(r.Overall, 'g', -1, 64) {
			t.Errorf("dashboard row of %s (attempt %d): %v, want overall %v", r.Trainee, r.ID, m, r.Overall)
		}
	}
	if resp, err := http.Get(srv.url + "/api/results"); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("results without the token: %v %v", resp.StatusCode, err)
	}

	// A second server on the same gradebook and folder sees the same rows.
	second := startServe(t, "--dir", class, "--code", code, "--token", token)
	again := getResults(t, second.url, token)
	if fmt.Sprint(again) != fmt.Sprint(results) {
		t.Errorf("the second server sees\n%v\nthe first\n%v", again, results)
	}
}

// resultRow is what the test reads of a result.
type resultRow struct {
	ID       int64     `json:"id"`
	Trainee  string    `json:"trainee"`
	File     string    `json:"file"`
	Overall  float64   `json:"overall"`
	Saved    time.Time `json:"date"`
	Criteria []struct {
		ID    string  `json:"id"`
		Score float64 `json:"score"`
	} `json:"criteria"`
}

func get(t *testing.T, url, token string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	return string(b)
}

func getResults(t *testing.T, url, token string) []resultRow {
	t.Helper()
	var rs []resultRow
	if err := json.Unmarshal([]byte(get(t, url+"/api/results", token)), &rs); err != nil {
		t.Fatal(err)
	}
	return rs
}
