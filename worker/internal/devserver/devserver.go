//go:build !js

// Package devserver runs the built Worker locally under `wrangler dev`
// (workerd), from worker/node_modules (wrangler and the Node 22 it needs),
// for the Worker's tests and benchmark. It never reaches the internet: the
// Worker is pointed at a DoH server on loopback.
package devserver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// Options say how to run the Worker.
type Options struct {
	// Root is the repository root (where build/ and worker/ are).
	Root string
	// Vars are passed with --var NAME:VALUE (DOH_URL, LOOKUP_TIMEOUT).
	Vars map[string]string
	// Ready is how long to wait for wrangler to listen; 0 means 90 s.
	Ready time.Duration
}

// Server is a running `wrangler dev`.
type Server struct {
	URL     string // http://127.0.0.1:PORT
	Started time.Time
	// Listening is when the first request answered (a static asset, which
	// does not start the Worker's wasm).
	Listening time.Time

	cmd  *exec.Cmd
	mu   sync.Mutex
	log  bytes.Buffer
	done chan struct{}
}

// Check reports whether the Worker is built and wrangler installed.
func Check(root string) error {
	for _, f := range []string{"build/worker/app.wasm", "build/worker/worker.mjs", "build/worker-assets/index.html", "worker/node_modules/.bin/wrangler", "worker/node_modules/.bin/node"} {
		if _, err := os.Stat(filepath.Join(root, f)); err != nil {
			return fmt.Errorf("devserver: %s is missing: run `make -f worker/worker.mk worker-build worker-npm`", f)
		}
	}
	return nil
}

// Start runs wrangler dev and returns once it serves static assets.
func Start(ctx context.Context, opt Options) (*Server, error) {
	root, err := filepath.Abs(opt.Root)
	if err != nil {
		return nil, fmt.Errorf("devserver: %w", err)
	}
	if err := Check(root); err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	inspector, err := freePort()
	if err != nil {
		return nil, err
	}
	persist, err := os.MkdirTemp("", "mxplain-wrangler-")
	if err != nil {
		return nil, fmt.Errorf("devserver: %w", err)
	}
	bin := filepath.Join(root, "worker", "node_modules", ".bin")
	args := []string{"dev", "--config", filepath.Join(root, "worker", "wrangler.jsonc"),
		"--ip", "127.0.0.1", "--port", strconv.Itoa(port), "--inspector-port", strconv.Itoa(inspector),
		"--persist-to", persist, "--show-interactive-dev-session=false", "--log-level", "warn"}
	for k, v := range opt.Vars {
		args = append(args, "--var", k+":"+v)
	}
	cmd := exec.Command(filepath.Join(bin, "wrangler"), args...)
	cmd.Dir = filepath.Join(root, "worker")
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"WRANGLER_SEND_METRICS=false", "CI=1", "NO_COLOR=1", "WRANGLER_LOG_PATH="+persist)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	s := &Server{URL: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd, done: make(chan struct{})}
	cmd.Stdout = (*logWriter)(s)
	cmd.Stderr = (*logWriter)(s)
	s.Started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("devserver: start wrangler: %w", err)
	}
	go func() {
		cmd.Wait()
		os.RemoveAll(persist)
		close(s.done)
	}()
	wait := opt.Ready
	if wait == 0 {
		wait = 90 * time.Second
	}
	deadline := time.Now().Add(wait)
	client := &http.Client{Timeout: 5 * time.Second}
	for {
		select {
		case <-s.done:
			return nil, fmt.Errorf("devserver: wrangler dev exited before listening:\n%s", s.Log())
		case <-ctx.Done():
			s.Stop()
			return nil, fmt.Errorf("devserver: %w", ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
		resp, err := client.Get(s.URL + "/style.css")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				s.Listening = time.Now()
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			s.Stop()
			return nil, fmt.Errorf("devserver: wrangler dev did not serve %s within %v:\n%s", s.URL, wait, s.Log())
		}
	}
}

// Log returns what wrangler printed.
func (s *Server) Log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.String()
}

type logWriter Server

func (w *logWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.log.Len() < 1<<20 {
		w.log.Write(p)
	}
	return len(p), nil
}

// Stop ends wrangler and the workerd it started (its process group).
func (s *Server) Stop() error {
	pgid := s.cmd.Process.Pid
	syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-s.done:
		return nil
	case <-time.After(5 * time.Second):
	}
	syscall.Kill(-pgid, syscall.SIGKILL)
	select {
	case <-s.done:
		return nil
	case <-time.After(5 * time.Second):
		return errors.New("devserver: wrangler did not stop")
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("devserver: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
