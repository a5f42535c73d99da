package dataset

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/schema"
)

// A YAML syntax error is reported at the line and column of the mistake
// (yaml.v3 names another line for many of these, often the one before,
// and never a column), with the line, a caret and a hint in words.
func TestSyntaxErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"unclosed list", "case:\n  sources: [a, b\n  title: x\n",
			"f.yaml:2:12: syntax error: did not find expected ',' or ']'; a list opened with [ must be closed with ] (a mapping opened with {, with }); a value holding a comma, a colon or a bracket must be quoted\n  1 | case:\n  2 |   sources: [a, b\n    |            ^"},
		{"tab indent", "case:\n\tcase_id: x\n",
			"f.yaml:2:1: syntax error: found character that cannot start any token; YAML does not allow tabs for indentation; indent with spaces\n  1 | case:\n  2 | →case_id: x\n    | ^"},
		{"tab after spaces", "case:\n  case_id: x\n  \ttitle: y\n",
			"f.yaml:3:3: syntax error: found a tab character that violates indentation; YAML does not allow tabs for indentation; indent with spaces\n  2 |   case_id: x\n  3 |   →title: y\n    |   ^"},
		{"indented more", "case:\n  case_id: x\n   title: y\n  notes: z\n",
			"f.yaml:3:4: syntax error: mapping values are not allowed in this context; this line is indented more than the line above it, so it reads as part of that line's value; check the indentation of this line against the lines above: the keys of one mapping, and the '- ' of one list, start in the same column\n  2 |   case_id: x\n  3 |    title: y\n    |    ^"},
		{"indented less in a list item", "responses:\n- response_id: x\n  strategies:\n  - denial\n summary: y\n",
			"f.yaml:5:2: syntax error: did not find expected key; check the indentation of this line against the lines above: the keys of one mapping, and the '- ' of one list, start in the same column\n  4 |   - denial\n  5 |  summary: y\n    |  ^"},
		{"key outside its list item", "responses:\n  - response_id: x\n    date: 2019\n  organ: y\n",
			"f.yaml:4:3: syntax error: did not find expected '-' indicator; check the indentation of this line against the lines above: the keys of one mapping, and the '- ' of one list, start in the same column\n  3 |     date: 2019\n  4 |   organ: y\n    |   ^"},
		{"list item indented less", "case:\n  sources:\n    - a\n   - b\n",
			"f.yaml:4:4: syntax error: did not find expected key; check the indentation of this line against the lines above: the keys of one mapping, and the '- ' of one list, start in the same column\n  3 |     - a\n  4 |    - b\n    |    ^"},
		{"colon in value", "case:\n  title: a: b\n",
			"f.yaml:2:11: syntax error: mapping values are not allowed in this context; a value that contains \": \" must be quoted: key: \"a: b\"\n  1 | case:\n  2 |   title: a: b\n    |           ^"},
		{"unclosed double quote", "case:\n  title: \"abc\n  notes: x\n",
			"f.yaml:2:10: syntax error: found unexpected end of stream; a quoted value must end with the quote it starts with, and nothing may follow on the line; inside '...' write '' for an apostrophe, or quote the value with \"...\"\n  1 | case:\n  2 |   title: \"abc\n    |          ^"},
		{"apostrophe in single quotes", "case:\n  title: 'it's here'\n",
			"f.yaml:2:14: syntax error: did not find expected key; a quoted value must end with the quote it starts with, and nothing may follow on the line; inside '...' write '' for an apostrophe, or quote the value with \"...\"\n  1 | case:\n  2 |   title: 'it's here'\n    |              ^"},
		{"text after closing quote", "case:\n  title: \"a\" b\n",
			"f.yaml:2:13: syntax error: did not find expected key; a quoted value must end with the quote it starts with, and nothing may follow on the line; inside '...' write '' for an apostrophe, or quote the value with \"...\"\n  1 | case:\n  2 |   title: \"a\" b\n    |             ^"},
		{"code without a dash", "responses:\n- response_id: x\n  strategies:\n  - denial\n  evidence_rejection\n",
			"f.yaml:5:3: syntax error: could not find expected ':'; a field is written 'name: value' and a list item '- value'; this line is neither, or is indented as if it continued the line above\n  4 |   - denial\n  5 |   evidence_rejection\n    |   ^"},
		{"at sign", "case:\n  title: @x\n",
			"f.yaml:2:10: syntax error: found character that cannot start any token; a value starting with @ must be quoted: write it as \"@x\"\n  1 | case:\n  2 |   title: @x\n    |          ^"},
		{"control character", "case:\n  title: a\x01b\n",
			"f.yaml:2:11: syntax error: control characters are not allowed; the file must be UTF-8 text without control characters; save it as UTF-8\n  1 | case:\n  2 |   title: a␁b\n    |           ^"},
		{"not UTF-8", "case:\n  title: a\xffb\n",
			"f.yaml:2:11: syntax error: invalid leading UTF-8 octet; the file must be UTF-8 text without control characters; save it as UTF-8\n  1 | case:\n  2 |   title: a�b\n    |           ^"},
		{"unknown escape", "case:\n  title: \"a\\qb\"\n",
			"f.yaml:2:12: syntax error: found unknown escape character; inside \"...\" a backslash starts an escape: write \\\\ for a backslash, or quote the value with '...'\n  1 | case:\n  2 |   title: \"a\\qb\"\n    |            ^"},
		{"list after key", "case:\n  title: - a\n",
			"f.yaml:2:10: syntax error: block sequence entries are not allowed in this context; a list under a key starts on the next line, indented, one '- item' a line; or write it as [a, b]\n  1 | case:\n  2 |   title: - a\n    |          ^"},
		{"CRLF line ends", "case:\r\n  title: a: b\r\n",
			"f.yaml:2:11: syntax error: mapping values are not allowed in this context; a value that contains \": \" must be quoted: key: \"a: b\"\n  1 | case:\n  2 |   title: a: b\n    |           ^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rf, problems := decodeRecordFile("f.yaml", []byte(tt.yaml))
			if rf != nil || len(problems) != 1 || !errors.Is(problems[0], schema.ErrSyntax) {
				t.Fatalf("got %v, %v; want one syntax error", rf, problems)
			}
			if got := problems[0].Error(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// A syntax error in a long line shows a window of the line around the
// column, the caret under the mistake, and the line's length, not the
// whole line: a 10 MB value would otherwise be echoed whole.
func TestSyntaxErrorLongLine(t *testing.T) {
	long := strings.Repeat("x", 300)
	huge := strings.Repeat("y", 10<<20)
	tests := []struct{ name, yaml, want string }{
		{"mistake far right", "case:\n  title: " + long + ": b\n",
			"f.yaml:2:310: syntax error: mapping values are not allowed in this context; a value that contains \": \" must be quoted: key: \"" + long[:20] +
				"\n  1 | …\n  2 | …" + long[:80] + ": b\n    | " + strings.Repeat(" ", 81) + "^"},
		{"mistake left of a huge line", "case:\n  title: a: " + huge + "\n",
			"f.yaml:2:11: syntax error: mapping values are not allowed in this context; a value that contains \": \" must be quoted: key: \"a: " +
				"\n  1 | case:\n  2 |   title: a: " + huge[:excerptWidth-12] + fmt.Sprintf("… (%d characters)", len(huge)+12) + "\n    |           ^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := decodeRecordFile("f.yaml", []byte(tt.yaml))
			if len(problems) != 1 {
				t.Fatalf("%d problems, want 1", len(problems))
			}
			got := problems[0].Error()
			// The hint quotes the value; compare the rest.
			if i := strings.Index(got, "\n"); i < 0 || !strings.HasPrefix(got, tt.want[:strings.Index(tt.want, "key: ")]) || got[i:] != tt.want[strings.Index(tt.want, "\n"):] {
				t.Errorf("got (%d bytes)\n%.2000s\nwant\n%s", len(got), got, tt.want)
			}
			if len(got) > 2000 {
				t.Errorf("the message has %d bytes", len(got))
			}
		})
	}
}
