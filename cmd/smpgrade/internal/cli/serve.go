package cli

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/gradebook"
	"github.com/smptrainer/smp/sim/atomicfile"
	"github.com/smptrainer/smp/sim/fileerr"
	"github.com/smptrainer/smp/sim/session"
)

const serveHelp = `usage: smpgrade serve --dir DIR [--addr HOST:PORT] [--db GRADEBOOK] [--code CODE] [--token TOKEN] [--web DIR]

Runs the class server: trainees hand in their session files to it, it
grades each one as "smpgrade score" does, keeps the file and records the
attempt in the gradebook, and the instructor watches a live dashboard.

It prints, one per line:
  class code: CODE            (trainees give it with each hand-in)
  instructor token: TOKEN     (for the dashboard and the results API)
  trainees: URL               (the page to give trainees)
  dashboard: URL              (the instructor's page, token included)
CODE and TOKEN are random unless given.

--addr HOST:PORT   where to listen; default localhost:8080, reachable only
                   from this computer. Use 0.0.0.0:8080 (or this
                   computer's LAN address) to let a class's laptops in.
--dir DIR          where handed-in files are kept, one file per hand-in,
                   never overwritten: DIR/handins/TRAINEE/TIME-ID.json.
--db GRADEBOOK     the gradebook (an SQLite file or a postgres:// URL);
                   default DIR/class.gradebook.
--web DIR          the browser trainer's files (trainer.wasm,
                   wasm_exec.js; "make web" builds them); default DIR/web.

The interface (see README, "Class server"):
  POST /api/handin     body: the session file; headers X-Class-Code and
                       X-Trainee. 201 {"id": N, "overall": S}, or a 4xx
                       {"error": "..."}.
  GET  /api/results    Authorization: Bearer TOKEN. The latest attempt of
                       every trainee, as "score --json" prints it plus
                       "trainee" and "id".
  GET  /dashboard      the instructor's live dashboard (token).
  GET  /events         server-sent events: one "handin" per hand-in (token).
  GET  /               the trainer in the browser, and what it lacks.
Stop it with Ctrl+C.
`

// Hand-in limits. *Model assumptions*: a trainee hands in a finished
// exercise at most every few minutes; five in half a minute is a script
// or a stuck button. A classroom may reach the server through one NAT
// address, so the per-address limit is a class's worth.
const (
	handinBurst       = 5
	handinWindow      = 30 * time.Second
	handinPerAddress  = 300
	handinAddrWindow  = time.Minute
	classCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789" // no 0/O, 1/I/L
	classCodeLen      = 6
)

// runServe is "smpgrade serve".
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "localhost:8080", "HOST:PORT to listen on")
	dir := fs.String("dir", "", "the class folder for handed-in files")
	db := fs.String("db", "", "the gradebook (default DIR/class.gradebook)")
	code := fs.String("code", "", "the class code (default: random)")
	token := fs.String("token", "", "the instructor token (default: random)")
	web := fs.String("web", "", "the browser trainer's files (default DIR/web)")
	pos, status, done := parseArgs(fs, args, serveHelp, stdout, stderr)
	if done {
		return status
	}
	switch {
	case len(pos) > 0:
		return usageErr(stderr, "serve", serveHelp, "unexpected argument %q", pos[0])
	case *dir == "":
		return usageErr(stderr, "serve", serveHelp, "--dir DIR is required")
	}
	if *code == "" {
		*code = randomCode()
	}
	if *token == "" {
		*token = randomToken()
	}
	if strings.TrimSpace(*code) == "" || strings.TrimSpace(*token) == "" {
		return usageErr(stderr, "serve", serveHelp, "the class code and token may not be blank")
	}
	if *db == "" {
		*db = filepath.Join(*dir, "class.gradebook")
	}
	if *web == "" {
		*web = filepath.Join(*dir, "web")
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "smpgrade serve: %s: %s\n", fileerr.OneLine(*dir), fileerr.OneLine(err.Error()))
		return exitFailed
	}
	book, err := gradebook.Open(*db)
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade serve: %s\n", fileerr.OneLine(err.Error()))
		return exitFailed
	}
	defer book.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade serve: cannot listen on %s: %s\n", fileerr.OneLine(*addr), fileerr.OneLine(err.Error()))
		return exitFailed
	}
	srv := newClassServer(book, *dir, *web, *code, *token)
	url := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "class code: %s\ninstructor token: %s\ntrainees: %s/\ndashboard: %s/dashboard?token=%s\n",
		*code, *token, url, url, *token)
	if f, ok := stdout.(interface{ Sync() error }); ok {
		f.Sync()
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "smpgrade serve: %s\n", fileerr.OneLine(err.Error()))
		return exitFailed
	case <-ctx.Done():
	}
	srv.events.close() // ends the dashboards' event streams
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	hs.Shutdown(sctx) // waits for hand-ins in progress
	fmt.Fprintln(stdout, "class server stopped")
	return exitOK
}

func randomCode() string {
	b := make([]byte, classCodeLen)
	rand.Read(b)
	for i := range b {
		b[i] = classCodeAlphabet[int(b[i])%len(classCodeAlphabet)]
	}
	return string(b)
}

func randomToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// classServer is the class server's HTTP handler.
type classServer struct {
	book              *gradebook.Book
	dir, web          string
	code, token       string
	mux               *http.ServeMux
	limits            *rateLimiter
	events            *broker
	grading           chan struct{} // bounds the gradings at once (CPU, memory)
	maxBody           int64
	reportsMu         sync.Mutex
	reports           map[int64]fileReport // by attempt id: files never change
	pagesMu           sync.Mutex
	wasmGz            compressedFile // trainer.wasm, gzip-compressed once
	tokenHash         [32]byte
	codeHash          [32]byte
	now               func() time.Time
	dashboardTemplate string
}

func newClassServer(book *gradebook.Book, dir, web, code, token string) *classServer {
	s := &classServer{
		book: book, dir: dir, web: web, code: code, token: token,
		mux:     http.NewServeMux(),
		limits:  newRateLimiter(),
		events:  newBroker(),
		grading: make(chan struct{}, max(1, runtime.NumCPU())),
		maxBody: session.MaxFileBytes,
		reports: map[int64]fileReport{},
		now:     time.Now,
	}
	s.tokenHash = sha256.Sum256([]byte(token))
	s.codeHash = sha256.Sum256([]byte(code))
	s.mux.HandleFunc("POST /api/handin", s.handin)
	s.mux.HandleFunc("GET /api/results", s.instructor(s.results))
	s.mux.HandleFunc("GET /dashboard", s.dashboard)
	s.mux.HandleFunc("GET /dashboard/table", s.instructor(s.dashboardTable))
	s.mux.HandleFunc("GET /events", s.instructor(s.eventStream))
	s.mux.HandleFunc("GET /thumb/{id}", s.instructor(s.thumbnail))
	s.mux.HandleFunc("GET /page/{id}/", s.instructor(s.traineePage))
	s.mux.HandleFunc("GET /{$}", s.home)
	s.mux.HandleFunc("GET /trainer/", s.trainerFiles)
	return s
}

// ServeHTTP adds the headers every response gets.
func (s *classServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	s.mux.ServeHTTP(w, r)
}

// apiError is the JSON body of every refusal.
type apiError struct {
	Error string `json:"error"`
}

func writeJSONStatus(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func refuse(w http.ResponseWriter, status int, format string, a ...any) {
	writeJSONStatus(w, status, apiError{Error: fileerr.OneLine(fmt.Sprintf(format, a...))})
}

// sameSecret compares a given secret with a kept one in constant time.
func sameSecret(given string, kept [32]byte) bool {
	g := sha256.Sum256([]byte(given))
	return subtle.ConstantTimeCompare(g[:], kept[:]) == 1
}

// tokenCookie keeps the instructor's token in their browser after they
// open the dashboard link once.
const tokenCookie = "smp_instructor"

// authorised reports whether r carries the instructor token: as
// "Authorization: Bearer TOKEN" or the dashboard's cookie.
func (s *classServer) authorised(r *http.Request) bool {
	if t, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return sameSecret(strings.TrimSpace(t), s.tokenHash)
	}
	if c, err := r.Cookie(tokenCookie); err == nil {
		return sameSecret(c.Value, s.tokenHash)
	}
	return false
}

// instructor wraps a handler only the instructor may use.
func (s *classServer) instructor(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.authorised(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="smpgrade class server"`)
			refuse(w, http.StatusUnauthorized, "the instructor token is missing or wrong")
			return
		}
		h(w, r)
	}
}

// clientAddr is the hand-in's network address, without the port.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// handinReply is the 201 body of a hand-in.
type handinReply struct {
	ID      int64   `json:"id"`
	Overall float64 `json:"overall"`
	// Already is true when this very file was handed in before by the
	// same trainee: it is the same attempt, stored once.
	Already bool `json:"already,omitempty"`
}

// handin is POST /api/handin: check the code, the trainee and the rate,
// then stream the body into its own file while decoding it with the
// session decoder; a bad file leaves nothing behind. A good one is graded
// and recorded, and the dashboards are told.
func (s *classServer) handin(w http.ResponseWriter, r *http.Request) {
	if !sameSecret(r.Header.Get("X-Class-Code"), s.codeHash) {
		refuse(w, http.StatusForbidden, "wrong class code (X-Class-Code): ask the instructor for this class's code")
		return
	}
	trainee, err := traineeHeader(r.Header.Values("X-Trainee"))
	if err != nil {
		refuse(w, http.StatusBadRequest, "X-Trainee: %v", err)
		return
	}
	if wait := s.limits.allow(clientAddr(r), trainee, s.now()); wait > 0 {
		w.Header().Set("Retry-After", fmt.Sprint(int(wait.Seconds()+1)))
		refuse(w, http.StatusTooManyRequests, "too many hand-ins from %s in a short time: try again in %d s", trainee, int(wait.Seconds()+1))
		return
	}
	if r.ContentLength > s.maxBody {
		refuse(w, http.StatusRequestEntityTooLarge, "the session file is %d bytes, over the %d MiB a session file may have", r.ContentLength, s.maxBody>>20)
		return
	}
	body := http.MaxBytesReader(w, r.Body, s.maxBody)
	select { // one grading per core at a time; the rest queue here
	case s.grading <- struct{}{}:
		defer func() { <-s.grading }()
	case <-r.Context().Done():
		return
	}
	a, rep, status, err := s.store(body, trainee)
	if err != nil {
		refuse(w, status, "%v", err)
		return
	}
	id, added, err := s.book.Record(&a)
	if err != nil {
		refuse(w, http.StatusInternalServerError, "the hand-in was kept as %s but could not be recorded: %v", a.File, err)
		return
	}
	if !added {
		os.Remove(a.File) // the same bytes are already kept for this trainee
		writeJSONStatus(w, http.StatusOK, handinReply{ID: id, Overall: a.Overall, Already: true})
		return
	}
	s.reportsMu.Lock()
	s.reports[id] = rep
	s.reportsMu.Unlock()
	s.events.publish(handinEvent{ID: id, Trainee: a.Trainee, Overall: a.Overall})
	writeJSONStatus(w, http.StatusCreated, handinReply{ID: id, Overall: a.Overall})
}

// traineeHeader checks the X-Trainee header: one, a usable name.
func traineeHeader(vs []string) (string, error) {
	if len(vs) != 1 {
		return "", fmt.Errorf("give the trainee's name once (got %d)", len(vs))
	}
	t := strings.TrimSpace(vs[0])
	if t == "" {
		return "", errors.New("no trainee name")
	}
	return t, checkText("the trainee name", t)
}

// store streams body into a new file of trainee's, decoding it as it goes,
// and grades it. On any error nothing is kept; status is the HTTP status
// the error deserves.
func (s *classServer) store(body io.Reader, trainee string) (a gradebook.Attempt, rep fileReport, status int, err error) {
	folder := filepath.Join(s.dir, "handins", traineeFolder(trainee))
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return a, rep, http.StatusInternalServerError, fmt.Errorf("cannot keep the hand-in: %v", err)
	}
	suffix := make([]byte, 4)
	rand.Read(suffix)
	path := filepath.Join(folder, s.now().UTC().Format("20060102T150405.000Z")+"-"+hex.EncodeToString(suffix)+".json")
	name := "hand-in from " + trainee
	var sess *session.Session
	var bodyErr error // the decoder's or the reader's, without the temporary file's name
	h := sha256.New()
	err = atomicfile.Write(path, func(w io.Writer) error {
		tee := io.TeeReader(body, io.MultiWriter(w, h))
		if sess, bodyErr = session.Decode(tee, name); bodyErr != nil {
			return bodyErr
		}
		_, bodyErr = io.Copy(io.Discard, tee) // trailing white space belongs to the file
		return bodyErr
	})
	if err != nil {
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			return a, rep, http.StatusRequestEntityTooLarge, fmt.Errorf("%s: over the %d MiB a session file may have", name, s.maxBody>>20)
		case bodyErr != nil:
			return a, rep, http.StatusBadRequest, bodyErr
		}
		return a, rep, http.StatusInternalServerError, fmt.Errorf("cannot keep the hand-in: %v", err)
	}
	a, g, err := attemptOf(path, sess, h.Sum(nil), trainee)
	if err == nil {
		rep, err = reportOf(path, g)
	}
	if err != nil {
		os.Remove(path)
		return a, rep, http.StatusUnprocessableEntity, err
	}
	return a, rep, 0, nil
}

// traineeFolder is a trainee's folder name: the letters and digits of the
// name (so the instructor can find it) and a hash of the whole name (so
// two names never share a folder).
func traineeFolder(trainee string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(trainee) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '_' || r == '.':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
		if b.Len() >= 32 {
			break
		}
	}
	sum := sha256.Sum256([]byte(trainee))
	return strings.Trim(b.String(), "-") + "-" + hex.EncodeToString(sum[:3])
}

// result is one trainee's latest attempt as GET /api/results gives it:
// score --json's object, with the gradebook's trainee and attempt id.
type result struct {
	fileReport
	ID int64 `json:"id"`
	// Date is when the work was done (the gradebook's date).
	Date time.Time `json:"date"`
	// Attempts counts the trainee's attempts; Recurring are the fault
	// codes found in two or more of them, most frequent first.
	Attempts  int      `json:"attempts"`
	Recurring []string `json:"recurring_faults"`
}

// latest reads every trainee's latest attempt from the gradebook (so a
// second server on the same gradebook sees the same) and its report,
// graded from the kept file once and then cached.
func (s *classServer) latest() ([]result, error) {
	trainees, err := s.book.Trainees()
	if err != nil {
		return nil, err
	}
	out := []result{}
	for _, tr := range trainees {
		atts, err := s.book.Attempts(tr)
		if err != nil {
			return nil, err
		}
		if len(atts) == 0 {
			continue
		}
		a := atts[len(atts)-1]
		rep, err := s.report(a)
		if err != nil {
			return nil, err
		}
		rep.Trainee = a.Trainee
		out = append(out, result{fileReport: rep, ID: a.ID, Date: a.Date, Attempts: len(atts), Recurring: recurringFaults(atts)})
	}
	return out, nil
}

// report returns the score --json object of an attempt's kept file.
func (s *classServer) report(a gradebook.Attempt) (fileReport, error) {
	s.reportsMu.Lock()
	rep, ok := s.reports[a.ID]
	s.reportsMu.Unlock()
	if ok {
		return rep, nil
	}
	rep, err := gradeFile(a.File)
	if err != nil {
		return rep, fmt.Errorf("attempt %d: %v", a.ID, err)
	}
	s.reportsMu.Lock()
	s.reports[a.ID] = rep
	s.reportsMu.Unlock()
	return rep, nil
}

// recurringFaults lists the fault codes found in at least two of a
// trainee's attempts, most frequent first (then by code).
func recurringFaults(atts []gradebook.Attempt) []string {
	count := map[string]int{}
	for _, a := range atts {
		seen := map[string]bool{}
		for _, f := range a.Faults {
			if !seen[f.Code] {
				seen[f.Code] = true
				count[f.Code]++
			}
		}
	}
	out := []string{}
	for c, n := range count {
		if n >= 2 {
			out = append(out, c)
		}
	}
	sortByCount(out, count)
	return out
}

// results is GET /api/results.
func (s *classServer) results(w http.ResponseWriter, r *http.Request) {
	res, err := s.latest()
	if err != nil {
		refuse(w, http.StatusInternalServerError, "%v", err)
		return
	}
	writeJSONStatus(w, http.StatusOK, res)
}
