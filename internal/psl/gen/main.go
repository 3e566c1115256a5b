// Command gen writes internal/psl's rules.txt from the Public Suffix List
// that golang.org/x/net/publicsuffix embeds (the module version go.mod
// names), so that mxplain's list and its reference are the same one:
//
//	go run ./internal/psl/gen -o internal/psl/rules.txt
//
// It reads that package's data files (data/text, data/nodes, data/children:
// a tree of labels, see its table.go for the layout) from the module cache
// and writes one name of the tree per line, sorted: a rule ("co.uk",
// "*.ck", "!www.ck") or a name that is only the parent of rules
// ("?kawasaki.jp"), a space, and "i" for the list's ICANN section or "p"
// for its private one (x/net's ICANN bit of the node). The first line is
// "# " and the list's version.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The layout of x/net's table (its table.go; checked against its
// constants when it is read).
const (
	textLengthBits = 6
	textOffsetBits = 16
	icannBits      = 1
	childrenBits   = 10
	loBits         = 14
	hiBits         = 14
	nodeTypeBits   = 2

	nodeNormal     = 0
	nodeException  = 1
	nodeParentOnly = 2
)

func main() {
	out := flag.String("o", "rules.txt", "the file to write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "psl/gen:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/net").Output()
	if err != nil {
		return fmt.Errorf("go list golang.org/x/net: %w", err)
	}
	pkg := filepath.Join(strings.TrimSpace(string(dir)), "publicsuffix")
	table, err := os.ReadFile(filepath.Join(pkg, "table.go"))
	if err != nil {
		return err
	}
	version, numTLD, err := readConstants(table)
	if err != nil {
		return err
	}
	read := func(name string) (string, error) {
		b, err := os.ReadFile(filepath.Join(pkg, "data", name))
		return string(b), err
	}
	t := tree{}
	if t.text, err = read("text"); err != nil {
		return err
	}
	if t.nodes, err = read("nodes"); err != nil {
		return err
	}
	if t.children, err = read("children"); err != nil {
		return err
	}
	var rules []string
	t.walk(0, uint32(numTLD), "", &rules)
	slices.Sort(rules)
	var b bytes.Buffer
	b.WriteString("# " + version + "\n")
	for _, r := range rules {
		b.WriteString(r + "\n")
	}
	return os.WriteFile(out, b.Bytes(), 0o644)
}

// readConstants checks that table.go's layout is the one this reads, and
// returns the list's version and the number of top-level nodes.
func readConstants(table []byte) (version string, numTLD int, err error) {
	want := map[string]int{
		"nodesBitsChildren": childrenBits, "nodesBitsICANN": icannBits, "nodesBitsTextOffset": textOffsetBits,
		"nodesBitsTextLength": textLengthBits, "childrenBitsNodeType": nodeTypeBits, "childrenBitsHi": hiBits, "childrenBitsLo": loBits,
		"nodeTypeNormal": nodeNormal, "nodeTypeException": nodeException, "nodeTypeParentOnly": nodeParentOnly,
	}
	for name, v := range want {
		m := regexp.MustCompile(`\b` + name + `\s*=\s*(\d+)`).FindSubmatch(table)
		if m == nil || string(m[1]) != strconv.Itoa(v) {
			return "", 0, fmt.Errorf("x/net/publicsuffix's table.go: %s is not %d: its layout changed", name, v)
		}
	}
	m := regexp.MustCompile(`const numTLD = (\d+)`).FindSubmatch(table)
	if m == nil {
		return "", 0, fmt.Errorf("x/net/publicsuffix's table.go: no numTLD")
	}
	numTLD, _ = strconv.Atoi(string(m[1]))
	v := regexp.MustCompile(`const version = "([^"]*)"`).FindSubmatch(table)
	if v == nil {
		return "", 0, fmt.Errorf("x/net/publicsuffix's table.go: no version")
	}
	return string(v[1]), numTLD, nil
}

// tree is x/net's table: nodes of 40 bits, children of 32, label text.
type tree struct{ text, nodes, children string }

func (t tree) node(i uint32) uint64 {
	n := t.nodes[i*5:]
	return uint64(n[0])<<32 | uint64(n[1])<<24 | uint64(n[2])<<16 | uint64(n[3])<<8 | uint64(n[4])
}

func (t tree) child(i uint32) uint32 {
	c := t.children[i*4:]
	return uint32(c[0])<<24 | uint32(c[1])<<16 | uint32(c[2])<<8 | uint32(c[3])
}

// walk appends the rules at and under the nodes [lo, hi) below the name
// parent ("" at the root).
func (t tree) walk(lo, hi uint32, parent string, rules *[]string) {
	for i := lo; i < hi; i++ {
		x := t.node(i)
		length := x & (1<<textLengthBits - 1)
		x >>= textLengthBits
		offset := x & (1<<textOffsetBits - 1)
		x >>= textOffsetBits
		section := "p"
		if x&(1<<icannBits-1) != 0 {
			section = "i"
		}
		x >>= icannBits
		c := t.child(uint32(x & (1<<childrenBits - 1)))
		clo := c & (1<<loBits - 1)
		c >>= loBits
		chi := c & (1<<hiBits - 1)
		c >>= hiBits
		typ := c & (1<<nodeTypeBits - 1)
		c >>= nodeTypeBits
		wildcard := c&1 != 0
		name := t.text[offset : offset+length]
		if parent != "" {
			name += "." + parent
		}
		switch typ {
		case nodeNormal:
			*rules = append(*rules, name+" "+section)
		case nodeException:
			*rules = append(*rules, "!"+name+" "+section)
		case nodeParentOnly:
			*rules = append(*rules, "?"+name+" "+section)
		}
		if wildcard {
			*rules = append(*rules, "*."+name+" "+section)
		}
		t.walk(clo, chi, name, rules)
	}
}
