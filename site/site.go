package site

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/atomicfile"
	"github.com/rejoinder/rejoinder/schema"
)

//go:embed templates/*.html static/*
var assets embed.FS

// Download is one file of the release offered on the downloads page: its
// path relative to the site's directory and what it holds.
type Download struct {
	Path        string
	Description string
}

// Options adjusts the site.
type Options struct {
	// Compare names the two cases of the compare page; when empty, the
	// seed pair if the dataset has it, else its first two cases.
	Compare [2]string
	// Codings are the published codings of the dataset (coding.Published
	// for the embedded one): the codebook page shows the coders'
	// agreement in their latest round. None: no reliability table.
	Codings []coding.Coding
	// Downloads are files already written inside the site's directory
	// (by the command, with the exports); the downloads page lists them
	// with their sizes, in the order given.
	Downloads []Download
}

// Page file names, fixed so that links between pages and from outside
// stay valid from one release to the next.
const (
	IndexPage     = "index.html"
	ExplorePage   = "explore.html"
	CodebookPage  = "codebook.html"
	ComparePage   = "compare.html"
	DownloadsPage = "downloads.html"
	ExploreData   = "explore-data.js"
	CompareData   = "compare-data.js"
)

// CasePage is the file name of a case's page.
func CasePage(caseID string) string { return "case-" + caseID + ".html" }

// Write writes the site of ds into dir (created if needed) and returns
// the paths it wrote, sorted. Each file is written atomically as soon as
// it is rendered, so a large dataset's pages are never all in memory; the
// command makes the whole directory one unit (see the package
// documentation).
func Write(dir string, ds *dataset.Dataset, opts Options) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	size := func(rel string) (int64, error) {
		info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return 0, fmt.Errorf("download %s: %w", rel, err)
		}
		return info.Size(), nil
	}
	var paths []string
	err := Render(ds, opts, size, func(name string, content []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := atomicfile.Write(p, func(w io.Writer) error {
			_, err := w.Write(content)
			return err
		}); err != nil {
			return err
		}
		paths = append(paths, p)
		return nil
	})
	slices.Sort(paths)
	return paths, err
}

// Render renders every file of the site and hands each to emit with its
// path relative to the site's root, in a fixed order. size gives the size
// of a download; it is only called for opts.Downloads.
func Render(ds *dataset.Dataset, opts Options, size func(rel string) (int64, error), emit func(name string, content []byte) error) error {
	m := newModel(ds, opts)
	for _, name := range []string{"site.css", "explore.js", "compare.js"} {
		b, err := assets.ReadFile("static/" + name)
		if err != nil {
			return err
		}
		if err := emit(name, b); err != nil {
			return err
		}
	}
	tmpl, err := parseTemplates()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	page := func(name, tmplName string, data any) error {
		buf.Reset()
		if err := tmpl.ExecuteTemplate(&buf, tmplName, data); err != nil {
			return fmt.Errorf("site page %s: %w", name, err)
		}
		return emit(name, buf.Bytes())
	}
	script := func(name string, build func() ([]byte, error)) error {
		b, err := build()
		if err != nil {
			return err
		}
		return emit(name, b)
	}
	if err := page(IndexPage, "index.html", pageOf(m, m.Meta.Title, m)); err != nil {
		return err
	}
	for _, c := range m.Cases {
		if err := page(CasePage(c.Case.CaseID), "case.html", pageOf(m, c.Case.Title, c)); err != nil {
			return err
		}
	}
	cb := codebookView(m, ds)
	if cb.Reliability, err = reliabilityOf(ds.Codebook, opts.Codings); err != nil {
		return err
	}
	if err := page(CodebookPage, "codebook.html", pageOf(m, "Codebook and method", cb)); err != nil {
		return err
	}
	if err := exploreData(m, emit); err != nil {
		return err
	}
	if err := page(ExplorePage, "explore.html", pageOf(m, "Explore the responses", exploreView())); err != nil {
		return err
	}
	cmp, figures, err := compareView(ds, opts.Compare)
	if err != nil {
		return err
	}
	if err := script(CompareData, func() ([]byte, error) { return compareData(ds, m) }); err != nil {
		return err
	}
	for _, f := range cmp.Figures {
		if err := emit(f.File, figures[f.File]); err != nil {
			return err
		}
	}
	if err := page(ComparePage, "compare.html", pageOf(m, "Compare two cases", cmp)); err != nil {
		return err
	}
	downloads, err := downloadsView(opts.Downloads, size)
	if err != nil {
		return err
	}
	return page(DownloadsPage, "downloads.html", pageOf(m, "Downloads", downloads))
}

// pageData is what a page template gets: the site model (for the header
// and footer) and the page's own data.
type pageData struct {
	Site  *model
	Title string
	Page  any
}

func pageOf(m *model, title string, p any) pageData { return pageData{Site: m, Title: title, Page: p} }

// parseTemplates parses the embedded page templates with the site's
// helper functions.
func parseTemplates() (*template.Template, error) {
	return template.New("site").Funcs(template.FuncMap{
		"actor":    actorLabel,
		"casePage": CasePage,
		"join":     strings.Join,
		"size":     humanSize,
	}).ParseFS(assets, "templates/*.html")
}

// humanSize formats a byte count for people: "12.3 kB", "4.0 MB".
func humanSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// ReleaseTime is the one time a site's files may carry (the workbook's
// generation time): SOURCE_DATE_EPOCH when set, else the latest date the
// dataset itself records (a source published or accessed, a response, a
// search), so that the same data always gives the same bytes. It is the
// zero time for a dataset with no dates.
func ReleaseTime(ds *dataset.Dataset) time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	var latest schema.Date
	later := func(d schema.Date) {
		if d.Precision == schema.PrecisionDay && (latest.IsZero() || latest.Before(d)) {
			latest = d
		}
	}
	for _, s := range ds.Sources {
		later(s.Published)
		later(s.Accessed)
	}
	for _, r := range ds.Responses {
		later(r.Date)
		later(r.SearchedOn)
	}
	if latest.IsZero() {
		return time.Time{}
	}
	return latest.Time().UTC()
}
