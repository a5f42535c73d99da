package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/site"
)

// TestSiteCommand builds the site of a small dataset twice: the downloads
// page lists every release file with its true size, the two runs give the
// same bytes, a file of the user's in the folder is kept and a page of a
// case no longer in the data is gone.
func TestSiteCommand(t *testing.T) {
	const minimal = "../../dataset/testdata/minimal"
	out := filepath.Join(t.TempDir(), "site")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, filepath.Join(out, "CNAME"), "data.example.org\n")
	mustWrite(t, filepath.Join(out, site.CasePage("gone-2000")), "stale")
	code, stdout, stderr := runCLI(t, "site", "--data", minimal, "--out", out)
	if code != 0 {
		t.Fatalf("site: exit %d: %s%s", code, stdout, stderr)
	}
	ds, err := dataset.Load(minimal)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range ds.Cases {
		if _, err := os.Stat(filepath.Join(out, site.CasePage(c.CaseID))); err != nil {
			t.Errorf("no page for case %s: %v", c.CaseID, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "CNAME")); err != nil {
		t.Errorf("the user's CNAME was not kept: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, site.CasePage("gone-2000"))); !os.IsNotExist(err) {
		t.Errorf("a stale case page was kept: %v", err)
	}
	page, err := os.ReadFile(filepath.Join(out, site.DownloadsPage))
	if err != nil {
		t.Fatal(err)
	}
	listed := regexp.MustCompile(`<a href="([^"]+)" download>[^<]*</a></td><td>[^<]+</td><td class="num" data-bytes="(\d+)"`).FindAllSubmatch(page, -1)
	files, err := os.ReadDir(filepath.Join(out, "data"))
	if err != nil {
		t.Fatal(err)
	}
	if len(listed) != len(files) || len(files) == 0 {
		t.Errorf("downloads page lists %d files; data/ holds %d", len(listed), len(files))
	}
	for _, m := range listed {
		info, err := os.Stat(filepath.Join(out, filepath.FromSlash(string(m[1]))))
		if err != nil {
			t.Errorf("listed %s: %v", m[1], err)
			continue
		}
		if strconv.FormatInt(info.Size(), 10) != string(m[2]) {
			t.Errorf("%s listed as %s bytes, is %d", m[1], m[2], info.Size())
		}
	}
	for _, want := range []string{"data/responses.parquet", "data/datapackage.json", "data/rejoinder.xlsx", "data/responses.arrow", "data/responses.csv"} {
		if !bytes.Contains(page, []byte(`href="`+want+`"`)) {
			t.Errorf("downloads page lacks %s", want)
		}
	}
	again := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := runCLI(t, "site", "--data", minimal, "--out", again); code != 0 {
		t.Fatalf("second site: %s", stderr)
	}
	sameTree(t, out, again)
}

func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sameTree requires every file of the site in a to have the same bytes in b.
func sameTree(t *testing.T, a, b string) {
	t.Helper()
	err := filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "CNAME" {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil {
			return err
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSiteUsage checks the command's misuse and bad input: exit status
// and a message naming the problem, and no site left behind.
func TestSiteUsage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"site"}, exitUsage, "--out DIR is required"},
		{[]string{"site", "--out", out, "--compare", "prk-park-2018"}, exitUsage, "two case ids separated by a comma"},
		{[]string{"site", "--out", out, "--compare", "prk-park-2018,nope"}, exitInvalid, `no such case: "nope"`},
		{[]string{"site", "--out", out, "--data", "../../dataset/testdata/invalid"}, exitInvalid, "problem(s) found"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tc.args, code, stderr, tc.code, tc.stderr)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed site left %s: %v", out, err)
	}
}
