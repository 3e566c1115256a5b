package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// needTool returns the path of a program the test runs, or skips saying
// how to install it.
func needTool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("SKIPPED: %s is not installed (apt-get install %s)", name, pkg)
	}
	return p
}

// script writes the completion script for shell to a file.
func script(t *testing.T, shell string) string {
	t.Helper()
	status, out, errOut := runT(t, "", "completion", shell)
	if status != exitOK {
		t.Fatalf("mxplain completion %s: status %d: %s", shell, status, errOut)
	}
	path := filepath.Join(t.TempDir(), "mxplain."+shell)
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func runShell(t *testing.T, name string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil || errOut.Len() > 0 {
		t.Fatalf("%s %v: %v\n%s%s", name, args, err, errOut.String(), out.String())
	}
	return out.String()
}

// flagNames are a command's flags as declared, "--name".
func flagNames(c *command) []string {
	var out []string
	for _, f := range c.declared() {
		out = append(out, "--"+f.Name)
	}
	return out
}

// TestEveryFlagDeclaredOnce: each command's --help lists the flags its
// declarations give, and its synopsis names each; so the man page and the
// completion scripts, made from the same declarations, cover what the
// command parses.
func TestEveryFlagDeclaredOnce(t *testing.T) {
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			status, out, errOut := runT(t, "", c.name, "--help")
			if status != exitOK {
				t.Fatalf("--help: status %d %s", status, errOut)
			}
			if !strings.HasPrefix(out, "Usage: "+c.usageLine()+"\n") {
				t.Errorf("help does not start with the synopsis:\n%s", out)
			}
			for _, f := range c.declared() {
				if !strings.Contains(out, "\n  --"+f.Name) {
					t.Errorf("--help does not list --%s (as it is typed, with two dashes):\n%s", f.Name, out)
				}
				if !strings.Contains(c.synopsis, "--"+f.Name) {
					t.Errorf("synopsis %q does not name --%s", c.synopsis, f.Name)
				}
			}
			if n := strings.Count(out, "\n  -"); n != len(c.declared()) {
				t.Errorf("--help lists %d flags, the declarations %d", n, len(c.declared()))
			}
		})
	}
}

// TestBashCompletion runs the bash script's completion function: every
// command after "mxplain", every flag after "--", the words of a flag's
// value.
func TestBashCompletion(t *testing.T) {
	bash := needTool(t, "bash", "bash")
	path := script(t, "bash")
	runShell(t, bash, "-n", path)
	// One bash run completes every case and prints "case|replies".
	var cases strings.Builder
	complete := func(label string, words ...string) {
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = shQuote(w)
		}
		fmt.Fprintf(&cases, "COMP_WORDS=(%s); COMP_CWORD=%d; COMPREPLY=(); _mxplain; echo %s\"|${COMPREPLY[*]}\"\n",
			strings.Join(quoted, " "), len(words)-1, shQuote(label))
	}
	want := map[string][]string{}
	complete("commands", "mxplain", "")
	want["commands"] = strings.Fields(commandNames())
	for _, c := range commands {
		if names := flagNames(c); len(names) > 0 {
			complete(c.name+" --", "mxplain", c.name, "--")
			want[c.name+" --"] = names
		}
		for _, f := range c.declared() {
			if kind, list := valueKind(f); kind == "words" {
				complete(c.name+" --"+f.Name, "mxplain", c.name, "--"+f.Name, "")
				want[c.name+" --"+f.Name] = list
				complete(c.name+" --"+f.Name+"=", "mxplain", c.name, "--"+f.Name, "=", "")
				want[c.name+" --"+f.Name+"="] = list
			}
		}
		if w := c.argWords(); w != nil {
			complete(c.name+" args", "mxplain", c.name, "")
			want[c.name+" args"] = w
		}
	}
	out := runShell(t, bash, "-c", "source "+shQuote(path)+"\n"+cases.String())
	got := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		label, replies, _ := strings.Cut(line, "|")
		got[label] = strings.Fields(replies)
	}
	for label, w := range want {
		g := slices.Sorted(slices.Values(got[label]))
		if !slices.Equal(g, slices.Sorted(slices.Values(w))) {
			t.Errorf("completing %q: %v, want %v", label, g, w)
		}
	}
	t.Run("files for lint", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "example.com.zone"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		out := runShell(t, bash, "-c", "cd "+shQuote(dir)+"; source "+shQuote(path)+
			"\nCOMP_WORDS=(mxplain lint ex); COMP_CWORD=2; _mxplain; echo \"${COMPREPLY[*]}\"")
		if strings.TrimSpace(out) != "example.com.zone" {
			t.Errorf("lint ex<TAB>: %q, want the zone file", out)
		}
	})
}

// TestZshCompletion checks the zsh script's syntax and that each
// command's _arguments names each of its flags, with its value's words.
func TestZshCompletion(t *testing.T) {
	zsh := needTool(t, "zsh", "zsh")
	path := script(t, "zsh")
	runShell(t, zsh, "-n", path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, c := range commands {
		start := strings.Index(text, "\n    "+c.name+")\n")
		if start < 0 {
			t.Errorf("no case for %s", c.name)
			continue
		}
		block := text[start:]
		block = block[:strings.Index(block, ";;")]
		for _, f := range c.declared() {
			if !strings.Contains(block, "--"+f.Name+"[") && !strings.Contains(block, "--"+f.Name+"=[") {
				t.Errorf("%s: --%s is not completed", c.name, f.Name)
			}
			if kind, list := valueKind(f); kind == "words" && !strings.Contains(block, "("+strings.Join(list, " ")+")") {
				t.Errorf("%s: --%s's words %v are not offered", c.name, f.Name, list)
			}
		}
	}
}

// TestFishCompletion asks fish itself what it completes.
func TestFishCompletion(t *testing.T) {
	fish := needTool(t, "fish", "fish")
	path := script(t, "fish")
	runShell(t, fish, "--no-execute", path)
	ask := func(line string) []string {
		out := runShell(t, fish, "--no-config", "-c", "source "+shQuote(path)+"; complete -C "+shQuote(line))
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			w, _, _ := strings.Cut(l, "\t")
			got = append(got, w)
		}
		return slices.Sorted(slices.Values(got))
	}
	if got, want := ask("mxplain "), slices.Sorted(slices.Values(strings.Fields(commandNames()))); !slices.Equal(got, want) {
		t.Errorf("commands: %v, want %v", got, want)
	}
	for _, c := range commands {
		if names := flagNames(c); len(names) > 0 {
			if got := ask("mxplain " + c.name + " --"); !slices.Equal(got, slices.Sorted(slices.Values(names))) {
				t.Errorf("%s flags: %v, want %v", c.name, got, names)
			}
		}
		for _, f := range c.declared() {
			if kind, list := valueKind(f); kind == "words" {
				if got := ask("mxplain " + c.name + " --" + f.Name + " "); !slices.Equal(got, slices.Sorted(slices.Values(list))) {
					t.Errorf("%s --%s: %v, want %v", c.name, f.Name, got, list)
				}
			}
		}
	}
}

// TestManPage renders the man page with groff, warnings on, and with man
// itself, and finds every command and flag in it.
func TestManPage(t *testing.T) {
	groff := needTool(t, "groff", "groff-base")
	status, page, errOut := runT(t, "", "man")
	if status != exitOK {
		t.Fatalf("mxplain man: %d %s", status, errOut)
	}
	path := filepath.Join(t.TempDir(), "mxplain.1")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	text := runShell(t, groff, "-man", "-Tascii", "-P-bou", "-ww", "-rLL=100n", path)
	text = strings.Join(strings.Fields(text), " ") // justified lines have runs of blanks
	for _, c := range commands {
		if !strings.Contains(text, "mxplain "+c.name) {
			t.Errorf("the man page has no section for %s", c.name)
		}
		for _, name := range flagNames(c) {
			if !strings.Contains(text, name) {
				t.Errorf("the man page does not list %s %s", c.name, name)
			}
		}
	}
	if man, err := exec.LookPath("man"); err == nil {
		cmd := exec.Command(man, "-l", path)
		cmd.Env = append(os.Environ(), "MANPAGER=cat", "PAGER=cat", "MANWIDTH=80", "LC_ALL=C.UTF-8")
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil || errOut.Len() > 0 || !strings.Contains(out.String(), "EXIT STATUS") {
			t.Errorf("man -l: %v\n%s\n%.300s", err, errOut.String(), out.String())
		}
	}
}
