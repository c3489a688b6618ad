// Package handin sends a session to a class server ("smpgrade serve"): the
// trainer's side of POST /api/handin (README, "Class server"). It uses
// only net/http, so the desktop trainer and its browser build (where
// net/http goes through the browser's fetch) hand in the same way.
package handin

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/smptrainer/smp/sim/session"
)

// Timeout bounds one hand-in, grading included. *Model assumption*: a
// class server grades a full scalp in seconds even under a class's load.
const Timeout = 60 * time.Second

// Class is a class server and its code.
type Class struct {
	// URL is the server's address, such as http://192.168.1.20:8080.
	URL string
	// Code is the class code the server printed.
	Code string
	// Client sends the request; nil means a client with Timeout.
	Client *http.Client
}

// Receipt is the server's answer to an accepted hand-in.
type Receipt struct {
	// ID is the attempt's id in the class gradebook.
	ID int64 `json:"id"`
	// Overall is the overall score the server graded, 0–100.
	Overall float64 `json:"overall"`
	// Already is true when this very file had been handed in before.
	Already bool `json:"already"`
}

// CheckURL refuses a class address the trainer cannot use, with one line
// saying why (a -class flag's value, say).
func CheckURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return fmt.Errorf("class server %q: %v", raw, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("class server %q: give its address as http://HOST:PORT", raw)
	case u.Host == "":
		return fmt.Errorf("class server %q: no host", raw)
	}
	return nil
}

// Send hands s in as trainee's work. The error is one line a trainee can
// act on: the server's own message for a refusal, or what went wrong on
// the way.
func (c Class) Send(ctx context.Context, trainee string, s *session.Session) (Receipt, error) {
	var r Receipt
	if err := CheckURL(c.URL); err != nil {
		return r, err
	}
	if strings.TrimSpace(trainee) == "" {
		return r, errors.New("hand-in needs your name: set it first")
	}
	var body bytes.Buffer
	if err := session.Encode(&body, s); err != nil {
		return r, fmt.Errorf("cannot write the session: %v", err)
	}
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(c.URL, "/")+"/api/handin", &body)
	if err != nil {
		return r, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Class-Code", c.Code)
	req.Header.Set("X-Trainee", trainee)
	client := c.Client
	if client == nil {
		client = &http.Client{Timeout: Timeout}
	}
	resp, err := client.Do(req)
	if err != nil {
		return r, fmt.Errorf("cannot reach the class server at %s: %v", c.URL, err)
	}
	defer resp.Body.Close()
	reply, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if err != nil {
		return r, fmt.Errorf("the class server's answer was cut off: %v", err)
	}
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(reply, &e) == nil && e.Error != "" {
			return r, fmt.Errorf("the class server refused the hand-in: %s", e.Error)
		}
		return r, fmt.Errorf("the class server answered %s", resp.Status)
	}
	if err := json.Unmarshal(reply, &r); err != nil || r.ID < 1 {
		return r, fmt.Errorf("the class server's answer is not a receipt: %.80q", reply)
	}
	return r, nil
}
