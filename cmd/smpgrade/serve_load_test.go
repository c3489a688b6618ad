package main

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/session"
)

// TestServeLoad is the class server's load benchmark, not part of "make
// test" (it runs for minutes): "make bench-serve" sets SMP_SERVE_LOAD=1.
// 30 trainees each hand in a Norwood III session every 10 s for 2 minutes
// (SMP_SERVE_LOAD_FOR shortens it) over loopback; it prints the hand-in
// latencies (median, p99, worst) and the server's memory (resident now
// and at its peak, from /proc).
func TestServeLoad(t *testing.T) {
	if os.Getenv("SMP_SERVE_LOAD") != "1" {
		t.Skip("the load benchmark: make bench-serve")
	}
	const trainees, every = 30, 10 * time.Second
	duration := 2 * time.Minute
	if d, err := time.ParseDuration(os.Getenv("SMP_SERVE_LOAD_FOR")); err == nil {
		duration = d
	}
	tp, err := scalp.Lookup("norwood3")
	if err != nil {
		t.Fatal(err)
	}
	// One session per trainee, generated once; each hand-in is a new file
	// (a new saved time), graded in full like any other.
	base := make([]*session.Session, trainees)
	for i := range base {
		ims, err := pattern.Generate(tp, pattern.Styles()[i%len(pattern.Styles())], 1, uint64(500+i))
		if err != nil {
			t.Fatal(err)
		}
		base[i] = &session.Session{Template: tp.ID, Number: 1, Impressions: ims}
	}
	srv := startServe(t, "--dir", filepath.Join(t.TempDir(), "class"), "--code", "LOAD01", "--token", "t")
	var mu sync.Mutex
	var lat []time.Duration
	failures := 0
	start := time.Now()
	var wg sync.WaitGroup
	for i := range trainees {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i) * every / trainees) // spread the class over the interval
			for n := 0; time.Since(start) < duration; n++ {
				s := *base[i]
				s.Saved = time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Minute)
				var buf bytes.Buffer
				session.Encode(&buf, &s)
				t0 := time.Now()
				req, _ := http.NewRequest("POST", srv.url+"/api/handin", &buf)
				req.Header.Set("X-Class-Code", "LOAD01")
				req.Header.Set("X-Trainee", fmt.Sprintf("Load trainee %02d", i))
				resp, err := http.DefaultClient.Do(req)
				d := time.Since(t0)
				mu.Lock()
				if err != nil || resp.StatusCode != http.StatusCreated {
					failures++
				} else {
					lat = append(lat, d)
				}
				mu.Unlock()
				if resp != nil {
					resp.Body.Close()
				}
				time.Sleep(max(0, every-d))
			}
		}()
	}
	wg.Wait()
	rss, hwm := procMemory(srv.cmd.Process.Pid)
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	fmt.Printf("serve load: %d trainees every %v for %v: %d hand-ins graded, %d failed\n", trainees, every, duration, len(lat), failures)
	fmt.Printf("hand-in latency: median %v, p99 %v, worst %v\n", pct(0.5).Round(time.Millisecond), pct(0.99).Round(time.Millisecond), pct(1).Round(time.Millisecond))
	fmt.Printf("server memory: resident %s now, peak %s\n", rss, hwm)
	if failures > 0 {
		t.Errorf("%d hand-ins failed", failures)
	}
}

// procMemory reads a process's resident memory now and at its peak.
func procMemory(pid int) (rss, peak string) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "?", "?"
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			rss = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			peak = strings.TrimSpace(v)
		}
	}
	return rss, peak
}
