package cli

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/report"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/render"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/session"
)

// rateLimiter counts recent hand-ins per client (address and trainee)
// and per address.
type rateLimiter struct {
	mu     sync.Mutex
	byUser map[string][]time.Time
	byAddr map[string][]time.Time
}

func newRateLimiter() *rateLimiter {
	return &rateLimiter{byUser: map[string][]time.Time{}, byAddr: map[string][]time.Time{}}
}

// allow records a hand-in at now and returns 0, or how long to wait when
// the client is over a limit (and then records nothing).
func (l *rateLimiter) allow(addr, trainee string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	recent := func(m map[string][]time.Time, key string, window time.Duration) []time.Time {
		ts := m[key]
		i := 0
		for i < len(ts) && now.Sub(ts[i]) >= window {
			i++
		}
		ts = ts[i:]
		if len(ts) == 0 {
			delete(m, key)
		} else {
			m[key] = ts
		}
		return ts
	}
	user := addr + "\x00" + trainee
	u := recent(l.byUser, user, handinWindow)
	a := recent(l.byAddr, addr, handinAddrWindow)
	if len(u) >= handinBurst {
		return handinWindow - now.Sub(u[0])
	}
	if len(a) >= handinPerAddress {
		return handinAddrWindow - now.Sub(a[0])
	}
	l.byUser[user] = append(u, now)
	l.byAddr[addr] = append(a, now)
	return 0
}

// handinEvent is what the dashboards hear of a hand-in.
type handinEvent struct {
	ID      int64   `json:"id"`
	Trainee string  `json:"trainee"`
	Overall float64 `json:"overall"`
}

// broker fans hand-in events out to the open event streams.
type broker struct {
	mu     sync.Mutex
	subs   map[chan handinEvent]bool
	closed bool
}

func newBroker() *broker { return &broker{subs: map[chan handinEvent]bool{}} }

// subscribe returns a channel of events, closed when the broker closes.
func (b *broker) subscribe() chan handinEvent {
	b.mu.Lock()
	defer b.mu.Unlock()
	c := make(chan handinEvent, 64)
	if b.closed {
		close(c)
		return c
	}
	b.subs[c] = true
	return c
}

func (b *broker) unsubscribe(c chan handinEvent) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.subs[c] {
		delete(b.subs, c)
		close(c)
	}
}

// publish sends e to every subscriber; a subscriber too slow to keep up
// misses it (its dashboard reloads the whole table on the next one).
func (b *broker) publish(e handinEvent) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.subs {
		select {
		case c <- e:
		default:
		}
	}
}

func (b *broker) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for c := range b.subs {
		close(c)
	}
	b.subs = map[chan handinEvent]bool{}
}

// eventStream is GET /events: server-sent events, one "handin" event per
// hand-in, and a comment every 20 s so proxies keep the stream open.
func (s *classServer) eventStream(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		refuse(w, http.StatusInternalServerError, "streaming is not supported here")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	c := s.events.subscribe()
	defer s.events.unsubscribe(c)
	fmt.Fprint(w, ": connected\n\n")
	fl.Flush()
	tick := time.NewTicker(20 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			fmt.Fprint(w, ": still here\n\n")
		case e, ok := <-c:
			if !ok {
				return
			}
			data, _ := json.Marshal(e)
			fmt.Fprintf(w, "event: handin\nid: %d\ndata: %s\n\n", e.ID, data)
		}
		fl.Flush()
	}
}

// sortByCount sorts codes by count, most first, then by code.
func sortByCount(codes []string, count map[string]int) {
	sort.Slice(codes, func(i, j int) bool {
		if count[codes[i]] != count[codes[j]] {
			return count[codes[i]] > count[codes[j]]
		}
		return codes[i] < codes[j]
	})
}

// attemptFile finds an attempt's kept file by the {id} in the path; only
// files under the class folder are served.
func (s *classServer) attemptPath(r *http.Request) (string, int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return "", 0, false
	}
	res, err := s.latestByID(id)
	if err != nil {
		return "", 0, false
	}
	return res, id, true
}

// latestByID returns the kept file of attempt id.
func (s *classServer) latestByID(id int64) (string, error) {
	trainees, err := s.book.Trainees()
	if err != nil {
		return "", err
	}
	for _, tr := range trainees {
		atts, err := s.book.Attempts(tr)
		if err != nil {
			return "", err
		}
		for _, a := range atts {
			if a.ID == id {
				return a.File, nil
			}
		}
	}
	return "", os.ErrNotExist
}

// Thumbnail size on the dashboard, in pixels.
const thumbPx = 160

// thumbnail is GET /thumb/{id}: the attempt's healed work drawn by the
// software renderer, as the report draws it.
func (s *classServer) thumbnail(w http.ResponseWriter, r *http.Request) {
	path, _, ok := s.attemptPath(r)
	if !ok {
		refuse(w, http.StatusNotFound, "no such attempt")
		return
	}
	sess, err := session.Load(path)
	if err != nil {
		refuse(w, http.StatusInternalServerError, "%v", err)
		return
	}
	t, err := scalp.Lookup(sess.Template)
	if err != nil {
		refuse(w, http.StatusInternalServerError, "%v", err)
		return
	}
	img := render.Picture(t, sess.Impressions, thumbPx, thumbPx, 4, render.Preview(appearance.Healed))
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, max-age=86400") // an attempt never changes
	render.PNG(w, img)
}

// traineePage is GET /page/{id}/…: the report's page of that attempt,
// written once (by the report package, as "smpgrade report" writes it)
// into DIR/pages/ID and served from there.
func (s *classServer) traineePage(w http.ResponseWriter, r *http.Request) {
	path, id, ok := s.attemptPath(r)
	if !ok {
		refuse(w, http.StatusNotFound, "no such attempt")
		return
	}
	out := filepath.Join(s.dir, "pages", strconv.FormatInt(id, 10))
	s.pagesMu.Lock()
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		if _, err := report.Write(out, []string{path}, report.Options{Title: "Attempt " + strconv.FormatInt(id, 10)}); err != nil {
			s.pagesMu.Unlock()
			refuse(w, http.StatusInternalServerError, "%v", err)
			return
		}
	}
	s.pagesMu.Unlock()
	http.StripPrefix("/page/"+strconv.FormatInt(id, 10), http.FileServer(http.Dir(out))).ServeHTTP(w, r)
}

// dashboard is GET /dashboard. Opened with ?token=TOKEN (the link serve
// prints) it keeps the token in a cookie and drops it from the address.
func (s *classServer) dashboard(w http.ResponseWriter, r *http.Request) {
	if t := r.URL.Query().Get("token"); t != "" {
		if !sameSecret(t, s.tokenHash) {
			refuse(w, http.StatusUnauthorized, "wrong instructor token")
			return
		}
		http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: t, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
		return
	}
	if !s.authorised(r) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `<!DOCTYPE html><meta charset="utf-8"><title>Class dashboard</title><p>This page is the instructor's. Open the dashboard link "smpgrade serve" printed (it carries the instructor token).</p>`)
		return
	}
	s.renderDashboard(w, false)
}

// dashboardTable is GET /dashboard/table: the table alone, which the page
// fetches again on every hand-in event.
func (s *classServer) dashboardTable(w http.ResponseWriter, r *http.Request) {
	s.renderDashboard(w, true)
}

// dashRow is one trainee's row on the dashboard.
type dashRow struct {
	result
	Cells []dashCell
}

type dashCell struct {
	ID, Text string
	Score    float64
	Has, Low bool
}

type dashView struct {
	Rows    []dashRow
	Columns []dashCol
	Partial bool
	Updated string
	Low     float64
}

type dashCol struct{ ID, Name string }

// dashLow marks a score as low on the dashboard, as the report does.
const dashLow = 60

func (s *classServer) renderDashboard(w http.ResponseWriter, partial bool) {
	res, err := s.latest()
	if err != nil {
		refuse(w, http.StatusInternalServerError, "%v", err)
		return
	}
	v := dashView{Partial: partial, Updated: time.Now().Format("15:04:05"), Low: dashLow}
	seen := map[string]bool{}
	for _, r := range res {
		for _, c := range r.Criteria {
			if !seen[c.ID] {
				seen[c.ID] = true
				v.Columns = append(v.Columns, dashCol{c.ID, c.Name})
			}
		}
	}
	for _, r := range res {
		row := dashRow{result: r}
		for _, col := range v.Columns {
			cell := dashCell{ID: col.ID}
			if c := r.criterion(col.ID); c != nil {
				cell.Has, cell.Score, cell.Text, cell.Low = true, c.Score, strconv.FormatFloat(c.Score, 'f', 1, 64), c.Score < dashLow
			}
			row.Cells = append(row.Cells, cell)
		}
		v.Rows = append(v.Rows, row)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := dashboardTmpl.Execute(w, v); err != nil {
		fmt.Fprintf(w, "<p>%s</p>", template.HTMLEscapeString(err.Error()))
	}
}

var dashboardTmpl = template.Must(template.New("dash").Parse(dashboardHTML))

// home is GET /: the trainer in the browser when it has been built, and
// what the browser edition lacks.
func (s *classServer) home(w http.ResponseWriter, r *http.Request) {
	_, err := os.Stat(filepath.Join(s.web, "trainer.wasm"))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// "/?code=CODE", the address an instructor can hand out, fills in the
	// class code.
	homeTmpl.Execute(w, struct {
		Built bool
		Code  string
	}{err == nil, r.URL.Query().Get("code")})
}

var homeTmpl = template.Must(template.New("home").Parse(homeHTML))

// trainerFiles serves the browser trainer: its page (which loads Go's
// wasm_exec.js and trainer.wasm) and those files from --web.
func (s *classServer) trainerFiles(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/trainer/" || r.URL.Path == "/trainer/index.html" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, trainerHTML)
		return
	}
	if r.URL.Path == "/trainer/trainer.wasm" && acceptsGzip(r) {
		if serveCompressed(w, r, &s.wasmGz, filepath.Join(s.web, "trainer.wasm"), "application/wasm") {
			return
		}
	}
	http.StripPrefix("/trainer/", http.FileServer(http.Dir(s.web))).ServeHTTP(w, r)
}

// compressedFile is a file kept gzip-compressed in memory, made again
// when the file changes. The browser trainer is about 37 MB and every
// trainee's browser loads it, over the class's Wi-Fi: compressed it is
// about 8.5 MB.
type compressedFile struct {
	mu      sync.Mutex
	modTime time.Time
	size    int64
	data    []byte
}

// get returns path's contents compressed, and when it last changed.
func (c *compressedFile) get(path string) ([]byte, time.Time, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fi, err := os.Stat(path)
	if err != nil {
		return nil, time.Time{}, err
	}
	if c.data != nil && fi.ModTime().Equal(c.modTime) && fi.Size() == c.size {
		return c.data, c.modTime, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer f.Close()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := io.Copy(zw, f); err != nil {
		return nil, time.Time{}, err
	}
	if err := zw.Close(); err != nil {
		return nil, time.Time{}, err
	}
	c.data, c.modTime, c.size = b.Bytes(), fi.ModTime(), fi.Size()
	return c.data, c.modTime, nil
}

// serveCompressed answers with path gzip-compressed (kept in c); it
// reports false, having written nothing, when the file cannot be read
// (the plain file server then says why).
func serveCompressed(w http.ResponseWriter, r *http.Request, c *compressedFile, path, contentType string) bool {
	data, mod, err := c.get(path)
	if err != nil {
		return false
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Encoding", "gzip")
	h.Add("Vary", "Accept-Encoding")
	http.ServeContent(w, r, "", mod, bytes.NewReader(data))
	return true
}

// acceptsGzip reports whether the request's Accept-Encoding takes gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
			return true
		}
	}
	return false
}
