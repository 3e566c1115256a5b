package fresh

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mxplain/mxplain/internal/realdns"
)

// repoRoot is the folder holding go.mod above this test.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// clone makes a fresh clone of the repository's HEAD commit: no
// node_modules, no build outputs, nothing uncommitted.
func clone(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	head, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatalf("git rev-parse HEAD in %s: %v", root, err)
	}
	dir := filepath.Join(t.TempDir(), "mxplain")
	for _, args := range [][]string{
		{"clone", "-q", "--no-checkout", root, dir},
		{"-C", dir, "checkout", "-q", "--detach", strings.TrimSpace(string(head))},
	} {
		if out, err := exec.Command("git", args...).CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	for _, p := range []string{"node_modules", "bin", "build", "static/gen/explain.wasm", "worker/node_modules"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err == nil {
			t.Fatalf("the clone has %s: not fresh", p)
		}
	}
	return dir
}

// goOnlyPath is a PATH holding only Go, make, git and the shell tools the
// Makefile's recipes use: no node, npm, brotli or chromium.
func goOnlyPath(t *testing.T) string {
	t.Helper()
	bin := t.TempDir()
	for _, name := range []string{"go", "make", "git", "sh", "cp", "rm", "find"} {
		p, err := exec.LookPath(name)
		if err != nil {
			t.Fatalf("%s is needed: %v", name, err)
		}
		if err := os.Symlink(p, filepath.Join(bin, name)); err != nil {
			t.Fatal(err)
		}
	}
	return bin
}

func env(path string) []string {
	out := []string{"PATH=" + path}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PATH=") && !strings.HasPrefix(kv, "MAKEFLAGS=") && !strings.HasPrefix(kv, "MFLAGS=") && !strings.HasPrefix(kv, "MAKELEVEL=") {
			out = append(out, kv)
		}
	}
	return out
}

// start runs cmd in its own process group, killed with the test (and when
// the test process dies), and returns the URL it prints as
// "mxplain serve: http://ADDR/" on stderr, and all it printed until then.
func start(t *testing.T, cmd *exec.Cmd, within time.Duration) (url, log string) {
	t.Helper()
	realdns.DieWithParent(cmd)
	cmd.SysProcAttr.Setpgid = true
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = cmd.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		cmd.Wait()
	})
	found := make(chan string, 1)
	var b strings.Builder
	go func() {
		lines := bufio.NewScanner(stderr)
		for lines.Scan() {
			line := lines.Text()
			b.WriteString(line + "\n")
			if u, ok := strings.CutPrefix(line, "mxplain serve: http://"); ok {
				found <- "http://" + strings.TrimSuffix(u, "/")
				found <- b.String()
				for lines.Scan() {
				}
				return
			}
		}
		close(found)
	}()
	select {
	case u, ok := <-found:
		if !ok {
			t.Fatalf("%s ended without serving:\n%s", strings.Join(cmd.Args, " "), b.String())
		}
		return u, <-found
	case <-time.After(within):
		t.Fatalf("%s did not serve within %v", strings.Join(cmd.Args, " "), within)
	}
	return "", ""
}

func get(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// TestReadmeCommands: in a fresh clone, with nothing but Go (and make,
// git, a shell) on PATH, `make run` builds the page and serves it with its
// wasm (gzip variants: no brotli command); a plain `go build` of the CLI
// (as `go install` builds it) serves no page and says how to get one.
func TestReadmeCommands(t *testing.T) {
	dir := clone(t)
	path := goOnlyPath(t)

	// First, while the clone has no build outputs: a go build embeds
	// whatever static/gen holds.
	t.Run("go build ./cmd/mxplain", func(t *testing.T) {
		bin := filepath.Join(t.TempDir(), "mxplain")
		build := exec.Command("go", "build", "-o", bin, "./cmd/mxplain")
		build.Dir, build.Env = dir, env(path)
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
		cmd.Env = env(path)
		url, log := start(t, cmd, time.Minute)
		if !strings.Contains(log, "has no page") {
			t.Errorf("mxplain serve of a go build does not say it has no page:\n%s", log)
		}
		resp, body := get(t, url+"/")
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") ||
			!strings.Contains(body, "no page") || !strings.Contains(body, "make run") {
			t.Errorf("GET /: %s %s, %q; want the text saying there is no page and how to get one", resp.Status, resp.Header.Get("Content-Type"), body)
		}
		if resp, _ := get(t, url+"/explain.wasm"); resp.StatusCode == 200 {
			t.Errorf("GET /explain.wasm: %s from a build without the wasm", resp.Status)
		}
	})

	t.Run("make run", func(t *testing.T) {
		cmd := exec.Command("make", "run", "ADDR=127.0.0.1:0")
		cmd.Dir, cmd.Env = dir, env(path)
		url, log := start(t, cmd, 8*time.Minute)
		if !strings.Contains(log, "no brotli command") {
			t.Errorf("make run without brotli: no word of the gzip-only variants in its output:\n%s", log)
		}
		resp, body := get(t, url+"/")
		if resp.StatusCode != 200 || !strings.Contains(body, "<html") {
			t.Errorf("GET /: %s, %.200q", resp.Status, body)
		}
		resp, body = get(t, url+"/explain.wasm", "Accept-Encoding", "br, gzip")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" || len(body) < 100_000 {
			t.Errorf("GET /explain.wasm: %s, Content-Encoding %q, %d bytes; want 200, gzip, the wasm", resp.Status, resp.Header.Get("Content-Encoding"), len(body))
		}
		resp, body = get(t, url+"/healthz")
		if resp.StatusCode != 200 || !strings.Contains(body, `"wasm":true`) {
			t.Errorf("GET /healthz: %s, %s", resp.Status, body)
		}
	})

}
