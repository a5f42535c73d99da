package dataset

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/schema"
)

// A key given twice in one mapping is an error at the second key that
// names the first, at any depth: yaml.v3 lets the last one win when it
// decodes into a yaml.Node, and a user's six codes became one.
func TestDuplicateKeys(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // the problems, as printed
	}{
		{"top-level block",
			"case:\n  case_id: tst-x-2020\nresponses: []\nresponses: []\n",
			[]string{`f.yaml:4:1: responses: key given twice "responses": first given at f.yaml:3:1; merge the two (allowed: each key once in a mapping)`}},
		{"strategies block in a response",
			"responses:\n- response_id: tst-x-2020-r1\n  strategies:\n  - denial\n  - smear_framing\n  summary: S\n  strategies:\n  - counter_accusation\n",
			[]string{`f.yaml:7:3: responses tst-x-2020-r1: strategies: key given twice "strategies": first given at f.yaml:3:3; merge the two (allowed: each key once in a mapping)`}},
		{"text of a quote",
			"accusations:\n- accusation_id: tst-x-2020-a1\n  quotes:\n  - text: one\n    text: two\n",
			[]string{`f.yaml:5:5: quotes: text: key given twice "text": first given at f.yaml:4:5; merge the two (allowed: each key once in a mapping)`}},
		{"case field, twice repeated",
			"case:\n  title: A\n  title: B\n  title: C\n",
			[]string{
				`f.yaml:3:3: cases: title: key given twice "title": first given at f.yaml:2:3; merge the two (allowed: each key once in a mapping)`,
				`f.yaml:4:3: cases: title: key given twice "title": first given at f.yaml:2:3; merge the two (allowed: each key once in a mapping)`}},
		{"same key in two records is fine",
			"responses:\n- response_id: tst-x-2020-r1\n- response_id: tst-x-2020-r2\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := decodeRecordFile("f.yaml", []byte(tt.yaml))
			var got []string
			for _, p := range problems {
				got = append(got, p.Error())
				if !errors.Is(p, schema.ErrDuplicateKey) {
					t.Errorf("unexpected problem %v", p)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// The first of two blocks is kept, not the last; either way the file is
// rejected, but what is decoded is what the user wrote first.
func TestDuplicateKeyKeepsFirst(t *testing.T) {
	rf, _ := decodeRecordFile("f.yaml", []byte("responses:\n- response_id: tst-x-2020-r1\n  strategies: [denial, smear_framing]\n  strategies: [counter_accusation]\n"))
	if got := rf.Responses[0].Strategies; !slices.Equal(got, []string{"denial", "smear_framing"}) {
		t.Errorf("strategies = %v", got)
	}
}
