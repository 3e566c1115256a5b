package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// completionCommand is "mxplain completion".
var completionCommand = command{
	name:     "completion",
	synopsis: "bash|zsh|fish",
	summary:  "print a shell completion script",
	help: `Prints the completion script for the shell named: commands, their flags, the
values of flags that take known words (--type, --format, --resolver) and file
names where a command or flag takes files. To install it:

  bash:  echo 'source <(mxplain completion bash)' >> ~/.bashrc
  zsh:   mxplain completion zsh > "${fpath[1]}/_mxplain"
  fish:  mxplain completion fish > ~/.config/fish/completions/mxplain.fish`,
	args: "bash zsh fish",
}

// completionScripts write the script for each shell.
var completionScripts = map[string]func(io.Writer){"bash": bashCompletion, "zsh": zshCompletion, "fish": fishCompletion}

// runCompletion implements "mxplain completion".
func runCompletion(args []string, stdout io.Writer) (int, error) {
	fs := completionCommand.flagSet(stdout)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage, err
	}
	if len(rest) != 1 || completionScripts[rest[0]] == nil {
		fs.Usage()
		return exitUsage, fmt.Errorf("want one SHELL: bash, zsh or fish")
	}
	completionScripts[rest[0]](stdout)
	return exitOK, nil
}

// valueKind is what a flag's value completes to: "files", "dirs", a list
// of words, or nothing.
func valueKind(f *flag.Flag) (kind string, list []string) {
	if w, ok := f.Value.(words); ok {
		return "words", w.Words()
	}
	switch valueName(f) {
	case "FILE", "ZONEFILE":
		return "files", nil
	case "DIR":
		return "dirs", nil
	}
	return "", nil
}

func commandNames() string {
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
	}
	return strings.Join(names, " ")
}

// shQuote quotes s for a POSIX shell (and zsh): in single quotes.
func shQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func bashCompletion(w io.Writer) {
	fmt.Fprintf(w, `# bash completion for mxplain, made by "mxplain completion bash".
_mxplain() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    if [[ $prev == "=" && $COMP_CWORD -gt 2 ]]; then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    elif [[ $cur == "=" ]]; then
        cur=
    fi
    if [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W %s -- "$cur"))
        return
    fi
    case ${COMP_WORDS[1]} in
`, shQuote(commandNames()))
	for _, c := range commands {
		fmt.Fprintf(w, "    %s)\n        case $prev in\n", c.name)
		var names []string
		for _, f := range c.declared() {
			names = append(names, "--"+f.Name)
			if isBool(f) {
				continue
			}
			reply := "return"
			switch kind, list := valueKind(f); kind {
			case "words":
				reply = "COMPREPLY=($(compgen -W " + shQuote(strings.Join(list, " ")) + ` -- "$cur")); return`
			case "files":
				reply = `COMPREPLY=($(compgen -f -- "$cur")); return`
			case "dirs":
				reply = `COMPREPLY=($(compgen -d -- "$cur")); return`
			}
			fmt.Fprintf(w, "        --%s|-%s) %s ;;\n", f.Name, f.Name, reply)
		}
		fmt.Fprintf(w, "        esac\n")
		if len(names) > 0 {
			fmt.Fprintf(w, "        if [[ $cur == -* ]]; then\n            COMPREPLY=($(compgen -W %s -- \"$cur\"))\n            return\n        fi\n", shQuote(strings.Join(names, " ")))
		}
		switch {
		case c.args == "files":
			fmt.Fprintf(w, "        COMPREPLY=($(compgen -f -- \"$cur\"))\n")
		case c.argWords() != nil:
			fmt.Fprintf(w, "        COMPREPLY=($(compgen -W %s -- \"$cur\"))\n", shQuote(strings.Join(c.argWords(), " ")))
		}
		fmt.Fprintf(w, "        ;;\n")
	}
	fmt.Fprintf(w, "    esac\n}\ncomplete -o bashdefault -o default -F _mxplain mxplain\n")
}

// zshSpec escapes s for the description in brackets of an _arguments spec.
func zshSpec(s string) string {
	return strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`, ":", `\:`).Replace(s)
}

func zshCompletion(w io.Writer) {
	fmt.Fprintf(w, "#compdef mxplain\n# zsh completion for mxplain, made by \"mxplain completion zsh\".\n\n_mxplain() {\n    local -a commands\n    commands=(\n")
	for _, c := range commands {
		fmt.Fprintf(w, "        %s\n", shQuote(c.name+":"+c.summary))
	}
	fmt.Fprintf(w, "    )\n    if (( CURRENT == 2 )); then\n        _describe -t commands 'mxplain command' commands\n        return\n    fi\n")
	fmt.Fprintf(w, "    local cmd=$words[2]\n    shift words\n    (( CURRENT-- ))\n    case $cmd in\n")
	for _, c := range commands {
		fmt.Fprintf(w, "    %s)\n        _arguments -s", c.name)
		for _, f := range c.declared() {
			usage := flagUsage(f)
			spec := "--" + f.Name
			if repeatable(f) {
				spec = "*" + spec
			}
			if isBool(f) {
				spec += "[" + zshSpec(usage) + "]"
			} else {
				action := " "
				switch kind, list := valueKind(f); kind {
				case "words":
					action = "(" + strings.Join(list, " ") + ")"
				case "files":
					action = "_files"
				case "dirs":
					action = "_files -/"
				}
				spec += "=[" + zshSpec(usage) + "]:" + valueName(f) + ":" + action
			}
			fmt.Fprintf(w, " \\\n            %s", shQuote(spec))
		}
		switch {
		case c.args == "files":
			fmt.Fprintf(w, " \\\n            '*:file:_files'")
		case c.argWords() != nil:
			fmt.Fprintf(w, " \\\n            %s", shQuote("1:"+c.synopsis+":("+strings.Join(c.argWords(), " ")+")"))
		}
		fmt.Fprintf(w, "\n        ;;\n")
	}
	fmt.Fprintf(w, "    esac\n}\n\nif [[ $funcstack[1] == _mxplain ]]; then\n    _mxplain \"$@\"\nelse\n    compdef _mxplain mxplain\nfi\n")
}

// fishQuote quotes s for fish: in single quotes, where \ and ' are escaped.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}

func fishCompletion(w io.Writer) {
	fmt.Fprintf(w, "# fish completion for mxplain, made by \"mxplain completion fish\".\ncomplete -c mxplain -f\n")
	for _, c := range commands {
		fmt.Fprintf(w, "complete -c mxplain -n __fish_use_subcommand -a %s -d %s\n", c.name, fishQuote(c.summary))
	}
	for _, c := range commands {
		cond := fishQuote("__fish_seen_subcommand_from " + c.name)
		for _, f := range c.declared() {
			opt := ""
			if !isBool(f) {
				switch kind, list := valueKind(f); kind {
				case "words":
					opt = " -x -a " + fishQuote(strings.Join(list, " "))
				case "files":
					opt = " -r -F"
				case "dirs":
					opt = " -x -a '(__fish_complete_directories)'"
				default:
					opt = " -x"
				}
			}
			fmt.Fprintf(w, "complete -c mxplain -n %s -l %s%s -d %s\n", cond, f.Name, opt, fishQuote(flagUsage(f)))
		}
		switch {
		case c.args == "files":
			fmt.Fprintf(w, "complete -c mxplain -n %s -F\n", cond)
		case c.argWords() != nil:
			fmt.Fprintf(w, "complete -c mxplain -n %s -a %s\n", cond, fishQuote(strings.Join(c.argWords(), " ")))
		}
	}
}

// flagUsage is f's usage text without the quotes that name its value.
func flagUsage(f *flag.Flag) string {
	_, usage := flag.UnquoteUsage(f)
	return usage
}
