package cli

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeEventsAndPages: a dashboard's event stream hears a hand-in;
// the dashboard link keeps the token in a cookie; the home page offers
// the browser trainer only once it is built.
func TestServeEventsAndPages(t *testing.T) {
	s := fuzzServer(t)
	ts := httptest.NewServer(s)
	defer ts.Close()
	defer s.events.close()

	req, _ := http.NewRequest("GET", ts.URL+"/events", nil)
	req.Header.Set("Authorization", "Bearer token")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("events: %v %v", resp, err)
	}
	defer resp.Body.Close()
	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	body, _ := os.ReadFile(goodFile(t, t.TempDir(), "good.json"))
	hreq, _ := http.NewRequest("POST", ts.URL+"/api/handin", strings.NewReader(string(body)))
	hreq.Header.Set("X-Class-Code", "CODE42")
	hreq.Header.Set("X-Trainee", "Ann")
	if hr, err := http.DefaultClient.Do(hreq); err != nil || hr.StatusCode != http.StatusCreated {
		t.Fatalf("hand-in: %v %v", hr, err)
	}
	deadline := time.After(10 * time.Second)
	for got := false; !got; {
		select {
		case l := <-lines:
			got = strings.HasPrefix(l, "data: ") && strings.Contains(l, `"trainee":"Ann"`)
		case <-deadline:
			t.Fatal("no hand-in event within 10 s")
		}
	}

	// The dashboard link: cookie, then the page without the token in the URL.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	r, err := noRedirect.Get(ts.URL + "/dashboard?token=token")
	if err != nil || r.StatusCode != http.StatusSeeOther || len(r.Cookies()) != 1 {
		t.Fatalf("dashboard link: %v %v", r, err)
	}
	dreq, _ := http.NewRequest("GET", ts.URL+"/dashboard", nil)
	dreq.AddCookie(r.Cookies()[0])
	if d, err := http.DefaultClient.Do(dreq); err != nil || d.StatusCode != 200 {
		t.Errorf("dashboard with the cookie: %v %v", d, err)
	}
	if d, _ := http.Get(ts.URL + "/dashboard"); d.StatusCode != http.StatusUnauthorized {
		t.Errorf("dashboard without the token: %d", d.StatusCode)
	}
	if d, _ := http.Get(ts.URL + "/thumb/1"); d.StatusCode != http.StatusUnauthorized {
		t.Errorf("a trainee's thumbnail without the token: %d", d.StatusCode)
	}

	home := func(query ...string) string {
		r, err := http.Get(ts.URL + "/" + strings.Join(query, ""))
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		var b strings.Builder
		sc := bufio.NewScanner(r.Body)
		for sc.Scan() {
			b.WriteString(sc.Text())
		}
		return b.String()
	}
	if h := home(); !strings.Contains(h, "has not been built") || !strings.Contains(h, "lacks") {
		t.Errorf("home page before make web: %.200s", h)
	}
	os.MkdirAll(s.web, 0o755)
	os.WriteFile(filepath.Join(s.web, "trainer.wasm"), []byte("\x00asm"), 0o644)
	if h := home(); !strings.Contains(h, `action="/trainer/index.html"`) || !strings.Contains(h, `name="code"`) {
		t.Errorf("home page after make web: %.200s", h)
	}
	// The address an instructor hands out fills in the class code, escaped.
	if h := home(`?code=K7Q2MX"><b>`); !strings.Contains(h, `value="K7Q2MX&#34;&gt;&lt;b&gt;"`) {
		t.Errorf("home page with ?code=: %s", h)
	}
	if r, err := http.Get(ts.URL + "/trainer/trainer.wasm"); err != nil || r.Header.Get("Content-Type") != "application/wasm" {
		t.Errorf("trainer.wasm: %v %v", r, err)
	}
	// A browser that takes gzip gets the trainer compressed (and the file
	// as it is now, after a new "make web"); one that does not, plain.
	wasm := func(accept string) (string, []byte) {
		req, _ := http.NewRequest("GET", ts.URL+"/trainer/trainer.wasm", nil)
		req.Header.Set("Accept-Encoding", accept) // set: no transparent decompression
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		body, _ := io.ReadAll(r.Body)
		if r.StatusCode != 200 || r.Header.Get("Content-Type") != "application/wasm" {
			t.Errorf("trainer.wasm (Accept-Encoding %q): %d, %q", accept, r.StatusCode, r.Header.Get("Content-Type"))
		}
		return r.Header.Get("Content-Encoding"), body
	}
	for i, want := range []string{"\x00asm", "\x00asm version 2"} {
		if i > 0 {
			os.WriteFile(filepath.Join(s.web, "trainer.wasm"), []byte(want), 0o644)
		}
		enc, body := wasm("gzip, deflate, br")
		if enc != "gzip" {
			t.Errorf("trainer.wasm with gzip accepted: Content-Encoding %q", enc)
		} else if zr, err := gzip.NewReader(bytes.NewReader(body)); err != nil {
			t.Error(err)
		} else if plain, err := io.ReadAll(zr); err != nil || string(plain) != want {
			t.Errorf("trainer.wasm decompressed: %q, %v; want %q", plain, err, want)
		}
		if enc, body := wasm("identity"); enc != "" || string(body) != want {
			t.Errorf("trainer.wasm without gzip: %q %q", enc, body)
		}
	}
}
