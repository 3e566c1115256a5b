package main

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/internal/lint"
)

var examples = filepath.Join("..", "..", "examples")

// TestExampleInvocations: every "mxplain lint" in the CI examples uses
// flags lint declares, with values it takes.
func TestExampleInvocations(t *testing.T) {
	files := []string{"github-actions/mail-dns.yml", "../.pre-commit-hooks.yaml", "pre-commit/.pre-commit-config.yaml", "pre-commit/pre-commit"}
	call := regexp.MustCompile(`mxplain lint([^\n|>']*)`)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(examples, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(b), -1) {
			n++
			args := strings.Fields(m[1])
			for i, a := range args {
				if a == "--" { // the end of the flags
					break
				}
				if !strings.HasPrefix(a, "--") {
					continue
				}
				name, value, hasValue := strings.Cut(strings.TrimPrefix(a, "--"), "=")
				fl := slices.IndexFunc(lintCommand.declared(), func(d *flag.Flag) bool { return d.Name == name })
				if fl < 0 {
					t.Errorf("%s: mxplain lint has no --%s", f, name)
					continue
				}
				if name == "format" {
					if !hasValue && i+1 < len(args) {
						value = args[i+1]
					}
					if !slices.Contains(lint.Formats, value) {
						t.Errorf("%s: --format %q", f, value)
					}
				}
			}
		}
	}
	if n < 4 {
		t.Errorf("found %d mxplain lint invocations in the examples", n)
	}
}

// TestGitHook runs examples/pre-commit/pre-commit in a repository: a
// staged zone with an error stops the commit; the staged version counts,
// not the work tree's; a name with a blank and beyond ASCII is one file.
func TestGitHook(t *testing.T) {
	git := needTool(t, "git", "git")
	bin := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "mxplain"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	hook, err := filepath.Abs(filepath.Join(examples, "pre-commit", "pre-commit"))
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	gitRun := func(args ...string) {
		t.Helper()
		cmd := exec.Command(git, args...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	runHook := func() (int, string) {
		t.Helper()
		cmd := exec.Command("sh", hook)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), string(out)
		} else if err != nil {
			t.Fatal(err)
		}
		return 0, string(out)
	}
	gitRun("init", "-q")
	if status, out := runHook(); status != 0 {
		t.Errorf("nothing staged: status %d\n%s", status, out)
	}
	zone := filepath.Join(repo, "zones", "exämple com.zone")
	if err := os.MkdirAll(filepath.Dir(zone), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(text string) {
		if err := os.WriteFile(zone, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("example.com. 300 IN TXT \"v=spf1 ip4:abc.d.efg.h -all\"\n")
	gitRun("add", "zones")
	write("example.com. 300 IN TXT \"v=spf1 -all\"\n") // fixed in the work tree, not staged
	if status, out := runHook(); status != exitFindings || !strings.Contains(out, "zones/exämple com.zone:1:") {
		t.Errorf("broken zone staged: status %d, want 1\n%s", status, out)
	}
	gitRun("add", "zones")
	if status, out := runHook(); status != 0 {
		t.Errorf("fixed zone staged: status %d, want 0\n%s", status, out)
	}
}
