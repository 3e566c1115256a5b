package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

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

// sarifSchema compiles testdata/sarif-schema-2.1.0.json, the OASIS SARIF
// 2.1.0 schema (its origin and terms are in testdata/README.md), as JSON
// Schema draft-04, which asserts formats (uri, uri-reference, date-time).
// The schema is a resource under its own id and the compiler has no
// loader: a reference to anything else (the web) fails to compile rather
// than being fetched. The draft-04 meta-schema is built into the library.
func sarifSchema(t *testing.T) (*jsonschema.Compiler, *jsonschema.Schema) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := doc.(map[string]any)["id"].(string)
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	c.UseLoader(jsonschema.SchemeURLLoader{})
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	return c, schema
}

// validateSARIF validates a log's bytes against the schema.
func validateSARIF(schema *jsonschema.Schema, raw []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	return schema.Validate(inst)
}

// TestSARIF validates every SARIF log the tests write (the hostile
// findings, none, odd file names, the golden zones') and the golden logs
// against the SARIF 2.1.0 schema, then checks what the schema cannot say.
func TestSARIF(t *testing.T) {
	_, schema := sarifSchema(t)
	abs, err := filepath.Abs(filepath.Join("testdata", "x y#1?.zone"))
	if err != nil {
		t.Fatal(err)
	}
	logs := map[string][]Finding{"hostile": hostileFindings, "empty": nil, "odd file names": {
		{File: abs, Line: 1, Column: 1, EndLine: 1, EndColumn: 2, Severity: explain.Error, Code: "spf.record.illegal_char", Message: "absolute"},
		{File: "a:b.zone", Severity: explain.Info, Code: "report.dkim.none_found", Message: "a colon in the first segment"},
	}}
	for _, zone := range goldenZones {
		logs[zone] = checkFile(t, zone).Findings
	}
	for name, fs := range logs {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			if err := WriteSARIF(&out, fs, testTool); err != nil {
				t.Fatal(err)
			}
			if err := validateSARIF(schema, out.Bytes()); err != nil {
				t.Fatalf("not a valid SARIF 2.1.0 log: %v\n%s", err, out.Bytes())
			}
			checkSARIF(t, out.Bytes(), fs)
		})
	}
	goldens, err := filepath.Glob(filepath.Join("testdata", "golden", "*.sarif"))
	if err != nil || len(goldens) != len(goldenZones) {
		t.Fatalf("golden SARIF logs %v (%v), want one a zone of %v", goldens, err, goldenZones)
	}
	for _, golden := range goldens {
		t.Run(golden, func(t *testing.T) {
			raw, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if err := validateSARIF(schema, raw); err != nil {
				t.Errorf("not a valid SARIF 2.1.0 log: %v", err)
			}
		})
	}
}

// sarifView is what checkSARIF reads of a log the schema has validated.
type sarifView struct {
	Runs []struct {
		Tool struct {
			Driver struct{ Rules []struct{ ID string } }
		}
		Results *[]struct {
			RuleID    string
			RuleIndex *int
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI, URIBaseID string }
					Region           *struct{ StartLine, StartColumn, EndLine, EndColumn int }
				}
			}
		}
	}
}

// checkSARIF checks what the schema cannot express: one run, whose results
// are there (empty for no findings) and are the findings, in order, one to
// one: their rule, message, file (the URI names the finding's file,
// relative or file:) and region (absent without a line, the finding's
// lines and columns otherwise, not ending before it starts); each rule
// once, and each ruleIndex naming its result's rule.
func checkSARIF(t *testing.T, raw []byte, fs []Finding) {
	t.Helper()
	var log sarifView
	if err := json.Unmarshal(raw, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || log.Runs[0].Results == nil {
		t.Fatalf("want one run with results:\n%s", raw)
	}
	run := log.Runs[0]
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		if slices.Contains(ids, r.ID) {
			t.Errorf("rule %q twice", r.ID)
		}
		ids = append(ids, r.ID)
	}
	results := *run.Results
	if len(results) != len(fs) {
		t.Fatalf("%d results for %d findings", len(results), len(fs))
	}
	for i, res := range results {
		f := fs[i]
		if res.RuleID != f.Code || res.Message.Text != f.Message {
			t.Errorf("result %d is not finding %d (%s)", i, i, f.Code)
		}
		n := -1 // SARIF's default: no index given
		if res.RuleIndex != nil {
			n = *res.RuleIndex
		}
		if n < 0 || n >= len(ids) || ids[n] != f.Code {
			t.Errorf("result %d: ruleIndex %d does not name rule %s of %v", i, n, f.Code, ids)
		}
		if len(res.Locations) != 1 {
			t.Errorf("result %d: %d locations, want 1", i, len(res.Locations))
			continue
		}
		loc := res.Locations[0].PhysicalLocation
		scheme := map[bool]string{true: "file"}[filepath.IsAbs(f.File)]
		if u, err := url.Parse(loc.ArtifactLocation.URI); err != nil || u.Scheme != scheme || u.Opaque != "" ||
			u.RawQuery != "" || u.Fragment != "" || path.Clean(u.Path) != path.Clean(filepath.ToSlash(f.File)) {
			t.Errorf("result %d: uri %q does not name the file %q", i, loc.ArtifactLocation.URI, f.File)
		}
		if base := map[bool]string{false: srcRoot}[filepath.IsAbs(f.File)]; loc.ArtifactLocation.URIBaseID != base {
			t.Errorf("result %d: uriBaseId %q for %q, want %q", i, loc.ArtifactLocation.URIBaseID, f.File, base)
		}
		region := loc.Region
		if (region != nil) != (f.Line > 0) {
			t.Errorf("result %d: region %v for a finding at line %d", i, region, f.Line)
			continue
		}
		if region == nil {
			continue
		}
		if *region != struct{ StartLine, StartColumn, EndLine, EndColumn int }{f.Line, f.Column, f.EndLine, f.EndColumn} {
			t.Errorf("result %d: region %v, want %d:%d-%d:%d", i, *region, f.Line, f.Column, f.EndLine, f.EndColumn)
		}
		if region.EndLine < region.StartLine || region.EndLine == region.StartLine && region.EndColumn < region.StartColumn {
			t.Errorf("result %d: region %v ends before it starts", i, *region)
		}
	}
}

// TestSARIFSchema: the schema catches a log that breaks it, and the
// compiler fetches nothing.
func TestSARIFSchema(t *testing.T) {
	c, schema := sarifSchema(t)
	var out bytes.Buffer
	if err := WriteSARIF(&out, checkFile(t, "example.com.zone").Findings, testTool); err != nil {
		t.Fatal(err)
	}
	if err := validateSARIF(schema, out.Bytes()); err != nil {
		t.Fatalf("the log to break is not valid already: %v", err)
	}
	at := func(log map[string]any, keys ...any) map[string]any {
		var v any = log
		for _, k := range keys {
			switch k := k.(type) {
			case string:
				v = v.(map[string]any)[k]
			case int:
				v = v.([]any)[k]
			}
		}
		return v.(map[string]any)
	}
	result := []any{"runs", 0, "results", 0}
	phys := append(slices.Clone(result), "locations", 0, "physicalLocation")
	broken := map[string]func(log map[string]any){
		"no runs":                func(log map[string]any) { delete(log, "runs") },
		"version 2.0.0":          func(log map[string]any) { log["version"] = "2.0.0" },
		"a property SARIF lacks": func(log map[string]any) { log["findings"] = []any{} },
		"$schema not a URI":      func(log map[string]any) { log["$schema"] = "sarif 2.1.0" },
		"no tool":                func(log map[string]any) { delete(at(log, "runs", 0), "tool") },
		"no driver name":         func(log map[string]any) { delete(at(log, "runs", 0, "tool", "driver"), "name") },
		"columnKind bytes":       func(log map[string]any) { at(log, "runs", 0)["columnKind"] = "bytes" },
		"level fatal":            func(log map[string]any) { at(log, result...)["level"] = "fatal" },
		"rule level fatal": func(log map[string]any) {
			at(log, "runs", 0, "tool", "driver", "rules", 0, "defaultConfiguration")["level"] = "fatal"
		},
		"ruleIndex -2":                func(log map[string]any) { at(log, result...)["ruleIndex"] = json.Number("-2") },
		"ruleIndex 1.5":               func(log map[string]any) { at(log, result...)["ruleIndex"] = json.Number("1.5") },
		"message neither text nor id": func(log map[string]any) { at(log, result...)["message"] = map[string]any{} },
		"no message":                  func(log map[string]any) { delete(at(log, result...), "message") },
		"location without artifact":   func(log map[string]any) { delete(at(log, phys...), "artifactLocation") },
		"uri not a URI reference":     func(log map[string]any) { at(log, append(phys, "artifactLocation")...)["uri"] = "zones/%zz.zone" },
		"startLine 0":                 func(log map[string]any) { at(log, append(phys, "region")...)["startLine"] = json.Number("0") },
		"endColumn a string":          func(log map[string]any) { at(log, append(phys, "region")...)["endColumn"] = "9" },
		"helpUri relative":            func(log map[string]any) { at(log, "runs", 0, "tool", "driver", "rules", 0)["helpUri"] = "rfc7208" },
		"shortDescription without text": func(log map[string]any) {
			at(log, "runs", 0, "tool", "driver", "rules", 0)["shortDescription"] = map[string]any{}
		},
	}
	for name, breakIt := range broken {
		t.Run(name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			breakIt(inst.(map[string]any))
			var verr *jsonschema.ValidationError
			if err := schema.Validate(inst); !errors.As(err, &verr) {
				t.Errorf("the schema takes it (%v)", err)
			}
		})
	}
	t.Run("nothing is fetched", func(t *testing.T) {
		const elsewhere = "https://json.schemastore.org/sarif-2.1.0.json" // the $schema the logs name
		var lerr *jsonschema.LoadURLError
		var none *jsonschema.UnsupportedURLSchemeError
		if _, err := c.Compile(elsewhere); !errors.As(err, &lerr) || !errors.As(lerr.Err, &none) {
			t.Errorf("compiling %s: %v, want no loader for https", elsewhere, err)
		}
	})
}
