// Command mxplain explains a domain's mail DNS records: MX, SPF, DKIM and
// DMARC, field by field, with the RFC that defines each field, and says what
// is wrong and how to fix it.
//
//	mxplain explain [--json] [--type T] [RECORD ...]
//	mxplain lookup [--json] [--resolver URL] [--zone FILE]... DOMAIN
//	mxplain lint [--format text|json|github|sarif] [--resolver URL] ZONEFILE...
//	mxplain serve [--addr 127.0.0.1:8080] [--resolver URL] [--zones DIR]
//	mxplain completion bash|zsh|fish
//	mxplain man
//
// Each command declares its flags once (commands.go); its --help, the man
// page and the completion scripts are made from those declarations.
//
// Exit status: 0 when no record has an error finding, 1 when one has (or a
// record is not recognised), 2 for usage, I/O or network errors.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/mxplain/mxplain/internal/terminal"
)

// version is set by make build (-ldflags "-X main.version=…", from git
// describe); a go install of a tagged module reports the module's version.
var version string

// buildVersion is the version the binary was built as: make's, else the
// module version go install recorded, else "devel".
func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// Exit statuses, the same for every command.
const (
	exitOK       = 0 // no error findings
	exitFindings = 1 // error findings, or an unrecognised record
	exitUsage    = 2 // usage, I/O or network error
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program with its streams passed in, so tests can call it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return exitUsage
	}
	var err error
	status := exitOK
	switch args[0] {
	case "explain":
		status, err = runExplain(args[1:], stdin, stdout)
	case "serve":
		status, err = runServe(args[1:], stdout, stderr)
	case "lookup":
		status, err = runLookup(args[1:], stdout)
	case "lint":
		status, err = runLint(args[1:], stdout, stderr)
	case "completion":
		status, err = runCompletion(args[1:], stdout)
	case "man":
		status, err = runMan(args[1:], stdout)
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && args[0] == "help" && commandNamed(args[1]) != nil {
			return run([]string{args[1], "--help"}, stdin, stdout, stderr)
		}
		fmt.Fprint(stdout, usage())
		return exitOK
	default:
		fmt.Fprintf(stderr, "mxplain: unknown command %q\n\n%s", args[0], usage())
		return exitUsage
	}
	if errors.Is(err, errHelp) {
		return exitOK
	}
	if err != nil {
		// The error may quote an argument or a DNS answer: shown, never raw.
		fmt.Fprintf(stderr, "mxplain %s: %s\n", args[0], terminal.Visible(err.Error()))
		return exitUsage
	}
	return status
}
