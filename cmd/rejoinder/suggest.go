package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/exports"
	"github.com/rejoinder/rejoinder/internal/atomicfile"
	"github.com/rejoinder/rejoinder/suggest"
)

func newSuggestCmd() *cobra.Command {
	var dataDir, file, format, out string
	var responses, evaluate bool
	cmd := &cobra.Command{
		Use:   "suggest [TEXT | --file F | --responses | --evaluate]",
		Short: "Suggest strategy codes for statements, with the words that triggered them",
		Long: `suggest runs the dictionary coder: each strategy code of the codebook has a
lexicon of cues; a cue that matches (and is not negated just before it)
suggests its code. For each statement it prints the codes and the words that
triggered them. Text that is not English is reported as not coded.

Input: a TEXT argument; --file F with plain text (one statement per
paragraph, separated by blank lines) or JSON lines ({"id": ..., "text": ...});
or --responses, the dataset's responses (their quotes). --format json gives a
JSON array, like every other command, of one object per statement: {"id",
"codes", "evidence", "language", "coded"}; --format jsonl gives the same
objects one a line (JSON Lines), for streaming.

--evaluate runs leave-one-case-out evaluation on the dataset and prints
EVALUATION.md (or writes it with --out).`,
		Example: `  rejoinder suggest "These groundless allegations are a smear campaign."
  rejoinder suggest --file statements.txt --format json
  rejoinder suggest --responses --format jsonl | jq -c 'select(.coded)'
  rejoinder suggest --responses
  rejoinder suggest --evaluate --out EVALUATION.md`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			modes := 0
			for _, on := range []bool{len(a) == 1, file != "", responses, evaluate} {
				if on {
					modes++
				}
			}
			if modes != 1 {
				return usageError{fmt.Errorf("give one of: TEXT, --file, --responses, --evaluate")}
			}
			if !slices.Contains(suggestFormats, format) {
				return usageError{fmt.Errorf("unknown --format %q (allowed: %s)", format, strings.Join(suggestFormats, ", "))}
			}
			ds, err := loadData(dataDir)
			if err != nil {
				return err
			}
			if evaluate {
				ev, err := suggest.Evaluate(ds)
				if err != nil {
					return err
				}
				if out == "" {
					return ev.WriteMarkdown(cmd.OutOrStdout(), ds)
				}
				if err := atomicfile.Write(out, func(w io.Writer) error { return ev.WriteMarkdown(w, ds) }); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "wrote %s (macro-F1 %.3f)\n", out, ev.MacroF1)
				return nil
			}
			var inputs [][2]string // id, text
			switch {
			case len(a) == 1:
				inputs = [][2]string{{"1", a[0]}}
			case responses:
				for i := range ds.Responses {
					r := &ds.Responses[i]
					inputs = append(inputs, [2]string{r.ResponseID, suggest.Text(r)})
				}
			default:
				if inputs, err = readStatements(file); err != nil {
					return err
				}
			}
			coder, err := suggest.New(ds.Codebook, "", nil)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if format != exports.FormatTable {
				return writeSuggestionsJSON(w, coder, inputs, format == formatJSONL)
			}
			for _, in := range inputs {
				s := coder.Suggest(in[0], in[1])
				if !s.Coded {
					fmt.Fprintf(w, "%s\tnot coded: %s\n", s.ID, s.Reason)
					continue
				}
				var parts []string
				for _, code := range s.Codes {
					parts = append(parts, fmt.Sprintf("%s (%s)", code, strings.Join(s.Evidence[code], ", ")))
				}
				if len(parts) == 0 {
					parts = []string{"no suggestion"}
				}
				fmt.Fprintf(w, "%s\t%s\n", s.ID, strings.Join(parts, "; "))
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&dataDir, "data", "", "directory of YAML records or Parquet files (default: the embedded dataset)")
	fl.StringVar(&file, "file", "", "statements: plain text (paragraphs) or JSON lines with id and text")
	fl.BoolVar(&responses, "responses", false, "suggest codes for the dataset's responses")
	fl.BoolVar(&evaluate, "evaluate", false, "leave-one-case-out evaluation on the dataset")
	fl.StringVar(&out, "out", "", "--evaluate: write the report to this file")
	fl.StringVar(&format, "format", exports.FormatTable, "output format: "+strings.Join(suggestFormats, ", "))
	return cmd
}

// formatJSONL is suggest's JSON Lines output: one object a line.
const formatJSONL = "jsonl"

// suggestFormats are suggest's output formats: json is an array, as every
// command's json is; jsonl is for streaming into line-oriented tools.
var suggestFormats = []string{exports.FormatTable, exports.FormatJSON, formatJSONL}

// writeSuggestionsJSON writes one object per statement: as a JSON array
// laid out as exports.WriteFrame lays out its arrays (an object a line),
// or, with lines, as JSON Lines.
func writeSuggestionsJSON(w io.Writer, coder *suggest.Coder, inputs [][2]string, lines bool) error {
	bw := bufio.NewWriter(w)
	if !lines {
		bw.WriteString("[")
	}
	for i, in := range inputs {
		b, err := json.Marshal(coder.Suggest(in[0], in[1]))
		if err != nil {
			return err
		}
		switch {
		case lines:
		case i > 0:
			bw.WriteString(",\n  ")
		default:
			bw.WriteString("\n  ")
		}
		bw.Write(b)
		if lines {
			bw.WriteString("\n")
		}
	}
	if !lines {
		bw.WriteString("\n]\n")
	}
	return bw.Flush()
}

// readStatements reads plain text (statements separated by blank lines,
// numbered from 1) or JSON lines with "id" and "text".
func readStatements(path string) ([][2]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	text := strings.TrimSpace(string(b))
	if strings.HasPrefix(text, "{") {
		var out [][2]string
		sc := bufio.NewScanner(strings.NewReader(text))
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for line := 1; sc.Scan(); line++ {
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			var rec struct{ ID, Text string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				return nil, fmt.Errorf("%s:%d: %v (want a JSON object with id and text)", path, line, err)
			}
			if rec.ID == "" {
				rec.ID = fmt.Sprint(line)
			}
			out = append(out, [2]string{rec.ID, rec.Text})
		}
		return out, sc.Err()
	}
	var out [][2]string
	for i, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, [2]string{fmt.Sprint(i + 1), strings.Join(strings.Fields(p), " ")})
		}
	}
	return slices.Clip(out), nil
}
