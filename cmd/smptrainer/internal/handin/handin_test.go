package handin

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/session"
)

// TestSend against a stand-in server that checks the request as the
// README's interface describes it, decoding the body with the session
// decoder as the real server does.
func TestSend(t *testing.T) {
	var got *session.Session
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method != "POST" || r.URL.Path != "/api/handin":
			w.WriteHeader(404)
		case r.Header.Get("X-Class-Code") != "K7Q2MX":
			w.WriteHeader(403)
			json.NewEncoder(w).Encode(map[string]string{"error": "wrong class code (X-Class-Code)"})
		default:
			s, err := session.Decode(r.Body, "hand-in")
			if err != nil || r.Header.Get("X-Trainee") != "Ana Lima" {
				w.WriteHeader(400)
				json.NewEncoder(w).Encode(map[string]string{"error": "bad"})
				return
			}
			got = s
			w.WriteHeader(201)
			w.Write([]byte(`{"id": 7, "overall": 81.5}`))
		}
	}))
	defer srv.Close()
	s := &session.Session{Template: "square20", Number: 1,
		Impressions: []impression.Impression{impression.New(geom.Point{X: 1, Y: 2}, impression.DefaultNeedle, 1, 0)}}
	r, err := Class{URL: srv.URL + "/", Code: "K7Q2MX"}.Send(context.Background(), "Ana Lima", s)
	if err != nil || r.ID != 7 || r.Overall != 81.5 || got == nil || len(got.Impressions) != 1 {
		t.Fatalf("send: %+v, %v; server got %v", r, err, got)
	}
	_, err = Class{URL: srv.URL, Code: "nope"}.Send(context.Background(), "Ana Lima", s)
	if err == nil || !strings.Contains(err.Error(), "wrong class code") {
		t.Errorf("wrong code: %v", err)
	}
	for _, bad := range []string{"", "ftp://x", "http://", "localhost:8080"} {
		if _, err := (Class{URL: bad, Code: "K7Q2MX"}).Send(context.Background(), "Ana", s); err == nil {
			t.Errorf("URL %q accepted", bad)
		}
	}
	if _, err := (Class{URL: srv.URL, Code: "K7Q2MX"}).Send(context.Background(), " ", s); err == nil {
		t.Error("no trainee accepted")
	}
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	if _, err := (Class{URL: closed.URL, Code: "K7Q2MX"}).Send(context.Background(), "Ana", s); err == nil || !strings.Contains(err.Error(), "cannot reach") {
		t.Errorf("server gone: %v", err)
	}
}
