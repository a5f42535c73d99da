package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// workbooksDir holds the filled coding workbooks the tutorial imports.
const workbooksDir = docsDir + "/coding"

// illustrativeNote labels the shipped workbooks, on their Instructions
// and Meta sheets, for what they are.
const illustrativeNote = "ILLUSTRATIVE: filled by a program for the rejoinder tutorial, not by a person. " +
	"alice copies the dataset's own coding; bob departs from it by fixed rules. " +
	"Their agreement shows how the commands work and measures nothing."

// TestTutorialWorkbooks keeps docs/coding/illustrative-alice.xlsx and
// illustrative-bob.xlsx what illustrativeWorkbook writes for the
// responses of the two seed cases (-update-docs, or make docs, rewrites
// them): the tutorial's readers import them to follow the coding and
// reliability sections without two coders of their own.
func TestTutorialWorkbooks(t *testing.T) {
	ds := dataset.MustDefault()
	for _, coder := range []string{"alice", "bob"} {
		want := illustrativeWorkbook(t, ds, coder)
		path := filepath.Join(workbooksDir, "illustrative-"+coder+".xlsx")
		if *updateDocs {
			if err := os.MkdirAll(workbooksDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is not what illustrativeWorkbook writes (%v); run make docs", path, err)
		}
		// Labelled for what they are, where a coder and a program look.
		f, err := excelize.OpenReader(bytes.NewReader(want))
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range []string{coding.SheetInstructions, coding.SheetMeta} {
			rows, _ := f.GetRows(sheet)
			if !slices.ContainsFunc(rows, func(r []string) bool { return len(r) == 2 && r[1] == illustrativeNote }) {
				t.Errorf("%s: the %s sheet does not say the workbook is illustrative", path, sheet)
			}
		}
		f.Close()
	}
}

// illustrativeWorkbook writes a coding template for the seed cases'
// responses and fills it as a coder would in Excel, by rule: alice copies
// the dataset's own coding; bob never codes smear_framing on an
// even-numbered row, adds counter_accusation on every fifth, and reads
// mfa_spokesperson as foreign_ministry. Both mark yes for the strategies
// a response uses and leave the other strategies cells empty, as the
// Instructions ask (the import stores them as no).
func illustrativeWorkbook(t *testing.T, ds *dataset.Dataset, coder string) []byte {
	t.Helper()
	var units []string
	for _, c := range []string{"prk-park-2018", "rus-skripal-2018"} {
		for _, r := range ds.ResponsesOf(c) {
			units = append(units, r.ResponseID)
		}
	}
	path := filepath.Join(t.TempDir(), coder+".xlsx")
	if err := coding.SaveTemplate(path, ds, coding.TemplateOptions{Coder: coder, Units: units, Note: illustrativeNote}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(coding.SheetCoding)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*schema.Response{}
	for i := range ds.Responses {
		byID[ds.Responses[i].ResponseID] = &ds.Responses[i]
	}
	for i, row := range rows[1:] {
		r := byID[row[0]]
		if r == nil {
			t.Fatalf("unknown unit %q", row[0])
		}
		n := i + 1
		bob := coder == "bob"
		for col, head := range rows[0] {
			var v string
			switch {
			case head == "link":
				v = r.Link
			case head == "observed":
				v = r.Observed
			case head == "channel_type":
				v = r.ChannelType
			case head == "organ":
				v = r.Organ
				if bob && v == "mfa_spokesperson" {
					v = "foreign_ministry"
				}
			case strings.HasPrefix(head, "strategies:"):
				code := strings.TrimPrefix(head, "strategies:")
				yes := slices.Contains(r.Strategies, code)
				if bob && code == "smear_framing" && n%2 == 0 {
					yes = false
				}
				if bob && code == "counter_accusation" && n%5 == 0 {
					yes = true
				}
				if yes {
					v = coding.Yes // the others left empty, as coders do: stored as no
				}
			}
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(col+1, i+2)
			if err := f.SetCellStr(coding.SheetCoding, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
