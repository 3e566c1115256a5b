package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/mxplain/mxplain/parsers"
	"github.com/mxplain/mxplain/parsers/explain"
)

// errHelp is returned when a command printed its help on request.
var errHelp = errors.New("help requested")

// runExplain implements "mxplain explain".
func runExplain(args []string, stdin io.Reader, stdout io.Writer) (int, error) {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	fs.SetOutput(stdout)
	asJSON := fs.Bool("json", false, "print the explanation as JSON")
	typ := fs.String("type", "", "explain every record as this type: spf, dmarc, dkim or mx")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: mxplain explain [--json] [--type T] [RECORD ...]

Explains each field of MX, SPF, DKIM and DMARC records. A RECORD may be a bare
value (v=spf1 -all), quoted TXT strings, zone-file lines or dig output. Several
arguments that each hold a blank are separate records; arguments without
blanks are one record the shell split (mxplain explain v=spf1 mx -all). With
no RECORD, or "-", the input is read from stdin.

`)
		fs.PrintDefaults()
	}
	flagArgs, records := splitFlags(args, map[string]bool{"json": false, "type": true})
	if err := fs.Parse(flagArgs); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, errHelp
		}
		return exitUsage, err
	}
	opts := parsers.Options{}
	switch t := explain.Type(strings.ToLower(*typ)); t {
	case "":
	case explain.TypeSPF, explain.TypeDMARC, explain.TypeDKIM, explain.TypeMX:
		opts.Type = t
	default:
		return exitUsage, fmt.Errorf("--type %q: want spf, dmarc, dkim or mx", *typ)
	}
	input, err := explainInput(records, stdin)
	if err != nil {
		return exitUsage, err
	}
	ex, err := parsers.Explain(input, opts)
	if err != nil {
		return exitUsage, err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(ex); err != nil {
			return exitUsage, err
		}
	} else {
		newRenderer(stdout).explanation(ex)
	}
	return explainStatus(ex), nil
}

// explainStatus is 1 when any record has an error finding or is unrecognised.
func explainStatus(ex explain.Explanation) int {
	for _, r := range ex.Records {
		if !r.Valid || r.Type == explain.TypeUnknown {
			return exitFindings
		}
	}
	return exitOK
}

// explainInput is the text to explain: stdin when there are no records or
// the only one is "-"; otherwise the arguments, one record per line when each
// holds a blank, or joined with blanks when the shell split one record.
func explainInput(records []string, stdin io.Reader) (string, error) {
	if len(records) == 0 || (len(records) == 1 && records[0] == "-") {
		b, err := io.ReadAll(io.LimitReader(stdin, maxInput+1))
		if err != nil {
			return "", fmt.Errorf("reading stdin: %w", err)
		}
		if len(b) > maxInput {
			return "", fmt.Errorf("input is over %d bytes", maxInput)
		}
		return string(b), nil
	}
	for _, r := range records {
		if !strings.ContainsAny(strings.TrimSpace(r), " \t\n") {
			return strings.Join(records, " "), nil
		}
	}
	return strings.Join(records, "\n"), nil
}

// maxInput bounds what explain reads: a large zone fits, a runaway pipe does not.
const maxInput = 8 << 20

// splitFlags separates known flags, wherever they stand, from records. Only
// the names in known count as flags (true: takes a value), so a record term
// such as "-all" is never taken for one; "--" ends the flags.
func splitFlags(args []string, known map[string]bool) (flags, rest []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return flags, append(rest, args[i+1:]...)
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		takesValue, isFlag := known[name]
		if name == "h" || name == "help" {
			isFlag = true
		}
		if !strings.HasPrefix(a, "-") || !isFlag {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		if takesValue && !hasValue && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	return flags, rest
}
