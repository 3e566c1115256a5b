package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mxplain/mxplain/internal/zonecheck"
	"github.com/mxplain/mxplain/parsers"
	"github.com/mxplain/mxplain/parsers/explain"
)

// explainCommand is "mxplain explain".
var explainCommand = command{
	name:     "explain",
	synopsis: "[--json] [--fix] [--type T] [RECORD ...]",
	summary:  `explain records; no RECORD or "-": read stdin`,
	help: `Explains each field of mail records. A RECORD may be a bare value
(v=spf1 -all), quoted TXT strings, zone-file lines or dig output. Several
arguments that each hold a blank are separate records; arguments without
blanks are one record the shell split (mxplain explain v=spf1 mx -all). With
no RECORD, or "-", the input is read from stdin.

With --fix, it prints the records corrected instead: each in the form it
was written, with every fix mxplain knows applied, its DNS panel form and
what is still for you to fill in ({{slot}}) in ";" comments above it. The
exit status is still the input's.

Records it explains: ` + proseList(kindLabels(), "and") + `.`,
	flags: func(fs *flag.FlagSet) { explainFlags(fs) },
}

// explainFlags declares explain's flags.
func explainFlags(fs *flag.FlagSet) (asJSON, fix *bool, typ *choiceFlag) {
	asJSON = fs.Bool("json", false, "print the explanation as JSON (it holds the corrected records too)")
	fix = fs.Bool("fix", false, "print the records corrected, each in the form it was written")
	typ = &choiceFlag{choices: parsers.TypeNames()}
	fs.Var(typ, "type", "explain every record as this type `T`: "+proseList(typ.choices, "or"))
	return asJSON, fix, typ
}

// kindLabels are the labels of the kinds of record mxplain explains, each
// once (MTA-STS's record and policy file share theirs).
func kindLabels() []string {
	var labels []string
	for _, k := range parsers.Kinds() {
		if !slices.Contains(labels, k.Label) {
			labels = append(labels, k.Label)
		}
	}
	return labels
}

// proseList writes words as a list in prose, joined by conj ("or",
// "and"): "a", "a or b", "a, b or c".
func proseList(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}

// runExplain implements "mxplain explain".
func runExplain(args []string, stdin io.Reader, stdout io.Writer) (int, error) {
	fs := explainCommand.flagSet(stdout)
	asJSON, fix, typ := explainFlags(fs)
	records, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage, err
	}
	opts := parsers.Options{Type: explain.Type(typ.value), CheckLine: zonecheck.Line}
	input, err := explainInput(records, stdin)
	if err != nil {
		return exitUsage, err
	}
	ex, err := parsers.Explain(input, opts)
	if err != nil {
		return exitUsage, err
	}
	switch {
	case *asJSON:
		if err := writeExplanation(stdout, ex); err != nil {
			return exitUsage, err
		}
	case *fix:
		newRenderer(stdout).corrected(ex)
	default:
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
