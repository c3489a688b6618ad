package ui

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/session"
)

// TestHandInKey: Ctrl+Shift+H sends the work as it is to the class server
// with the code and the trainee's name, and the answer shows in the
// status line; without a class server it says how to give one.
func TestHandInKey(t *testing.T) {
	var got *session.Session
	var trainee string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, err := session.Decode(r.Body, "hand-in")
		if err != nil || r.Header.Get("X-Class-Code") != "K7Q2MX" {
			w.WriteHeader(400)
			json.NewEncoder(w).Encode(map[string]string{"error": "bad hand-in"})
			return
		}
		got, trainee = s, r.Header.Get("X-Trainee")
		w.WriteHeader(201)
		w.Write([]byte(`{"id": 3, "overall": 77.25}`))
	}))
	defer srv.Close()

	s := input.NewScript().Wait(1).ClickMM(geom.Point{X: 0, Y: 0}).Wait(2).
		Key(ebiten.KeyH, ebiten.KeyControl, ebiten.KeyShift).Wait(2)
	g := newHeadless(t, s, "")
	g.cfg.ClassURL, g.cfg.ClassCode, g.trainee = srv.URL, "K7Q2MX", "Ana Lima"
	play(t, g, s)
	for i := 0; g.handins != nil && i < 500; i++ {
		time.Sleep(10 * time.Millisecond)
		g.pollHandin()
	}
	if msg, isErr := g.Message(); isErr || !strings.Contains(msg, "Handed in: attempt 3, overall 77.2") {
		t.Errorf("message %q (error %v)", msg, isErr)
	}
	if got == nil || len(got.Impressions) != 1 || trainee != "Ana Lima" {
		t.Errorf("the server got %v from %q", got, trainee)
	}
	if !g.Doc().Unsaved() {
		t.Error("handing in marked the work saved")
	}

	s2 := input.NewScript().Wait(1).Key(ebiten.KeyH, ebiten.KeyControl, ebiten.KeyShift).Wait(1)
	g2 := newHeadless(t, s2, "")
	play(t, g2, s2)
	if msg, isErr := g2.Message(); !isErr || !strings.Contains(msg, "-class URL -code CODE") {
		t.Errorf("without a class server: %q (error %v)", msg, isErr)
	}
}
