package main

import (
	"fmt"
	"io"
	"strings"
)

// manCommand is "mxplain man".
var manCommand = command{
	name:     "man",
	synopsis: "",
	summary:  "print the manual page, in roff",
	help: `Prints mxplain's manual page in roff, made from the commands' own flags and
help: mxplain man > mxplain.1 && man -l mxplain.1`,
}

// runMan implements "mxplain man".
func runMan(args []string, stdout io.Writer) (int, error) {
	fs := manCommand.flagSet(stdout)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage, err
	}
	if len(rest) > 0 {
		return exitUsage, fmt.Errorf("unexpected argument %q", rest[0])
	}
	writeMan(stdout, buildVersion())
	return exitOK, nil
}

// roff escapes text for a line of roff: backslashes, hyphens (so that
// options read as minus signs and can be searched for), and every
// character beyond ASCII as a named Unicode escape, which any troff reads.
func roff(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r > 0x7e:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	if strings.HasPrefix(out, ".") || strings.HasPrefix(out, "'") {
		out = `\&` + out
	}
	return out
}

// manText writes paragraphs of help text: a blank line starts a paragraph,
// and a paragraph whose lines are indented is shown as written.
func manText(w io.Writer, text string) {
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			fmt.Fprintln(w, ".PP")
		}
		lines := strings.Split(para, "\n")
		literal := true
		for _, l := range lines {
			literal = literal && strings.HasPrefix(l, "  ")
		}
		if literal {
			fmt.Fprintln(w, ".RS\n.nf")
		}
		for _, l := range lines {
			if literal {
				l = strings.TrimPrefix(l, "  ")
			}
			fmt.Fprintln(w, roff(l))
		}
		if literal {
			fmt.Fprintln(w, ".fi\n.RE")
		}
	}
}

// writeMan writes the manual page, mxplain(1).
func writeMan(w io.Writer, version string) {
	fmt.Fprintf(w, ".\\\" mxplain(1), made by \"mxplain man\"; do not edit.\n")
	fmt.Fprintf(w, ".TH MXPLAIN 1 \"\" \"mxplain %s\" \"User Commands\"\n", roff(version))
	fmt.Fprintf(w, ".SH NAME\nmxplain \\- explain mail DNS records: %s\n.SH SYNOPSIS\n", roff(proseList(kindLabels(), "and")))
	for i, c := range commands {
		if i > 0 {
			fmt.Fprintln(w, ".br")
		}
		fmt.Fprintf(w, ".B mxplain %s\n", c.name)
		if c.synopsis != "" {
			fmt.Fprintln(w, roff(c.synopsis))
		}
	}
	fmt.Fprintf(w, ".SH DESCRIPTION\n")
	manText(w, `mxplain explains a domain's mail DNS records field by field, with the RFC
section that defines each field, and says what is wrong and how to fix it.
It reads bare record values, quoted TXT strings, zone-file lines, dig output
and whole zones; it looks domains up over DNS-over-HTTPS (RFC 8484); it lints
zone files for CI; and it serves the same explanations as a web page and a
JSON API.`)
	fmt.Fprintf(w, ".SH COMMANDS\n")
	for _, c := range commands {
		fmt.Fprintf(w, ".SS \"mxplain %s\"\n", c.name)
		manText(w, c.help)
		for _, f := range c.declared() {
			fmt.Fprintln(w, ".TP")
			if v := valueName(f); v != "" {
				fmt.Fprintf(w, ".BI \\-\\-%s \" %s\"\n", roff(f.Name), roff(v))
			} else {
				fmt.Fprintf(w, ".B \\-\\-%s\n", roff(f.Name))
			}
			text := flagUsage(f)
			if f.DefValue != "" && f.DefValue != "false" {
				text += " (default " + f.DefValue + ")"
			}
			fmt.Fprintln(w, roff(text))
		}
	}
	fmt.Fprintf(w, ".SH \"EXIT STATUS\"\n")
	manText(w, exitStatusText)
	fmt.Fprintf(w, ".SH ENVIRONMENT\n.TP\n.B NO_COLOR\n%s\n", roff("When set (to anything), the human output has no colours (https://no-color.org). Colours are only written to a terminal."))
	fmt.Fprintf(w, ".SH \"SEE ALSO\"\n.BR dig (1),\n.BR named\\-checkzone (8)\n.PP\n%s\n", roff("https://github.com/mxplain/mxplain"))
}
