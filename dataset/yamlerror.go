package dataset

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rejoinder/rejoinder/schema"
	"go.yaml.in/yaml/v3"
)

// yaml.v3 reports a syntax error as "yaml: line N: problem", where N is
// sometimes the line of the problem and sometimes the 0-based line of the
// collection it was parsing (the line before it starts); the column is
// not given at all, and a problem with the bytes themselves has no line.
// syntaxError finds the line by parsing prefixes of the file, then the
// column and a hint from the problem and the line's text.

var yamlProblem = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// syntaxError turns yaml.v3's error for data into a problem at the
// offending file:line:column, with the line, a caret and a hint.
func syntaxError(file string, data []byte, err error) *schema.FieldError {
	problem, noLine := err.Error(), false
	if m := yamlProblem.FindStringSubmatch(problem); m != nil {
		// The line yaml.v3 names is not used (see firstFailingLine); a
		// problem without one is a problem with the bytes, or an alias.
		problem, noLine = m[2], m[1] == ""
	}
	lines := strings.Split(string(data), "\n")
	line, col, hint := 0, 0, ""
	if l, c, ok := badBytes(lines); ok && noLine {
		line, col, hint = l, c, "the file must be UTF-8 text without control characters; save it as UTF-8"
	} else {
		line = firstFailingLine(lines, err.Error())
		col, hint = explain(problem, lines, line)
	}
	fe := &schema.FieldError{File: file, Line: line, Column: col, Err: schema.ErrSyntax, Detail: problem}
	if hint != "" {
		fe.Detail += "; " + hint
	}
	if line > 0 {
		fe.Excerpt = excerpt(lines, line, col)
	}
	return fe
}

// firstFailingLine returns the 1-based line at which the file stops
// parsing: the first k for which the file's first k lines fail with the
// same error as the whole file. A prefix that ends inside a quoted value
// or a bracketed list fails too, but with another error, so it does not
// count. The first failing prefix is found by bisection: a prefix that
// holds the offending line fails as the whole file does.
func firstFailingLine(lines []string, whole string) int {
	fails := func(k int) bool {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(strings.Join(lines[:k], "\n")), &n)
		return err != nil && err.Error() == whole
	}
	lo, hi := 1, len(lines)
	for lo < hi {
		mid := lo + (hi-lo)/2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// badBytes finds the first byte that is not UTF-8 text, or is a control
// character YAML does not allow (all but tab, CR, LF and NEL): yaml.v3
// refuses these without saying where.
func badBytes(lines []string) (line, col int, found bool) {
	for i, l := range lines {
		for j, r := range l {
			if r == utf8.RuneError || (r < 0x20 && r != '\t' && r != '\r') || (r >= 0x7f && r <= 0x9f && r != 0x85) {
				return i + 1, utf8.RuneCountInString(l[:j]) + 1, true
			}
		}
	}
	return 0, 0, false
}

// explain gives the 1-based column to point at and a hint for a problem
// on the given line.
func explain(problem string, lines []string, line int) (int, string) {
	if line < 1 || line > len(lines) {
		return 0, ""
	}
	text := strings.TrimRight(lines[line-1], "\r")
	indent := len(text) - len(strings.TrimLeft(text, " "))
	first := indent + 1 // the first character after the spaces
	prevIndent, prevOpens, hasPrev := previousLine(lines, line)
	const indentHint = "check the indentation of this line against the lines above: the keys of one mapping, and the '- ' of one list, start in the same column"
	switch {
	case strings.HasPrefix(text[indent:], "\t") || strings.Contains(problem, "tab"):
		return strings.IndexByte(text, '\t') + 1, "YAML does not allow tabs for indentation; indent with spaces"
	case strings.HasPrefix(problem, "found character that cannot start any token"):
		if i := valueStart(text); i >= 0 && strings.ContainsRune("@`%", rune(text[i])) {
			return runeCol(text, i), fmt.Sprintf("a value starting with %c must be quoted: write it as \"%s\"", text[i], text[i:])
		}
		return first, "a value starting with @, ` or % must be quoted"
	case strings.HasPrefix(problem, "mapping values are not allowed"):
		if hasPrev && indent > prevIndent && !prevOpens {
			return first, "this line is indented more than the line above it, so it reads as part of that line's value; " + indentHint
		}
		if v := valueStart(text); v >= 0 {
			if k := strings.Index(text[v:]+" ", ": "); k >= 0 {
				return runeCol(text, v+k), `a value that contains ": " must be quoted: key: "a: b"`
			}
		}
		return first, indentHint
	case strings.HasPrefix(problem, "did not find expected ',' or"):
		if i := strings.LastIndexAny(text, "[{"); i >= 0 {
			return runeCol(text, i), "a list opened with [ must be closed with ] (a mapping opened with {, with }); a value holding a comma, a colon or a bracket must be quoted"
		}
		return first, "a bracket is not closed; an item holding a comma, a colon or a bracket must be quoted"
	case strings.HasPrefix(problem, "found unexpected end of stream"),
		strings.HasPrefix(problem, "did not find expected key") && badQuote(text) >= 0:
		i := badQuote(text)
		if i < 0 {
			i = max(valueStart(text), indent)
		}
		return runeCol(text, i), "a quoted value must end with the quote it starts with, and nothing may follow on the line; inside '...' write '' for an apostrophe, or quote the value with \"...\""
	case strings.HasPrefix(problem, "found unknown escape character"), strings.Contains(problem, "hexdecimal"):
		if i := strings.IndexByte(text, '\\'); i >= 0 {
			return runeCol(text, i), `inside "..." a backslash starts an escape: write \\ for a backslash, or quote the value with '...'`
		}
	case strings.HasPrefix(problem, "block sequence entries are not allowed"):
		return runeCol(text, max(valueStart(text), indent)), "a list under a key starts on the next line, indented, one '- item' a line; or write it as [a, b]"
	case strings.HasPrefix(problem, "could not find expected ':'"):
		return first, "a field is written 'name: value' and a list item '- value'; this line is neither, or is indented as if it continued the line above"
	}
	return first, indentHint
}

// previousLine is the nearest line above that holds something other than
// a comment: the column its content starts at (after any "- "), and
// whether it ends with ":", opening a deeper block.
func previousLine(lines []string, line int) (indent int, opens, found bool) {
	for i := line - 2; i >= 0; i-- {
		t := strings.TrimSpace(lines[i])
		if t == "" || t[0] == '#' {
			continue
		}
		indent = len(lines[i]) - len(strings.TrimLeft(lines[i], " "))
		for rest := lines[i][indent:]; strings.HasPrefix(rest, "- "); rest = lines[i][indent:] {
			indent += 2
			indent += len(lines[i][indent:]) - len(strings.TrimLeft(lines[i][indent:], " "))
		}
		return indent, strings.HasSuffix(t, ":"), true
	}
	return 0, false, false
}

// valueStart is the byte index where the line's value begins, after a
// "key: " or "- ", or -1 when the line holds no value.
func valueStart(text string) int {
	i := len(text) - len(strings.TrimLeft(text, " "))
	for strings.HasPrefix(text[i:], "- ") {
		i += 2
		i += len(text[i:]) - len(strings.TrimLeft(text[i:], " "))
	}
	if k := strings.Index(text[i:], ": "); k >= 0 && !strings.ContainsAny(text[i:i+k], `"'`) {
		i += k + 2
		i += len(text[i:]) - len(strings.TrimLeft(text[i:], " "))
	}
	if i >= len(text) {
		return -1
	}
	return i
}

// badQuote returns the index of the quote that opens the line's value
// when it is never closed, or of the first character after the quote
// that closes it before the line ends (as in 'it's' or "a" b); -1 when
// the value is not quoted or is quoted well.
func badQuote(text string) int {
	i := valueStart(text)
	if i < 0 || (text[i] != '\'' && text[i] != '"') {
		return -1
	}
	q, rest := text[i], text[i+1:]
	// Blank out escaped quotes, keeping the byte offsets.
	if q == '\'' {
		rest = strings.ReplaceAll(rest, "''", "__")
	} else {
		rest = strings.ReplaceAll(strings.ReplaceAll(rest, `\\`, "__"), `\"`, "__")
	}
	j := strings.IndexByte(rest, q)
	switch {
	case j < 0:
		return i
	case strings.TrimSpace(rest[j+1:]) == "" || strings.HasPrefix(strings.TrimSpace(rest[j+1:]), "#"):
		return -1
	}
	return i + 1 + j + 1
}

// runeCol is the 1-based column, in characters, of byte index i.
func runeCol(text string, i int) int {
	return utf8.RuneCountInString(text[:i]) + 1
}

// excerpt shows the line before the offending one (when there is one),
// the offending line and a caret under the column, each numbered, with
// tabs shown as → so that they can be seen and the caret lines up.
func excerpt(lines []string, line, col int) string {
	var b bytes.Buffer
	width := len(strconv.Itoa(line))
	// A long line (a 10 MB value on one line, say) is shown as a window
	// of excerptWidth characters around the column, not echoed whole.
	from := 0
	if col > excerptWidth/2 {
		from = col - 1 - excerptWidth/2
	}
	show := func(n int) {
		text := []rune(visible(strings.TrimRight(lines[n-1], "\r")))
		shown := string(text[min(from, len(text)):min(from+excerptWidth, len(text))])
		if from > 0 {
			shown = "…" + shown
		}
		if len(text) > from+excerptWidth {
			shown += fmt.Sprintf("… (%d characters)", len(text))
		}
		fmt.Fprintf(&b, "  %*d | %s\n", width, n, shown)
	}
	if line >= 2 {
		show(line - 1)
	}
	if line <= len(lines) {
		show(line)
	}
	if col > 0 {
		pad := col - 1 - from
		if from > 0 {
			pad++ // the "…"
		}
		fmt.Fprintf(&b, "  %*s | %s^\n", width, "", strings.Repeat(" ", pad))
	}
	return strings.TrimRight(b.String(), "\n")
}

// excerptWidth is how many characters of a line an excerpt shows.
const excerptWidth = 160

// visible shows a line so that every character takes one column: a tab
// as →, another control character as its Unicode control picture, and a
// byte that is not UTF-8 as �.
func visible(text string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return '→'
		case r < 0x20:
			return 0x2400 + r
		case r >= 0x7f && r <= 0x9f:
			return '�'
		}
		return r
	}, strings.ToValidUTF8(text, "\uFFFD"))
}
