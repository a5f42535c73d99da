package analysis

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/internal/frame"
)

// KWICOptions configures a keyword-in-context concordance.
type KWICOptions struct {
	Pattern     string // a Go regular expression (RE2); prefix (?i) to ignore case
	Window      int    // words of context on each side (0: the match alone)
	Filter      Filter // selects the responses whose quotes are searched
	Accusations bool   // also search the accusations' key quotes (not filtered)
	// Codes keeps only the quotes that evidence at least one of these
	// strategies (their codes); empty keeps every quote.
	Codes []string
}

// KWIC finds every match of a pattern in the quotes and shows it with the
// words around it, the classic concordance view for reading how a phrase
// ("non-existent", "provocation", "Russophobic") is used across cases.
// One row per match, in quote order. Columns: quote_id, unit_id, case_id,
// source_id, left, match, right, and codes: the strategies the quote
// evidences, so that a reader sees which words back which code.
func KWIC[S Source](src S, opts KWICOptions) (dataframe.DataFrame, error) {
	c, err := columnsOf(src, opts.Filter)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	return c.KWIC(opts)
}

// KWIC searches the quotes of the columns' responses.
//
// Deprecated: call analysis.KWIC(c, ...) instead: one function serves a
// dataset, its columns and a Parquet directory alike.
func (c *Columns) KWIC(opts KWICOptions) (dataframe.DataFrame, error) {
	if opts.Pattern == "" {
		return dataframe.DataFrame{}, fmt.Errorf("empty pattern")
	}
	re, err := regexp.Compile(opts.Pattern)
	if err != nil {
		return dataframe.DataFrame{}, fmt.Errorf("bad pattern: %w", err)
	}
	window := opts.Window
	if window < 0 {
		return dataframe.DataFrame{}, fmt.Errorf("window must not be negative, not %d", window)
	}
	rows, err := c.Select(opts.Filter)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	quotes, err := c.quoteRows()
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	selected := make([]bool, c.N)
	for _, i := range rows {
		selected[i] = true
	}
	var qid, unit, cas, src, left, match, right, codes []string
	for _, q := range quotes {
		if (q.response < 0 && !opts.Accusations) || (q.response >= 0 && !selected[q.response]) {
			continue
		}
		if len(opts.Codes) > 0 && !evidencesAny(q.codes, opts.Codes) {
			continue
		}
		for _, loc := range re.FindAllStringIndex(q.text, -1) {
			if loc[0] == loc[1] {
				continue // an empty match shows nothing
			}
			qid, unit, cas, src = append(qid, q.id), append(unit, q.unit), append(cas, q.caseID), append(src, q.sourceID)
			left = append(left, lastWords(q.text[:loc[0]], window))
			match = append(match, q.text[loc[0]:loc[1]])
			right = append(right, firstWords(q.text[loc[1]:], window))
			codes = append(codes, q.codes)
		}
	}
	if len(qid) == 0 {
		return dataframe.DataFrame{}, fmt.Errorf("%w: no quote matches %q (%s)", ErrEmptySelection, opts.Pattern, opts.Filter)
	}
	return frame.New(
		series.New(qid, series.String, "quote_id"),
		series.New(unit, series.String, "unit_id"),
		series.New(cas, series.String, "case_id"),
		series.New(src, series.String, "source_id"),
		series.New(left, series.String, "left"),
		series.New(match, series.String, "match"),
		series.New(right, series.String, "right"),
		series.New(codes, series.String, "codes"),
	)
}

// evidencesAny reports whether a quote's codes (joined by "; ") include
// any of want.
func evidencesAny(codes string, want []string) bool {
	for _, c := range strings.Split(codes, "; ") {
		if slices.Contains(want, c) {
			return true
		}
	}
	return false
}

// lastWords returns the last n words of s, keeping a word the match cuts
// through whole.
func lastWords(s string, n int) string {
	words := strings.Fields(s)
	cut := len(s) > 0 && !isSpace(s[len(s)-1]) // the match starts inside a word
	if cut && len(words) > 0 {
		n++
	}
	if len(words) > n {
		words = words[len(words)-n:]
	}
	out := strings.Join(words, " ")
	if cut {
		return out
	}
	return strings.TrimSpace(out)
}

// firstWords returns the first n words of s.
func firstWords(s string, n int) string {
	words := strings.Fields(s)
	if len(s) > 0 && !isSpace(s[0]) {
		n++ // the match ends inside a word: keep its rest
	}
	if len(words) > n {
		words = words[:n]
	}
	return strings.Join(words, " ")
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }
