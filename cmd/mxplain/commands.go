package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// command is one of mxplain's commands. It declares its flags once, in
// flags; the same declarations give its --help, the man page (mxplain man)
// and the shell completion scripts (mxplain completion).
type command struct {
	name     string
	synopsis string // what follows "mxplain NAME": every flag and argument
	summary  string // one line, for the list of commands
	help     string // what it does, in paragraphs, for --help and the man page
	// args is what the command's arguments complete to: "" (nothing known),
	// "files", or a list of words separated by blanks.
	args string
	// flags declares the command's flags on fs; nil when it has none.
	flags func(fs *flag.FlagSet)
}

// commands are mxplain's commands, in the order the usage lists them.
var commands = []*command{&explainCommand, &lookupCommand, &lintCommand, &serveCommand, &completionCommand, &manCommand}

// commandNamed returns the command called name, or nil.
func commandNamed(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// errHelp is returned when a command printed its help on request.
var errHelp = errors.New("help requested")

// flagSet returns an empty flag set for c whose usage is c's help, writing
// to out. Callers declare c's flags on it.
func (c *command) flagSet(out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s\n\n%s\n", c.usageLine(), strings.TrimSpace(c.help))
		if hasFlags(fs) {
			fmt.Fprintln(fs.Output())
			printFlags(fs)
		}
	}
	return fs
}

// printFlags lists fs's flags as the usage line and the man page write
// them, "--name VALUE", each with its usage and default.
func printFlags(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		line := "  --" + f.Name
		if v := valueName(f); v != "" {
			line += " " + v
		}
		text := flagUsage(f)
		if f.DefValue != "" && f.DefValue != "false" && !strings.Contains(text, "(default") {
			text += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(fs.Output(), "%s\n    \t%s\n", line, text)
	})
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// declared returns c's flags as declared, sorted by name.
func (c *command) declared() []*flag.Flag {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	if c.flags != nil {
		c.flags(fs)
	}
	var out []*flag.Flag
	fs.VisitAll(func(f *flag.Flag) { out = append(out, f) })
	return out
}

// parseFlags parses the flags of fs found anywhere in args and returns the
// other arguments. Only fs's own flags count as flags, so a record term such
// as "-all" is never taken for one; "--" ends the flags. A help request
// gives errHelp after the help is printed.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := fs.Lookup(name)
		if f == nil && strings.HasPrefix(a, "--") && name != "help" {
			// No record term starts with "--" (SPF's qualifiers are one
			// "-"): a mistyped option, not a record.
			return nil, fmt.Errorf("unknown flag %s (see mxplain %s --help)", a, fs.Name())
		}
		if !strings.HasPrefix(a, "-") || (f == nil && name != "h" && name != "help") {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		if f != nil && !isBool(f) && !hasValue && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if err := fs.Parse(flags); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, errHelp
		}
		return nil, err
	}
	return append(rest, fs.Args()...), nil
}

// isBool reports whether f takes no value, as the flag package decides it.
func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// valueName is the name of f's value in help texts (URL, FILE), "" for a
// flag that takes none.
func valueName(f *flag.Flag) string {
	if isBool(f) {
		return ""
	}
	name, _ := flag.UnquoteUsage(f)
	return strings.ToUpper(name)
}

// words is implemented by flag values whose useful values are known words,
// for completion: the only ones (choiceFlag) or the named ones
// (resolverFlag).
type words interface {
	Words() []string
}

// choiceFlag is a flag whose value is one of a fixed list of words.
type choiceFlag struct {
	value   string
	choices []string
}

func (c *choiceFlag) String() string  { return c.value }
func (c *choiceFlag) Words() []string { return c.choices }
func (c *choiceFlag) Set(v string) error {
	if !slices.Contains(c.choices, strings.ToLower(v)) {
		return fmt.Errorf("want %s", strings.Join(c.choices, ", "))
	}
	c.value = strings.ToLower(v)
	return nil
}

// stringsFlag is a flag that may be repeated.
type stringsFlag []string

func (s *stringsFlag) String() string     { return strings.Join(*s, ",") }
func (s *stringsFlag) Set(v string) error { *s = append(*s, v); return nil }

// repeatable reports whether f may be given more than once.
func repeatable(f *flag.Flag) bool {
	_, ok := f.Value.(*stringsFlag)
	return ok
}

// usageLine is "mxplain NAME SYNOPSIS".
func (c *command) usageLine() string {
	return strings.TrimSpace("mxplain " + c.name + " " + c.synopsis)
}

// argWords returns the words c's arguments complete to, or nil.
func (c *command) argWords() []string {
	if c.args == "files" {
		return nil
	}
	return strings.Fields(c.args)
}

// usage is what "mxplain" alone and "mxplain help" print.
func usage() string {
	var b strings.Builder
	b.WriteString("mxplain explains mail DNS records: " + proseList(kindLabels(), "and") + ".\n\nUsage:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  %s\n        %s\n", c.usageLine(), c.summary)
	}
	b.WriteString("\nRun \"mxplain COMMAND --help\" for a command's options.\n")
	b.WriteString(exitStatusText)
	return b.String()
}

// exitStatusText is the exit status, the same for every command.
const exitStatusText = `
Exit status: 0 no error findings; 1 error findings (or an unrecognised
record); 2 usage, I/O or network error. NO_COLOR turns colours off.
`
