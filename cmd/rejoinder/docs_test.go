package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rejoinder/rejoinder/schema"
)

// The researcher's documentation under docs/ is checked here: the command
// pages and the codebook reference are generated from the code (these
// tests fail while they are stale; `make docs` rewrites them), and the
// tutorial's commands are run and their output compared with the text.
var updateDocs = flag.Bool("update-docs", false, "rewrite docs/commands, docs/codebook.md and the tutorial's outputs")

const docsDir = "../../docs"

// commandDocs renders one Markdown page per visible command, from the
// command's own fields (Use, Short, Long, Example, flags): the file names
// are the command paths joined by "_" ("rejoinder_coding_import.md").
// cobra's doc package does the same but needs modules rejoinder does not
// otherwise use.
func commandDocs(root *cobra.Command) map[string]string {
	pages := map[string]string{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			return
		}
		pages[pageName(c)] = commandPage(c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return pages
}

func pageName(c *cobra.Command) string {
	return strings.ReplaceAll(c.CommandPath(), " ", "_") + ".md"
}

func commandPage(c *cobra.Command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n<!-- Generated from the command's help by `make docs`; do not edit. -->\n\n%s.\n\n", c.CommandPath(), strings.TrimSuffix(c.Short, "."))
	if c.Runnable() {
		fmt.Fprintf(&b, "```\n%s\n```\n\n", c.UseLine())
	}
	if c.Long != "" {
		b.WriteString(longMarkdown(c.Long))
	}
	if c.Example != "" {
		fmt.Fprintf(&b, "## Examples\n\n```sh\n%s\n```\n\n", dedent(c.Example))
	}
	if flags := flagTable(c.NonInheritedFlags()); flags != "" {
		fmt.Fprintf(&b, "## Flags\n\n%s\n", flags)
	}
	if subs := visible(c.Commands()); len(subs) > 0 {
		b.WriteString("## Commands\n\n")
		for _, s := range subs {
			fmt.Fprintf(&b, "- [%s](%s): %s\n", s.CommandPath(), pageName(s), s.Short)
		}
		b.WriteString("\n")
	}
	if c.HasParent() {
		p := c.Parent()
		fmt.Fprintf(&b, "See also [%s](%s).\n", p.CommandPath(), pageName(p))
	} else {
		b.WriteString("See also the [tutorial](../tutorial.md) and the [codebook reference](../codebook.md).\n")
	}
	return b.String()
}

func visible(cs []*cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, c := range cs {
		if !c.Hidden && c.Name() != "help" && c.Name() != "completion" {
			out = append(out, c)
		}
	}
	return out
}

// longMarkdown turns a command's Long text into Markdown: paragraphs stay
// paragraphs; a paragraph whose lines are indented (a list of choices, say)
// becomes a text block, so its alignment survives.
func longMarkdown(long string) string {
	var b strings.Builder
	for _, para := range strings.Split(strings.TrimSpace(long), "\n\n") {
		lines := strings.Split(para, "\n")
		indented := true
		for _, l := range lines {
			if !strings.HasPrefix(l, "  ") {
				indented = false
			}
		}
		if indented {
			fmt.Fprintf(&b, "```text\n%s\n```\n\n", dedent(para))
			continue
		}
		fmt.Fprintf(&b, "%s\n\n", strings.Join(lines, "\n"))
	}
	return b.String()
}

// dedent removes the common leading spaces of the lines.
func dedent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " "))
		if common < 0 || n < common {
			common = n
		}
	}
	for i, l := range lines {
		if len(l) >= common && common > 0 {
			lines[i] = l[common:]
		}
	}
	return strings.Join(lines, "\n")
}

func flagTable(fs *pflag.FlagSet) string {
	var b strings.Builder
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		name := "`--" + f.Name
		if f.Shorthand != "" {
			name = "`-" + f.Shorthand + "`, " + name
		}
		if t := f.Value.Type(); t != "bool" {
			name += " " + strings.ToUpper(strings.TrimSuffix(t, "Slice"))
		}
		name += "`"
		def := ""
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" && f.DefValue != "0" {
			def = "`" + f.DefValue + "`"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", name, def, strings.ReplaceAll(f.Usage, "|", "\\|"))
	})
	if b.Len() == 0 {
		return ""
	}
	return "| flag | default | meaning |\n|---|---|---|\n" + b.String()
}

// checkGenerated compares generated files with those in dir (rewriting
// them with -update-docs), and reports files in dir that nothing generates
// any more.
func checkGenerated(t *testing.T, dir string, files map[string]string, glob string) {
	t.Helper()
	if *updateDocs {
		old, _ := filepath.Glob(filepath.Join(dir, glob))
		for _, f := range old {
			if _, ok := files[filepath.Base(f)]; !ok {
				os.Remove(f)
			}
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, content := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, content := range files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s is missing; run make docs", name)
			continue
		}
		if string(got) != content {
			t.Errorf("%s is out of date; run make docs", filepath.Join(dir, name))
		}
	}
	existing, _ := filepath.Glob(filepath.Join(dir, glob))
	for _, f := range existing {
		if _, ok := files[filepath.Base(f)]; !ok {
			t.Errorf("%s documents no command; run make docs", f)
		}
	}
}

func TestCommandDocsUpToDate(t *testing.T) {
	pages := commandDocs(newRootCmd())
	for _, want := range []string{"rejoinder.md", "rejoinder_plot.md", "rejoinder_coding_import.md", "rejoinder_profile.md"} {
		if _, ok := pages[want]; !ok {
			t.Errorf("no page %s", want)
		}
	}
	plot := pages["rejoinder_plot.md"]
	for _, want := range []string{
		"# rejoinder plot\n",
		"```\nrejoinder plot profile|timeline|similarity --out FILE.png|FILE.svg [flags]\n```",
		"| `--metric STRING` | `jaccard` | similarity: one of jaccard, cosine |",
		"| `--responder STRING` |  | only responses by these states (ISO3, comma-separated) |",
		"rejoinder plot timeline --responder RUS --out timeline.png\n",
		"See also [rejoinder](rejoinder.md).",
	} {
		if !strings.Contains(plot, want) {
			t.Errorf("rejoinder_plot.md lacks %q:\n%s", want, plot)
		}
	}
	if root := pages["rejoinder.md"]; !strings.Contains(root, "- [rejoinder compare](rejoinder_compare.md): Put two cases side by side\n") {
		t.Errorf("rejoinder.md does not list compare:\n%s", root)
	}
	checkGenerated(t, filepath.Join(docsDir, "commands"), pages, "*.md")
}

func TestCodebookDocUpToDate(t *testing.T) {
	var buf bytes.Buffer
	if err := writeCodebookMarkdown(&buf, schema.Default()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"identity_dispute", "## responses", "non-existent entity"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("codebook reference lacks %q", want)
		}
	}
	checkGenerated(t, docsDir, map[string]string{"codebook.md": buf.String()}, "codebook.md")
}

// tutorialBlock is one fenced block of the tutorial.
type tutorialBlock struct {
	lang, body string
	start, end int    // byte offsets of the body in the file
	marker     string // the <!-- tutorial: ... --> comment just before it, if any
}

var fenceRE = regexp.MustCompile("(?ms)^(<!-- tutorial: ([^>]*) -->\n)?```([a-z]*)\n(.*?)^```\n")

func tutorialBlocks(doc string) []tutorialBlock {
	var out []tutorialBlock
	for _, m := range fenceRE.FindAllStringSubmatchIndex(doc, -1) {
		b := tutorialBlock{lang: doc[m[6]:m[7]], body: doc[m[8]:m[9]], start: m[8], end: m[9]}
		if m[4] >= 0 {
			b.marker = doc[m[4]:m[5]]
		}
		out = append(out, b)
	}
	return out
}

// TestTutorial runs docs/tutorial.md: every sh block (unless marked not
// run) with bash in a scratch directory holding a copy of
// dataset/records, with a freshly built rejoinder first on PATH; a text
// block right after an sh block must be exactly what its commands print
// (stdout and stderr together). YAML blocks marked "in FILE" must appear
// in that file verbatim, and the figures it shows must be the ones its
// commands draw. -update-docs rewrites the outputs and figures.
func TestTutorial(t *testing.T) {
	if testing.Short() {
		t.Skip("builds rejoinder and runs the tutorial")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	path := filepath.Join(docsDir, "tutorial.md")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	work, bin := t.TempDir(), filepath.Dir(rejoinderBinary(t))
	if err := os.CopyFS(filepath.Join(work, "dataset", "records"), os.DirFS("../../dataset/records")); err != nil {
		t.Fatal(err)
	}
	// The filled workbooks the tutorial imports, as a clone has them.
	if err := os.CopyFS(filepath.Join(work, "docs", "coding"), os.DirFS(workbooksDir)); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "SOURCE_DATE_EPOCH=1767225600", "LC_ALL=C")

	blocks := tutorialBlocks(doc)
	type edit struct {
		start, end int
		text       string
	}
	var edits []edit
	ran := 0
	for i, b := range blocks {
		switch {
		case b.lang == "yaml" && strings.HasPrefix(b.marker, "in "):
			file := strings.TrimPrefix(b.marker, "in ")
			data, err := os.ReadFile(filepath.Join("../..", file))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), b.body) {
				t.Errorf("the YAML block at byte %d is not in %s:\n%s", b.start, file, b.body)
			}
			continue
		case b.lang != "sh" || b.marker == "not run":
			continue
		}
		cmd := exec.Command(bash, "-euo", "pipefail", "-c", b.body)
		cmd.Dir, cmd.Env = work, env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("tutorial block failed: %v\n%s\n%s", err, b.body, out.String())
		}
		ran++
		if i+1 < len(blocks) && blocks[i+1].lang == "text" && strings.TrimSpace(doc[b.end:blocks[i+1].start]) == "```\n\n```text" {
			next := blocks[i+1]
			if *updateDocs {
				edits = append(edits, edit{next.start, next.end, out.String()})
			} else if out.String() != next.body {
				t.Errorf("the output of\n%s\nis\n%s\nbut the tutorial shows\n%s", b.body, out.String(), next.body)
			}
		} else if out.Len() > 0 {
			t.Errorf("the block\n%s\nprints output the tutorial does not show:\n%s", b.body, out.String())
		}
	}
	if ran < 15 {
		t.Errorf("only %d blocks ran", ran)
	}

	// The figures shown are those the tutorial's commands draw.
	for _, m := range regexp.MustCompile(`!\[[^\]]*\]\(figures/([^)]+)\)`).FindAllStringSubmatch(doc, -1) {
		drawn, err := os.ReadFile(filepath.Join(work, m[1]))
		if err != nil {
			t.Errorf("the tutorial shows figures/%s, which its commands do not draw", m[1])
			continue
		}
		shown := filepath.Join(docsDir, "figures", m[1])
		if *updateDocs {
			if err := os.MkdirAll(filepath.Dir(shown), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(shown, drawn, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if old, err := os.ReadFile(shown); err != nil || !bytes.Equal(old, drawn) {
			t.Errorf("docs/figures/%s is not the figure the tutorial draws; run make docs", m[1])
		}
	}

	if *updateDocs && len(edits) > 0 {
		slices.SortFunc(edits, func(a, b edit) int { return b.start - a.start })
		for _, e := range edits {
			doc = doc[:e.start] + e.text + doc[e.end:]
		}
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
