package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/mxplain/mxplain/internal/lint"
)

// lintCommand is "mxplain lint".
var lintCommand = command{
	name:     "lint",
	synopsis: "[--format text|json|github|sarif] [--resolver URL] [--origin DOMAIN] ZONEFILE...",
	summary:  "check what zone files publish for mail, for editors and CI",
	help: `Checks what zone files publish for mail. Every record is explained as mxplain
explain does, and each finding is given with the file, line and column of its
bytes. Then each mail domain of the files (owners of MX, SPF, DMARC and DKIM
records, and zone apexes) is looked up in the files themselves, which finds
what no single record shows: MX targets with no address or an alias in the
zone, DMARC without SPF (or DKIM), a null MX whose SPF still authorises
senders, includes of in-zone names with no SPF record, several SPF records at
one name.

Names the files are not authoritative for (outside their zones, or below a
delegation) are unknown offline. --resolver asks them over DNS-over-HTTPS:
includes are resolved and report addresses in other domains checked for their
authorisation.

Formats: text (file:line:col: severity: message [code]), json, github
(workflow commands that annotate the lines in a pull request) and sarif
(SARIF 2.1.0, for code scanning). Columns count UTF-16 code units from 1.

Exit status: 0 no error findings, 1 error findings, 2 usage, I/O or network
error.`,
	args:  "files",
	flags: func(fs *flag.FlagSet) { lintFlags(fs) },
}

// lintFlags declares lint's flags.
func lintFlags(fs *flag.FlagSet) (format *choiceFlag, resolver *resolverFlag, origin *string) {
	format = &choiceFlag{value: "text", choices: lint.Formats}
	fs.Var(format, "format", "the output `FORMAT`: text, json, github or sarif")
	resolver = new(resolverFlag)
	fs.Var(resolver, "resolver", "also ask the names the files do not hold, from this DoH resolver: cloudflare, google, quad9 or an https `URL`")
	origin = fs.String("origin", "", "the $ORIGIN the files start with, as the server's configuration names their zone (a `DOMAIN`)")
	return format, resolver, origin
}

// runLint implements "mxplain lint".
func runLint(args []string, stdout, stderr io.Writer) (int, error) {
	fs := lintCommand.flagSet(stdout)
	format, resolver, origin := lintFlags(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage, err
	}
	if len(paths) == 0 {
		fs.Usage()
		return exitUsage, fmt.Errorf("want at least one ZONEFILE")
	}
	var files []lint.File
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return exitUsage, err
		}
		files = append(files, lint.File{Name: p, Text: string(b)})
	}
	opts := lint.Options{Origin: *origin, Now: time.Now()}
	if *resolver != "" {
		// Each domain's report bounds its own queries (inspect.MaxQueries);
		// the files' domains together may need more than one report's.
		client, err := resolver.client(-1)
		if err != nil {
			return exitUsage, err
		}
		opts.Resolver = client
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := lint.Check(ctx, files, opts)
	if err != nil {
		return exitUsage, err
	}
	if err := lint.Write(stdout, format.value, res, lint.Tool{Name: "mxplain", Version: buildVersion(), InformationURI: "https://github.com/mxplain/mxplain"}); err != nil {
		return exitUsage, err
	}
	if len(res.Errors) > 0 {
		return exitUsage, fmt.Errorf("%d queries failed, so some checks were not made (first: %s)", len(res.Errors), res.Errors[0].Message)
	}
	if res.HasErrors() {
		return exitFindings, nil
	}
	return exitOK, nil
}
