package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/explain"
)

// hostileFindings have what a workflow command must escape in its file name
// and message, and no position, a position on one line, and one over two.
var hostileFindings = []Finding{
	{File: "zones/a,b:c%25.zone", Line: 3, Column: 5, EndLine: 3, EndColumn: 9, Severity: explain.Error, Code: "spf.ip4.invalid", Ref: "RFC 7208 §5.6",
		Message: "50% of it\r\nis wrong: a,b::c"},
	{File: "zones/x.zone", Line: 2, Column: 1, EndLine: 4, EndColumn: 3, Severity: explain.Warning, Code: "mx.set.single", Message: "two\nlines"},
	{File: "zones/x.zone", Severity: explain.Info, Code: "report.dkim.none_found", Message: "no key: %0A stays"},
	{File: "zones/x.zone", Line: 1, Column: 1, EndLine: 1, EndColumn: 6, Severity: explain.Error, Code: "spf.record.illegal_char", Message: "ESC \x1b[2J here"},
}

// annotation is a workflow command as the runner reads it.
type annotation struct {
	command string
	props   map[string]string
	message string
}

// parseCommand reads one workflow command, "::command k=v,k=v::message",
// as GitHub's runner does (ActionCommand.TryParseV2): properties are split
// at "," and at their first "=", then unescaped; %25 is unescaped last, so
// that an escaped "%0A" written as "%250A" stays "%0A" (the inverse of
// @actions/core's escapeProperty and escapeData).
func parseCommand(line string) (annotation, error) {
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		return annotation{}, fmt.Errorf("not a command: %q", line)
	}
	head, data, ok := strings.Cut(rest, "::")
	if !ok {
		return annotation{}, fmt.Errorf("no message: %q", line)
	}
	a := annotation{props: map[string]string{}, message: unescapeData(data)}
	a.command, head, _ = strings.Cut(head, " ")
	if head != "" {
		for _, p := range strings.Split(head, ",") {
			k, v, ok := strings.Cut(p, "=")
			if !ok {
				return annotation{}, fmt.Errorf("property without =: %q", p)
			}
			a.props[k] = unescapeProperty(v)
		}
	}
	return a, nil
}

func unescapeData(s string) string {
	s = strings.NewReplacer("%0D", "\r", "%0A", "\n").Replace(s)
	return strings.ReplaceAll(s, "%25", "%")
}

func unescapeProperty(s string) string {
	s = strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",").Replace(s)
	return strings.ReplaceAll(s, "%25", "%")
}

func TestGitHubCommands(t *testing.T) {
	var out bytes.Buffer
	if err := WriteGitHub(&out, hostileFindings); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != len(hostileFindings) {
		t.Fatalf("%d lines for %d findings (a message broke a line?):\n%s", len(lines), len(hostileFindings), out.String())
	}
	want := []struct {
		command string
		props   map[string]string
		message string
	}{
		{"error", map[string]string{"file": "zones/a,b:c%25.zone", "line": "3", "col": "5", "endLine": "3", "endColumn": "8", "title": "spf.ip4.invalid (RFC 7208 §5.6)"}, "50% of it\\x0d\nis wrong: a,b::c"},
		{"warning", map[string]string{"file": "zones/x.zone", "line": "2", "endLine": "4", "title": "mx.set.single"}, "two\nlines"},
		{"notice", map[string]string{"file": "zones/x.zone", "title": "report.dkim.none_found"}, "no key: %0A stays"},
		{"error", map[string]string{"file": "zones/x.zone", "line": "1", "col": "1", "endLine": "1", "endColumn": "5", "title": "spf.record.illegal_char"}, `ESC \x1b[2J here`},
	}
	for i, line := range lines {
		a, err := parseCommand(line)
		if err != nil {
			t.Fatal(err)
		}
		if a.command != want[i].command || a.message != want[i].message || !mapsEqual(a.props, want[i].props) {
			t.Errorf("line %d %q reads as %s %v %q\nwant %s %v %q", i+1, line, a.command, a.props, a.message, want[i].command, want[i].props, want[i].message)
		}
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestGitHubGolden reads the golden workflow commands back and finds the
// findings' places in them.
func TestGitHubGolden(t *testing.T) {
	res := checkFile(t, "example.com.zone")
	var out bytes.Buffer
	if err := WriteGitHub(&out, res.Findings); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		a, err := parseCommand(line)
		if err != nil {
			t.Fatal(err)
		}
		f := res.Findings[i]
		if a.props["file"] != f.File || a.props["title"] != strings.TrimSpace(f.Code+" "+parens(f.Ref)) {
			t.Errorf("line %d: %v for %s", i+1, a.props, f.Code)
		}
		if f.Line > 0 && a.props["line"] != strconv.Itoa(f.Line) {
			t.Errorf("line %d: line=%s, want %d", i+1, a.props["line"], f.Line)
		}
	}
}

func parens(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

// TestSARIF validates the SARIF logs against what the SARIF 2.1.0 JSON
// schema (sarif-schema-2.1.0.json, OASIS) requires of the objects mxplain
// writes. No copy of the schema is on this machine and the tests have no
// network, so its rules are written out here: the required properties, the
// enums, the minimums and the formats, and the references between rules
// and results.
func TestSARIF(t *testing.T) {
	logs := map[string][]Finding{"hostile": hostileFindings, "example.com.zone": checkFile(t, "example.com.zone").Findings, "empty": nil}
	for name, fs := range logs {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			if err := WriteSARIF(&out, fs, testTool); err != nil {
				t.Fatal(err)
			}
			var log map[string]any
			if err := json.Unmarshal(out.Bytes(), &log); err != nil {
				t.Fatal(err)
			}
			v := &sarifValidator{t: t}
			v.log(log)
			results := log["runs"].([]any)[0].(map[string]any)["results"].([]any)
			if len(results) != len(fs) {
				t.Errorf("%d results for %d findings", len(results), len(fs))
			}
			for i, r := range results {
				res := r.(map[string]any)
				f := fs[i]
				if res["ruleId"] != f.Code || res["message"].(map[string]any)["text"] != f.Message {
					t.Errorf("result %d is not finding %d (%s)", i, i, f.Code)
				}
				loc := res["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
				region, hasRegion := loc["region"].(map[string]any)
				if hasRegion != (f.Line > 0) {
					t.Errorf("result %d: region %v for a finding at line %d", i, region, f.Line)
				}
				if hasRegion && (region["startLine"] != float64(f.Line) || region["startColumn"] != float64(f.Column) ||
					region["endLine"] != float64(f.EndLine) || region["endColumn"] != float64(f.EndColumn)) {
					t.Errorf("result %d: region %v, want %d:%d-%d:%d", i, region, f.Line, f.Column, f.EndLine, f.EndColumn)
				}
			}
		})
	}
}

type sarifValidator struct{ t *testing.T }

func (v *sarifValidator) errorf(path, format string, args ...any) {
	v.t.Helper()
	v.t.Errorf("%s: "+format, append([]any{path}, args...)...)
}

// object checks that x is an object with the required properties.
func (v *sarifValidator) object(path string, x any, required ...string) map[string]any {
	v.t.Helper()
	m, ok := x.(map[string]any)
	if !ok {
		v.errorf(path, "not an object: %v", x)
		return map[string]any{}
	}
	for _, r := range required {
		if _, ok := m[r]; !ok {
			v.errorf(path, "required property %q missing", r)
		}
	}
	return m
}

func (v *sarifValidator) array(path string, x any, minItems int) []any {
	v.t.Helper()
	a, ok := x.([]any)
	if !ok {
		v.errorf(path, "not an array: %v", x)
	} else if len(a) < minItems {
		v.errorf(path, "fewer than %d items", minItems)
	}
	return a
}

func (v *sarifValidator) integer(path string, x any, minimum int) int {
	v.t.Helper()
	n, ok := x.(float64)
	if !ok || n != float64(int(n)) || int(n) < minimum {
		v.errorf(path, "want an integer >= %d, got %v", minimum, x)
	}
	return int(n)
}

func (v *sarifValidator) uri(path string, x any, absolute bool) {
	v.t.Helper()
	s, ok := x.(string)
	u, err := url.Parse(s)
	if !ok || err != nil || (absolute && !u.IsAbs()) {
		v.errorf(path, "not a URI (format uri%s): %v", map[bool]string{false: "-reference", true: ""}[absolute], x)
	}
}

// message is the schema's message: text or id required.
func (v *sarifValidator) message(path string, x any) {
	v.t.Helper()
	m := v.object(path, x)
	_, text := m["text"].(string)
	_, id := m["id"].(string)
	if !text && !id {
		v.errorf(path, "a message needs text or id")
	}
}

func (v *sarifValidator) log(log map[string]any) {
	v.object("sarifLog", log, "version", "runs")
	if log["version"] != "2.1.0" {
		v.errorf("sarifLog.version", "want the enum value 2.1.0, got %v", log["version"])
	}
	v.uri("sarifLog.$schema", log["$schema"], true)
	for i, r := range v.array("sarifLog.runs", log["runs"], 0) {
		path := fmt.Sprintf("runs[%d]", i)
		run := v.object(path, r, "tool")
		if ck, ok := run["columnKind"]; ok && ck != "utf16CodeUnits" && ck != "unicodeCodePoints" {
			v.errorf(path+".columnKind", "not in the enum: %v", ck)
		}
		tool := v.object(path+".tool", run["tool"], "driver")
		driver := v.object(path+".tool.driver", tool["driver"], "name")
		if u, ok := driver["informationUri"]; ok {
			v.uri(path+".tool.driver.informationUri", u, true)
		}
		var ids []string
		for j, r := range v.array(path+".tool.driver.rules", driver["rules"], 0) {
			rp := fmt.Sprintf("%s.tool.driver.rules[%d]", path, j)
			rule := v.object(rp, r, "id")
			id, _ := rule["id"].(string)
			if slices.Contains(ids, id) {
				v.errorf(rp, "rule id %q twice", id)
			}
			ids = append(ids, id)
			if u, ok := rule["helpUri"]; ok {
				v.uri(rp+".helpUri", u, true)
			}
			for _, p := range []string{"shortDescription", "fullDescription", "help"} {
				if d, ok := rule[p]; ok {
					v.object(rp+"."+p, d, "text") // multiformatMessageString
				}
			}
			if c, ok := rule["defaultConfiguration"]; ok {
				v.level(rp+".defaultConfiguration.level", v.object(rp+".defaultConfiguration", c)["level"])
			}
		}
		for j, r := range v.array(path+".results", run["results"], 0) {
			rp := fmt.Sprintf("%s.results[%d]", path, j)
			res := v.object(rp, r, "message")
			v.message(rp+".message", res["message"])
			v.level(rp+".level", res["level"])
			if ri, ok := res["ruleIndex"]; ok {
				n := v.integer(rp+".ruleIndex", ri, -1)
				if n >= len(ids) || (n >= 0 && ids[n] != res["ruleId"]) {
					v.errorf(rp+".ruleIndex", "%d does not name rule %v", n, res["ruleId"])
				}
			}
			for k, l := range v.array(rp+".locations", res["locations"], 0) {
				lp := fmt.Sprintf("%s.locations[%d].physicalLocation", rp, k)
				phys := v.object(lp, v.object(lp, l)["physicalLocation"])
				_, art := phys["artifactLocation"]
				_, addr := phys["address"]
				if !art && !addr {
					v.errorf(lp, "needs artifactLocation or address (anyOf)")
				}
				v.uri(lp+".artifactLocation.uri", v.object(lp+".artifactLocation", phys["artifactLocation"])["uri"], false)
				if reg, ok := phys["region"]; ok {
					region := v.object(lp+".region", reg)
					for _, p := range []string{"startLine", "startColumn", "endLine", "endColumn"} {
						if x, ok := region[p]; ok {
							v.integer(lp+".region."+p, x, 1)
						}
					}
					if region["endLine"].(float64) < region["startLine"].(float64) ||
						region["endLine"] == region["startLine"] && region["endColumn"].(float64) < region["startColumn"].(float64) {
						v.errorf(lp+".region", "ends before it starts: %v", region)
					}
				}
			}
		}
	}
}

func (v *sarifValidator) level(path string, x any) {
	v.t.Helper()
	if x == nil {
		return
	}
	if !slices.Contains([]any{"none", "note", "warning", "error"}, x) {
		v.errorf(path, "not in the enum: %v", x)
	}
}
