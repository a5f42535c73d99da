package schema

import (
	"strconv"
	"strings"
)

// Closest returns the options nearest to value by edit distance (letters
// inserted, deleted, changed or swapped, ignoring case), when they are near
// enough to be a slip of the keyboard: at most 2 edits, or a quarter of the
// value's length for a long one. Ties are all returned, in the options'
// order; nil when nothing is near. Messages use it, as a command line
// does for a misspelt command, to say "did you mean".
func Closest(value string, options []string) []string {
	limit := max(2, len([]rune(value))/4)
	best, out := limit+1, []string(nil)
	v := []rune(strings.ToLower(value))
	for _, o := range options {
		d := editDistance(v, []rune(strings.ToLower(o)))
		switch {
		case d < best:
			best, out = d, []string{o}
		case d == best:
			out = append(out, o)
		}
	}
	return out
}

// DidYouMean phrases Closest's answer for a message ("did you mean
// "denial"?"), or returns "" when nothing is near.
func DidYouMean(value string, options []string) string {
	near := Closest(value, options)
	if len(near) == 0 || (len(near) == 1 && near[0] == value) {
		return ""
	}
	quoted := make([]string, len(near))
	for i, n := range near {
		quoted[i] = strconv.Quote(n)
	}
	return "did you mean " + strings.Join(quoted, " or ") + "?"
}

// editDistance is the optimal string alignment distance: Levenshtein's,
// with a swap of two neighbouring letters counted as one edit.
func editDistance(a, b []rune) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
