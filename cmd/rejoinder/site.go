package main

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/exports"
	"github.com/rejoinder/rejoinder/internal/outdir"
	"github.com/rejoinder/rejoinder/site"
)

// siteDataDir is the folder of the site that holds the release's files.
const siteDataDir = "data"

func newSiteCmd() *cobra.Command {
	var dataDir, outDir, compare string
	var wait time.Duration
	cmd := &cobra.Command{
		Use:   "site --out DIR",
		Short: "Write a static website of the dataset: cases, Explore, Compare, codebook, downloads",
		Long: `site writes a static website of the dataset into --out: an index, a page per
case (accusations, then every response in time order with its quotes, their
sources and the codes each evidences; silence shown with what was searched),
Explore (every response, filtered by accused state, accuser, year, incident
type, organ and strategy, with full-text search over the quotes; the
filters live in the URL fragment), Compare (two cases side by side with the
strategy profile, timeline and similarity figures), the codebook with
examples linked to the quotes they cite, and Downloads: the Parquet, CSV
(with datapackage.json), workbook and Arrow files of the release, written
into data/.

The site needs no server: open index.html from the file system, or publish
the folder on any static host (GitHub Pages, say). No external CDN, no
tracking; reading works without JavaScript. Every response and quote has a
permanent id as URL fragment. The same data gives the same bytes (the
workbook's time is SOURCE_DATE_EPOCH or the dataset's latest date). The
folder is replaced as a whole when the site is complete; files of your own
in it that are not the site's (CNAME, .nojekyll) are kept.`,
		Example: `  rejoinder site --out site/
  rejoinder site --data my-records --out public/
  rejoinder site --compare prk-park-2018,rus-skripal-2018 --out site/`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if outDir == "" {
				return usageError{fmt.Errorf("--out DIR is required")}
			}
			var pair [2]string
			if compare != "" {
				a, b, ok := strings.Cut(compare, ",")
				if !ok || a == "" || b == "" || strings.Contains(b, ",") {
					return usageError{fmt.Errorf("--compare %q: give two case ids separated by a comma, as A,B", compare)}
				}
				pair = [2]string{a, b}
			}
			if err := outdir.CheckDir(outDir); err != nil {
				return err
			}
			if err := dataset.RefuseRecordsDir(outDir); err != nil {
				return err
			}
			ds, err := loadData(dataDir)
			if err != nil {
				return err
			}
			for _, id := range pair {
				if id == "" {
					continue
				}
				if _, err := ds.Case(id); err != nil {
					return fmt.Errorf("--compare: %w", err)
				}
			}
			lock, err := lockOutput(cmd, outDir, wait)
			if err != nil {
				return err
			}
			defer lock.Unlock()
			var pages int
			err = outdir.Replace(outDir, func(staging string) error {
				downloads, err := writeSiteDownloads(ds, staging)
				if err != nil {
					return err
				}
				codings, err := publishedCodings(ds)
				if err != nil {
					return err
				}
				paths, err := site.Write(staging, ds, site.Options{Compare: pair, Downloads: downloads, Codings: codings})
				pages = len(paths)
				return err
			}, isSiteFile)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s: %d site files and the release's files in %s/; open %s\n",
				outDir, pages, filepath.Join(outDir, siteDataDir), filepath.Join(outDir, site.IndexPage))
			return nil
		},
	}
	cmd.Flags().StringVar(&dataDir, "data", "", "directory of YAML records or Parquet files (default: the embedded dataset)")
	cmd.Flags().StringVar(&outDir, "out", "", "the site's folder (required)")
	cmd.Flags().StringVar(&compare, "compare", "", "the two cases of the Compare page, as A,B (default: the seed pair)")
	addWaitFlag(cmd, &wait)
	return cmd
}

// isSiteFile reports whether an entry of the old site folder is the
// site's own (a page, its assets, figures, the data folder), which the new
// site replaces; anything else there is the user's and is kept.
func isSiteFile(oldPath, _ string) bool {
	base := filepath.Base(oldPath)
	if base == siteDataDir {
		return true
	}
	switch filepath.Ext(base) {
	case ".html", ".css", ".js", ".svg":
		return true
	}
	return false
}

// writeSiteDownloads writes the release's files into the site's data
// folder with the existing exports, and describes them for the downloads
// page.
func writeSiteDownloads(ds *dataset.Dataset, dir string) ([]site.Download, error) {
	data := filepath.Join(dir, siteDataDir)
	if err := os.MkdirAll(data, 0o755); err != nil {
		return nil, err
	}
	paths, err := ds.WriteParquet(data)
	if err != nil {
		return nil, err
	}
	codings, err := publishedCodings(ds)
	if err != nil {
		return nil, err
	}
	csvPaths, err := exports.WriteDataPackageWith(data, ds, exports.PackageOptions{Codings: codings})
	if err != nil {
		return nil, err
	}
	paths = append(paths, csvPaths...)
	wb := filepath.Join(data, WorkbookFile)
	if err := exports.SaveWorkbook(wb, ds, exports.WorkbookOptions{Generated: site.ReleaseTime(ds), Codings: codings, CodingRound: lastRound(codings)}); err != nil {
		return nil, err
	}
	paths = append(paths, wb)
	arrowPaths, err := exports.WriteArrow(data, ds)
	if err != nil {
		return nil, err
	}
	paths = append(paths, arrowPaths...)
	downloads := make([]site.Download, 0, len(paths))
	for _, p := range paths {
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return nil, err
		}
		rel = filepath.ToSlash(rel)
		downloads = append(downloads, site.Download{Path: rel, Description: describeDownload(path.Base(rel))})
	}
	return downloads, nil
}

// describeDownload says what a release file holds, by its name.
func describeDownload(name string) string {
	table := strings.TrimSuffix(name, path.Ext(name))
	switch path.Ext(name) {
	case ".parquet":
		return "the " + table + " table as Parquet (zstd; codebook definitions and versions in the metadata)"
	case ".csv":
		return "the " + table + " table as CSV (RFC 4180, UTF-8), part of the data package"
	case ".arrow":
		return "the " + table + " table as Arrow IPC (Feather v2)"
	case ".json":
		return "the Frictionless Data Package descriptor of the CSV files"
	case ".xlsx":
		return "the Excel workbook: every table, the codebook, comparisons and charts"
	}
	return ""
}
