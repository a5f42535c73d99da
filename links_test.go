package rejoinder_test

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// markdownLink matches an inline Markdown link or image, [text](target),
// capturing the target.
var markdownLink = regexp.MustCompile(`!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)

// backquotedMarkdownFile matches a Markdown file named in backquotes, as
// prose names a file (`DATASET.md`).
var backquotedMarkdownFile = regexp.MustCompile("`([A-Za-z0-9_./-]+\\.md)`")

// The documentation's relative links resolve: each names a file in the
// repository and, after #, a heading of that file. The Markdown files a
// reader is pointed to by name in prose exist in the repository too
// (issue 15: README and the changelog named a CODEBOOK.md that was not).
func TestDocLinks(t *testing.T) {
	var files []string
	for _, pattern := range []string{"*.md", "dataset/*.md", "docs/*.md", "docs/commands/*.md", "docs/notes/*.md"} {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, matches...)
	}
	if len(files) < 10 {
		t.Fatalf("found only %d Markdown files: %v", len(files), files)
	}
	for _, file := range files {
		for _, problem := range linkProblems(t, file) {
			t.Error(problem)
		}
	}
}

// The check finds a missing file, a missing anchor, and a backquoted
// Markdown file that is not in the repository, and accepts good links,
// web links and links inside code (testdata/doccheck/links).
func TestDocLinksCheck(t *testing.T) {
	got := strings.Join(linkProblems(t, "testdata/doccheck/links/page.md"), "\n")
	for _, want := range []string{
		"page.md:7: link to missing.md: no such file",
		"page.md:8: link to other.md#nowhere: other.md has no heading #nowhere",
		"page.md:9: link to #also-nowhere: page.md has no heading #also-nowhere",
		"page.md:10: names `GONE.md`, which is not in the repository",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems:\n%s\nwant one: %s", got, want)
		}
	}
	if n := strings.Count(got, "\n") + 1; got == "" || n != 4 {
		t.Errorf("%d problems, want 4:\n%s", n, got)
	}
}

// linkProblems lists the broken relative links of one Markdown file, and
// the Markdown files it names in backquotes that do not exist (looked for
// beside it and from the repository's root), outside fenced code blocks.
func linkProblems(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	fenced := false
	for i, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if fenced {
			continue
		}
		where := file + ":" + strconv.Itoa(i+1)
		for _, m := range markdownLink.FindAllStringSubmatch(withoutCodeSpans(line), -1) {
			if p := checkLink(t, file, m[1]); p != "" {
				problems = append(problems, where+": link to "+m[1]+": "+p)
			}
		}
		for _, m := range backquotedMarkdownFile.FindAllStringSubmatch(line, -1) {
			name := m[1]
			if !exists(filepath.Join(filepath.Dir(file), name)) && !exists(name) && !exists(filepath.Join("docs", name)) {
				problems = append(problems, where+": names `"+name+"`, which is not in the repository")
			}
		}
	}
	return problems
}

// checkLink returns what is wrong with a link target of file, or "".
func checkLink(t *testing.T, file, target string) string {
	if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
		return ""
	}
	name, anchor, _ := strings.Cut(target, "#")
	dest := file
	if name != "" {
		dest = filepath.Join(filepath.Dir(file), filepath.FromSlash(name))
		if !exists(dest) {
			return "no such file"
		}
	}
	if anchor == "" || path.Ext(dest) != ".md" {
		return ""
	}
	b, err := os.ReadFile(dest)
	if err != nil {
		return "" // a directory: links to its listing
	}
	if !headingAnchors(string(b))[anchor] {
		return filepath.Base(dest) + " has no heading #" + anchor
	}
	return ""
}

// headingAnchors returns the anchors GitHub gives a file's headings:
// lower case, spaces as hyphens, punctuation other than - and _ dropped,
// and -1, -2… on repeats.
func headingAnchors(doc string) map[string]bool {
	anchors := map[string]bool{}
	seen := map[string]int{}
	fenced := false
	for _, line := range strings.Split(doc, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
		}
		text, ok := strings.CutPrefix(strings.TrimLeft(line, "#"), " ")
		if fenced || !strings.HasPrefix(line, "#") || !ok {
			continue
		}
		var b strings.Builder
		for _, r := range strings.ToLower(strings.TrimSpace(text)) {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
				b.WriteRune(r)
			case r == ' ':
				b.WriteRune('-')
			}
		}
		slug := b.String()
		if n := seen[slug]; n > 0 {
			anchors[slug+"-"+strconv.Itoa(n)] = true
		} else {
			anchors[slug] = true
		}
		seen[slug]++
	}
	return anchors
}

// withoutCodeSpans blanks `code spans`, where brackets are not links.
func withoutCodeSpans(line string) string {
	parts := strings.Split(line, "`")
	for i := 1; i < len(parts); i += 2 {
		parts[i] = ""
	}
	return strings.Join(parts, "``")
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
