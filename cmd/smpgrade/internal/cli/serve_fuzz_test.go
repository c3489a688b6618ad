package cli

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/gradebook"
)

// fuzzServer is one class server for a whole fuzz run, with a clock that
// moves a minute per request so the rate limits never hide a path.
func fuzzServer(t testing.TB) *classServer {
	dir := t.TempDir()
	book, err := gradebook.Open(filepath.Join(dir, "class.gradebook"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { book.Close() })
	s := newClassServer(book, dir, filepath.Join(dir, "web"), "CODE42", "token")
	var mu sync.Mutex
	clock := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	s.now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Minute)
		return clock
	}
	return s
}

// FuzzHandin sends any body with any class code and trainee header: the
// server never panics, answers 201/200 with an attempt id or a 4xx with a
// one-line JSON error, and keeps a file exactly when it accepted one.
func FuzzHandin(f *testing.F) {
	good, err := os.ReadFile(goodFile(f, f.TempDir(), "good.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good, "CODE42", "Ann")
	f.Add(good[:len(good)/2], "CODE42", "Ann")
	f.Add(bytes.Replace(good, []byte(`"x_mm": `), []byte(`"x_mm": NaN, "y": `), 1), "CODE42", "Bob")
	f.Add(good, "code42", "Ann")
	f.Add(good, "CODE42", "")
	f.Add(good, "CODE42", "Ann\u202e")
	f.Add([]byte(`{"format":"smp-session","version":1,"template":"norwood99","impressions":[]}`), "CODE42", "Eve")
	f.Add([]byte("\x00\xff{"), "CODE42", "Eve")
	f.Add([]byte{}, "", "")
	s := fuzzServer(f)
	f.Fuzz(func(t *testing.T, body []byte, code, trainee string) {
		req := httptest.NewRequest("POST", "/api/handin", bytes.NewReader(body))
		req.Header["X-Class-Code"] = []string{code}
		req.Header["X-Trainee"] = []string{trainee}
		before := keptFiles(t, s.dir)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		after := keptFiles(t, s.dir)
		var reply struct {
			ID    int64  `json:"id"`
			Error string `json:"error"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &reply); err != nil {
			t.Fatalf("status %d, reply not JSON: %q", rec.Code, rec.Body.String())
		}
		switch rec.Code {
		case http.StatusCreated:
			if reply.ID < 1 || after != before+1 {
				t.Fatalf("201 with id %d, files %d → %d", reply.ID, before, after)
			}
		case http.StatusOK:
			if reply.ID < 1 || after != before {
				t.Fatalf("200 (already) with id %d, files %d → %d", reply.ID, before, after)
			}
		case http.StatusBadRequest, http.StatusForbidden, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
			if reply.Error == "" || strings.ContainsAny(reply.Error, "\n\r") || after != before {
				t.Fatalf("%d %q, files %d → %d", rec.Code, reply.Error, before, after)
			}
		default:
			t.Fatalf("status %d: %q", rec.Code, rec.Body.String())
		}
	})
}

// keptFiles counts the files under the server's handins folder.
func keptFiles(t *testing.T, dir string) int {
	n := 0
	filepath.Walk(filepath.Join(dir, "handins"), func(_ string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			n++
		}
		return nil
	})
	return n
}

// FuzzInstructorAuth: any Authorization header or cookie but the token is
// refused, and the refusal is JSON.
func FuzzInstructorAuth(f *testing.F) {
	f.Add("Bearer token", "")
	f.Add("Bearer tokeN", "")
	f.Add("bearer token", "token ")
	f.Add("", "token")
	f.Add("Bearer ", "\x00")
	s := fuzzServer(f)
	f.Fuzz(func(t *testing.T, auth, cookie string) {
		req := httptest.NewRequest("GET", "/api/results", nil)
		req.Header["Authorization"] = []string{auth}
		if cookie != "" {
			req.Header["Cookie"] = []string{tokenCookie + "=" + cookie}
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		ok := strings.TrimSpace(strings.TrimPrefix(auth, "Bearer ")) == "token" && strings.HasPrefix(auth, "Bearer ") ||
			!strings.HasPrefix(auth, "Bearer ") && req.Header.Get("Cookie") != "" && cookieIs(req, "token")
		if (rec.Code == http.StatusOK) != ok || (rec.Code != http.StatusOK && rec.Code != http.StatusUnauthorized) {
			t.Fatalf("auth %q cookie %q: %d", auth, cookie, rec.Code)
		}
	})
}

func cookieIs(r *http.Request, v string) bool {
	c, err := r.Cookie(tokenCookie)
	return err == nil && c.Value == v
}
