package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/mxplain/mxplain/internal/terminal"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Formats are the names of the output formats, for --format.
var Formats = []string{"text", "json", "github", "sarif"}

// Write writes res in format (one of Formats); tool names the program in
// SARIF.
func Write(w io.Writer, format string, res Result, tool Tool) error {
	switch format {
	case "text":
		return WriteText(w, res.Findings)
	case "json":
		return WriteJSON(w, res)
	case "github":
		return WriteGitHub(w, res.Findings)
	case "sarif":
		return WriteSARIF(w, res.Findings, tool)
	}
	return fmt.Errorf("lint: unknown format %q", format)
}

// WriteText writes one line a finding, "file:line:col: severity: message
// [code]" (the form compilers use, that editors jump to), with "file:" alone
// for a finding about no bytes. Text from the files shows its control
// bytes as escapes (terminal.Visible).
func WriteText(w io.Writer, fs []Finding) error {
	for _, f := range fs {
		where := f.File + ":"
		if f.Line > 0 {
			where += fmt.Sprintf("%d:%d:", f.Line, f.Column)
		}
		if _, err := fmt.Fprintf(w, "%s %s: %s [%s]\n", terminal.Visible(where), f.Severity, terminal.Visible(f.Message), f.Code); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes the result as one JSON document (Result's fields).
func WriteJSON(w io.Writer, res Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

// githubLevels are the workflow commands for each severity.
var githubLevels = map[explain.Severity]string{explain.Error: "error", explain.Warning: "warning", explain.Info: "notice"}

// WriteGitHub writes GitHub Actions workflow commands, one a finding:
//
//	::error file=F,line=L,col=C,endLine=L,endColumn=C,title=CODE (REF)::MESSAGE
//
// which the runner turns into annotations on the lines of the file. GitHub
// reads columns only on one line, so a finding over several lines has
// lines only; endColumn is the column of the finding's last character
// (GitHub's endColumn defaults to col: one character).
// Values are escaped as @actions/core's escapeData and escapeProperty do
// (%, CR and LF, and in properties also ":" and ","), and the message's
// control bytes other than its line breaks are shown as escapes, as in
// every human output (the runner prints annotations in the job's log).
func WriteGitHub(w io.Writer, fs []Finding) error {
	for _, f := range fs {
		props := []string{"file=" + escapeProperty(f.File)}
		if f.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", f.Line))
			if f.EndLine == f.Line {
				props = append(props, fmt.Sprintf("col=%d", f.Column))
			}
			props = append(props, fmt.Sprintf("endLine=%d", f.EndLine))
			if f.EndLine == f.Line {
				props = append(props, fmt.Sprintf("endColumn=%d", max(f.Column, f.EndColumn-1)))
			}
		}
		title := f.Code
		if f.Ref != "" {
			title += " (" + f.Ref + ")"
		}
		props = append(props, "title="+escapeProperty(title))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", githubLevels[f.Severity], strings.Join(props, ","), escapeData(visibleLines(f.Message))); err != nil {
			return err
		}
	}
	return nil
}

// visibleLines is s made visible line by line: its line breaks are kept
// (an annotation may hold several lines), every other control byte shows.
func visibleLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = terminal.Visible(l)
	}
	return strings.Join(lines, "\n")
}

// escapeData escapes a workflow command's message (@actions/core's
// escapeData).
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value (@actions/core's
// escapeProperty).
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// Tool names the program in a SARIF log.
type Tool struct {
	Name, Version, InformationURI string
}

// The SARIF 2.1.0 log (OASIS SARIF 2.1.0 §3), with the properties mxplain
// fills.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string        `json:"id"`
		ShortDescription     sarifText     `json:"shortDescription"`
		HelpURI              string        `json:"helpUri,omitempty"`
		Help                 *sarifText    `json:"help,omitempty"`
		DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
	}
	sarifRuleConf struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID    string          `json:"ruleId"`
		RuleIndex int             `json:"ruleIndex"`
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"` // srcRoot for a relative uri
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
)

// sarifLevels are SARIF's levels for each severity (§3.27.10).
var sarifLevels = map[explain.Severity]string{explain.Error: "error", explain.Warning: "warning", explain.Info: "note"}

// WriteSARIF writes a SARIF 2.1.0 log for code-scanning tools (GitHub's
// upload-sarif): one rule a finding code, with its RFC section as help and
// a link to it, and one result a finding, with its region (columns in
// UTF-16 code units, the default columnKind, stated in the run).
func WriteSARIF(w io.Writer, fs []Finding, tool Tool) error {
	run := sarifRun{Tool: sarifTool{Driver: sarifDriver{Name: tool.Name, Version: tool.Version, InformationURI: tool.InformationURI, Rules: []sarifRule{}}},
		ColumnKind: "utf16CodeUnits", Results: []sarifResult{}}
	index := map[string]int{}
	for _, f := range fs {
		i, ok := index[f.Code]
		if !ok {
			i = len(run.Tool.Driver.Rules)
			index[f.Code] = i
			rule := sarifRule{ID: f.Code, ShortDescription: sarifText{f.Code}, DefaultConfiguration: sarifRuleConf{sarifLevels[f.Severity]}}
			if f.Ref != "" {
				rule.HelpURI = refURL(f.Ref)
				rule.Help = &sarifText{"Defined by " + f.Ref + "."}
			}
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, rule)
		}
		loc := sarifPhysical{ArtifactLocation: fileArtifact(f.File)}
		if f.Line > 0 {
			loc.Region = &sarifRegion{f.Line, f.Column, f.EndLine, f.EndColumn}
		}
		run.Results = append(run.Results, sarifResult{RuleID: f.Code, RuleIndex: i, Level: sarifLevels[f.Severity],
			Message: sarifText{f.Message}, Locations: []sarifLocation{{loc}}})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// srcRoot is the base of relative artifact URIs: the directory lint ran
// in, the repository's root in CI (SARIF §3.4.4 asks for a uriBaseId on a
// relative uri; code scanning resolves it against the checkout).
const srcRoot = "%SRCROOT%"

// fileArtifact is a file name as an artifact location: a relative path
// stays relative, to srcRoot; an absolute one is a file: URI.
func fileArtifact(name string) sarifArtifact {
	p := filepath.ToSlash(name)
	if filepath.IsAbs(name) {
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	return sarifArtifact{URI: (&url.URL{Path: p}).String(), URIBaseID: srcRoot}
}

var rfcRef = regexp.MustCompile(`RFC (\d+)(?: §([0-9.]*[0-9]))?`)

// refURL links the first RFC (and section) a reference names, "" when it
// names none (a draft).
func refURL(ref string) string {
	m := rfcRef.FindStringSubmatch(ref)
	if m == nil {
		return ""
	}
	u := "https://www.rfc-editor.org/rfc/rfc" + m[1]
	if m[2] != "" {
		u += "#section-" + m[2]
	}
	return u
}
