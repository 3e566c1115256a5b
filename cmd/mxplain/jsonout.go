package main

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/mxplain/mxplain/parsers/explain"
)

// writeExplanation writes ex as the JSON contract, byte for byte what
// json.Encoder with SetIndent("", "  ") writes, but one record at a time:
// the encoder would hold the whole document twice (compact, then indented)
// besides the explanation, about 470 times the input for a large zone.
func writeExplanation(w io.Writer, ex explain.Explanation) error {
	bw := bufio.NewWriter(w)
	input, err := json.Marshal(ex.Input)
	if err != nil {
		return err
	}
	bw.WriteString("{\n  \"input\": ")
	bw.Write(input)
	bw.WriteString(",\n  \"records\": ")
	if ex.Records == nil {
		bw.WriteString("null")
	} else {
		bw.WriteString("[")
		for i, r := range ex.Records {
			if i > 0 {
				bw.WriteString(",")
			}
			b, err := json.MarshalIndent(r, "    ", "  ")
			if err != nil {
				return err
			}
			bw.WriteString("\n    ")
			bw.Write(b)
		}
		if len(ex.Records) > 0 {
			bw.WriteString("\n  ")
		}
		bw.WriteString("]")
	}
	if len(ex.Skipped) > 0 {
		b, err := json.MarshalIndent(ex.Skipped, "  ", "  ")
		if err != nil {
			return err
		}
		bw.WriteString(",\n  \"skipped\": ")
		bw.Write(b)
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}
