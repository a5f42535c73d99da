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

	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/exports"
	"github.com/rejoinder/rejoinder/internal/atomicfile"
	"github.com/rejoinder/rejoinder/suggest"
)

func newSuggestCmd() *cobra.Command {
	var dataDir, file, format, out string
	var responses, evaluate bool
	var minProbability float64
	cmd := &cobra.Command{
		Use:   "suggest [TEXT | --file F | --responses | --evaluate]",
		Short: "Suggest strategy codes for statements, with the words that triggered them",
		Long: `suggest codes statements with the model learned from the dataset's coded
quotes (see EVALUATION.md for how well it does on cases it never saw): for each
statement it prints the codes whose probability reaches the cut, each with its
probability and the words or phrases that raised it. The cut is each code's
threshold fitted on held-out training cases, or --min-probability P for all
codes. A statement with text whose codes all fall below the cut still gets its
most likely codes, marked "low confidence". English, Russian and the other
languages with enough training quotes are coded (EVALUATION.md lists them);
text in other languages is reported as not coded. Free text is split into
sentences, and a code's probability is the largest over them; a dataset
response is read quote by quote.

Input: a TEXT argument; --file F with plain text (one statement per
paragraph, separated by blank lines) or JSON lines ({"id": ..., "text": ...});
or --responses, the dataset's responses (their quotes). --format json gives a
JSON array, like every other command, of one object per statement: {"id",
"codes", "evidence", "language", "coded", "probabilities", "low_confidence"};
--format jsonl gives the same objects one a line (JSON Lines), for streaming.

--evaluate runs leave-one-case-out evaluation on the dataset (everything
fitted inside the folds) and prints EVALUATION.md (or writes it with --out).
On the embedded dataset it also scores the two independent coders of each
response against each other (the published codings), the reference the
model is read against; with --data it does not, since the published codings
are the embedded dataset's.`,
		Example: `  rejoinder suggest "These groundless allegations are a smear campaign."
  rejoinder suggest --file statements.txt --format json
  rejoinder suggest --responses --format jsonl | jq -c 'select(.coded)'
  rejoinder suggest --responses --min-probability 0.3
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
			if minProbability < 0 || minProbability >= 1 {
				return usageError{fmt.Errorf("--min-probability %v: want a probability from 0 (the fitted thresholds) up to, not including, 1", minProbability)}
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
				if dataDir == "" {
					codings, err := coding.Published()
					if err != nil {
						return err
					}
					ev.CompareCoders(codings)
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
			var inputs []suggestInput
			switch {
			case len(a) == 1:
				inputs = []suggestInput{{id: "1", text: a[0]}}
			case responses:
				for i := range ds.Responses {
					r := &ds.Responses[i]
					inputs = append(inputs, suggestInput{id: r.ResponseID, quotes: suggest.Quotes(r), isQuotes: true})
				}
			default:
				statements, err := readStatements(file)
				if err != nil {
					return err
				}
				for _, st := range statements {
					inputs = append(inputs, suggestInput{id: st[0], text: st[1]})
				}
			}
			model, err := suggestModel(dataDir, ds)
			if err != nil {
				return err
			}
			model.MinProbability = minProbability
			w := cmd.OutOrStdout()
			if format != exports.FormatTable {
				return writeSuggestionsJSON(w, model, inputs, format == formatJSONL)
			}
			for _, in := range inputs {
				fmt.Fprintf(w, "%s\t%s\n", in.id, suggestionLine(in.suggest(model)))
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
	fl.Float64Var(&minProbability, "min-probability", 0, "suggest the codes whose probability reaches P (default: each code's fitted threshold)")
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
func writeSuggestionsJSON(w io.Writer, model *suggest.Model, inputs []suggestInput, lines bool) error {
	bw := bufio.NewWriter(w)
	if !lines {
		bw.WriteString("[")
	}
	for i, in := range inputs {
		b, err := json.Marshal(in.suggest(model))
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

// suggestInput is one statement to code: free text, or a dataset
// response's quotes.
type suggestInput struct {
	id, text string
	quotes   []string
	isQuotes bool
}

func (in suggestInput) suggest(m *suggest.Model) suggest.Suggestion {
	if in.isQuotes {
		return m.SuggestQuotes(in.id, in.quotes)
	}
	return m.Suggest(in.id, in.text)
}

// suggestModel is the model fitted on the embedded dataset (built once),
// or on the dataset of --data.
func suggestModel(dataDir string, ds *dataset.Dataset) (*suggest.Model, error) {
	if dataDir == "" {
		return suggest.Default()
	}
	return suggest.FitDataset(ds)
}

// suggestionLine is a suggestion as the table shows it: each code with
// its probability and the words behind it, most likely first.
func suggestionLine(s suggest.Suggestion) string {
	if !s.Coded {
		return "not coded: " + s.Reason
	}
	var parts []string
	for _, code := range s.Codes {
		words := strings.Join(s.Evidence[code], ", ")
		if words == "" {
			words = "no telling words"
		}
		parts = append(parts, fmt.Sprintf("%s %.2f (%s)", code, s.Probabilities[code], words))
	}
	line := strings.Join(parts, "; ")
	if s.LowConfidence {
		line = "low confidence, none reaches the cut: " + line
	}
	return line
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
