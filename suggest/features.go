package suggest

import (
	"strings"
	"unicode"
)

// tokens splits a text into lower-cased words: runs of letters and digits
// in any script (so Russian and Korean split as English does), with
// apostrophes kept inside words ("don't"). Chinese and Japanese, written
// without spaces, become their characters' overlapping pairs.
func tokens(text string) []string {
	var out []string
	var word []rune
	flush := func() {
		if len(word) == 0 {
			return
		}
		if isHan(word[0]) && len(word) > 1 {
			for i := 0; i+1 < len(word); i++ {
				out = append(out, string(word[i:i+2]))
			}
		} else {
			out = append(out, string(word))
		}
		word = word[:0]
	}
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if len(word) > 0 && isHan(word[0]) != isHan(r) {
				flush()
			}
			word = append(word, r)
		case (r == '\'' || r == '’') && len(word) > 0:
			word = append(word, '\'')
		default:
			flush()
		}
	}
	flush()
	return out
}

func isHan(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// stemLength is the number of letters a word's prefix feature keeps: a
// crude stemmer that lets "fabricated" and "fabrication", or Russian
// "провокация" and "провокацией", share a feature.
const stemLength = 6

// ngrams are a text's features of words: every word ("w:"), its prefix of
// stemLength letters when it is longer ("s:"), and every pair of adjacent
// words ("b:"). Each feature is listed once.
func ngrams(text string) []string {
	words := tokens(text)
	seen := map[string]bool{}
	var out []string
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for i, w := range words {
		add("w:" + w)
		if r := []rune(w); len(r) > stemLength {
			add("s:" + string(r[:stemLength]))
		}
		if i > 0 {
			add("b:" + words[i-1] + " " + w)
		}
	}
	return out
}

// Language names a text's language as the model needs it: "ru" for
// Cyrillic, "zh" for Chinese, "ja" for kana, "ko" for Hangul, "ar" for
// Arabic script, "en" for Latin text that [English] accepts, "und"
// otherwise (other Latin-script languages, or no letters).
func Language(text string) string {
	counts := map[string]int{}
	letters := 0
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			counts["ru"]++
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			counts["ja"] += 4 // Japanese mixes kana with Chinese characters
		case unicode.Is(unicode.Han, r):
			counts["zh"]++
		case unicode.Is(unicode.Hangul, r):
			counts["ko"]++
		case unicode.Is(unicode.Arabic, r):
			counts["ar"]++
		}
	}
	if letters == 0 {
		return "und"
	}
	best, n := "", 0
	for _, l := range []string{"ru", "ja", "zh", "ko", "ar"} {
		if counts[l] > n {
			best, n = l, counts[l]
		}
	}
	if n*2 > letters {
		return best
	}
	if English(text) {
		return "en"
	}
	return "und"
}
