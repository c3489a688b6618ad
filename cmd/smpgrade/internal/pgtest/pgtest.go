// Package pgtest starts a throwaway PostgreSQL server for tests: Debian's
// postgresql package (the Makefile installs it), a fresh cluster in a
// temporary folder, listening on a unix socket only (no network port), and
// stopped and deleted when the test ends, so nothing is left running.
//
// PostgreSQL refuses to run as root; as root the server runs as the user
// "nobody".
package pgtest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create databases

	"github.com/smptrainer/smp/cmd/internal/e2eenv"
)

// Server is a running throwaway PostgreSQL server.
type Server struct {
	// DSN connects to its "postgres" database as the superuser "smp".
	DSN string
}

// binDir finds the folder of initdb and postgres: on PATH, or Debian's
// /usr/lib/postgresql/VERSION/bin (the newest).
func binDir() string {
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p)
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[i])))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[j])))
		return vi > vj
	})
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "postgres")); err == nil {
			return d
		}
	}
	return ""
}

// Start starts a server for t and stops it when t ends. Without
// PostgreSQL installed the test is skipped (failed under SMP_E2E=1).
func Start(t testing.TB) *Server {
	t.Helper()
	bin := binDir()
	if bin == "" {
		e2eenv.Skip(t, "PostgreSQL is not installed (apt-get install postgresql, or make test)")
	}
	dir, err := os.MkdirTemp("", "smp-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	var owner *ids
	if os.Geteuid() == 0 {
		u, err := user.Lookup("nobody")
		if err != nil {
			t.Fatalf("running as root, and no user nobody to run PostgreSQL as: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		owner = &ids{uid: uint32(uid), gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	command := func(name string, args ...string) *exec.Cmd {
		c := exec.Command(filepath.Join(bin, name), args...)
		c.Dir = dir
		c.Env = append(os.Environ(), "LC_ALL=C")
		if owner != nil {
			runAs(c, *owner)
		}
		return c
	}
	data := filepath.Join(dir, "data")
	if out, err := command("initdb", "-D", data, "-U", "smp", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C").CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	srv := command("postgres", "-D", data, "-k", dir, "-c", "listen_addresses=", "-c", "fsync=off",
		"-c", "full_page_writes=off", "-c", "synchronous_commit=off", "-c", "max_connections=200")
	logf, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		t.Fatal(err)
	}
	srv.Stdout, srv.Stderr = logf, logf
	if err := srv.Start(); err != nil {
		t.Fatalf("postgres: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Wait(); logf.Close() }()
	t.Cleanup(func() {
		srv.Process.Signal(syscall.SIGINT) // fast shutdown
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			srv.Process.Kill()
			<-done
		}
	})
	s := &Server{DSN: "postgres://smp@/postgres?sslmode=disable&host=" + url.QueryEscape(dir)}
	deadline := time.Now().Add(60 * time.Second)
	for {
		db, err := sql.Open("pgx", s.DSN)
		if err == nil {
			err = db.Ping()
			db.Close()
		}
		if err == nil {
			return s
		}
		select {
		case err := <-done:
			log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
			t.Fatalf("postgres stopped: %v\n%s", err, log)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("postgres did not start: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// NewDatabase creates an empty database on the server at dsn (a Server's
// DSN) and returns its DSN.
func NewDatabase(t testing.TB, dsn string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("t%d_%d", os.Getpid(), seq.Add(1))
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

var seq atomic.Int64

// ids are the unix user and group the server runs as when the tests run as
// root.
type ids struct{ uid, gid uint32 }
