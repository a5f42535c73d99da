package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/internal/outdir"
)

// runAll starts every command at once and waits for all; it returns each
// one's error and standard error.
func runAll(cmds []*exec.Cmd) (errs []error, stderr []string) {
	bufs := make([]bytes.Buffer, len(cmds))
	errs = make([]error, len(cmds))
	var wg sync.WaitGroup
	for i, c := range cmds {
		c.Env = fixedTime
		c.Stderr = &bufs[i]
		if errs[i] = c.Start(); errs[i] != nil {
			continue
		}
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = c.Wait() }()
	}
	wg.Wait()
	for i := range bufs {
		stderr = append(stderr, bufs[i].String())
	}
	return errs, stderr
}

// Two builds of different datasets into one directory at once (separate
// processes) both succeed, one after the other: the directory ends up
// wholly the one or wholly the other, never a mix, and the one that
// waited said so.
func TestConcurrentBuildsDoNotMix(t *testing.T) {
	if testing.Short() {
		t.Skip("runs concurrent builds in subprocesses")
	}
	bin := rejoinderBinary(t)
	work := t.TempDir()
	data, sets := map[string]string{}, map[string]map[string]string{}
	for _, seed := range []string{"1", "2"} {
		data[seed] = filepath.Join(work, "data"+seed)
		mustRun(t, bin, "gen", "--cases", "100", "--responses", "5000", "--seed", seed, "--out", data[seed])
		want := filepath.Join(work, "want"+seed)
		mustRun(t, bin, "build", "--data", data[seed], "--out", want)
		sets[seed], _ = snapshot(t, want)
	}
	waited := false
	for trial := range 3 {
		out := filepath.Join(work, fmt.Sprintf("out%d", trial))
		errs, stderr := runAll([]*exec.Cmd{
			exec.Command(bin, "build", "--data", data["1"], "--out", out),
			exec.Command(bin, "build", "--data", data["2"], "--out", out),
		})
		for i, err := range errs {
			if err != nil {
				t.Fatalf("trial %d, build %d: %v\n%s", trial, i+1, err, stderr[i])
			}
			waited = waited || strings.Contains(stderr[i], "waiting for "+out)
		}
		files, temps := snapshot(t, out)
		if state, mixed := whichSet(files, sets["1"], sets["2"]); state == "" || len(temps) > 0 {
			t.Errorf("trial %d: a mixed set: %v; temporary files %v", trial, mixed, temps)
		}
		if left := besideOut(t, out); len(left) > 0 {
			t.Errorf("trial %d: left beside the output: %v", trial, left)
		}
	}
	if !waited {
		t.Error(`no build said it was "waiting for" the other`)
	}
}

// fillWorkbook fills every row of a coding template the way a coder
// does: the required cells, with the codes given.
func fillWorkbook(t *testing.T, path, organ string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Coding")
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]string{"organ": organ, "strategies:denial": "yes", "observed": "responded"}
	for i := range rows[1:] {
		for col, v := range values {
			c := slices.Index(rows[0], col)
			if c < 0 {
				t.Fatalf("no %s column in %v", col, rows[0])
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, i+2)
			f.SetCellStr("Coding", ref, v)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// Coders importing into one codings file at the same moment (separate
// processes) never lose each other's codings: each import reads, adds
// and writes under the file's lock.
func TestConcurrentCodingImportsKeepEveryCoder(t *testing.T) {
	if testing.Short() {
		t.Skip("runs concurrent imports in subprocesses")
	}
	bin := rejoinderBinary(t)
	dir := t.TempDir()
	data := "../../dataset/testdata/minimal"
	coders := []string{"alice", "bob", "carol", "dan"}
	var files []string
	for i, coder := range coders {
		path := filepath.Join(dir, coder+".xlsx")
		mustRun(t, bin, "coding", "template", "--data", data, "--coder", coder, "--out", path)
		fillWorkbook(t, path, []string{"foreign_ministry", "head_of_state", "embassy", "mfa_spokesperson"}[i])
		files = append(files, path)
	}
	// What one coder's import stores alone.
	alone := filepath.Join(dir, "alone.parquet")
	mustRun(t, bin, "coding", "import", "--data", data, files[0], "--out", alone)
	one, err := coding.ReadCodings(alone)
	if err != nil || len(one) == 0 {
		t.Fatalf("one coder's codings: %d, %v", len(one), err)
	}
	for trial := range 3 {
		store := filepath.Join(dir, fmt.Sprintf("codings%d.parquet", trial))
		var cmds []*exec.Cmd
		for _, f := range files {
			cmds = append(cmds, exec.Command(bin, "coding", "import", "--data", data, f, "--out", store))
		}
		errs, stderr := runAll(cmds)
		for i, err := range errs {
			if err != nil {
				t.Fatalf("trial %d, %s's import: %v\n%s", trial, coders[i], err, stderr[i])
			}
		}
		got, err := coding.ReadCodings(store)
		if err != nil {
			t.Fatal(err)
		}
		per := map[string]int{}
		for _, c := range got {
			per[c.Coder]++
		}
		for _, coder := range coders {
			if per[coder] != len(one) {
				t.Errorf("trial %d: %s has %d codings in the file, want %d", trial, coder, per[coder], len(one))
			}
		}
	}
}

// With another writer holding the output's lock, every command that
// writes an output (build, import csv, coding import and reconcile,
// export in each form, gen) waits up to --wait, then fails with status 1
// and a message naming the output and the lock file; a negative --wait is
// a usage error.
func TestWriterGivesUpOnLock(t *testing.T) {
	dir := t.TempDir()
	out, store, tables := filepath.Join(dir, "out"), filepath.Join(dir, "codings.parquet"), filepath.Join(dir, "tables")
	if code, _, errs := runCLI(t, "export", "csv", "--data", "../../dataset/testdata/minimal", "--out", tables); code != 0 {
		t.Fatal(errs)
	}
	workbook := filepath.Join(dir, "alice.xlsx")
	if code, _, errs := runCLI(t, "coding", "template", "--data", "../../dataset/testdata/minimal", "--coder", "alice", "--out", workbook); code != 0 {
		t.Fatal(errs)
	}
	fillWorkbook(t, workbook, "embassy")
	codings := filepath.Join(dir, "alice.parquet")
	if code, _, errs := runCLI(t, "coding", "import", "--data", "../../dataset/testdata/minimal", workbook, "--out", codings); code != 0 {
		t.Fatal(errs)
	}
	parquet := filepath.Join(dir, "parquet")
	if code, _, errs := runCLI(t, "build", "--data", "../../dataset/testdata/minimal", "--out", parquet); code != 0 {
		t.Fatal(errs)
	}
	xlsx, gold := filepath.Join(dir, "out.xlsx"), filepath.Join(dir, "gold.parquet")
	for _, tc := range []struct {
		name   string
		target string
		args   []string
	}{
		{"build", out, []string{"build", "--data", "../../dataset/testdata/minimal", "--out", out}},
		{"import", out, []string{"import", "csv", "--data", tables, "--out", out}},
		{"coding-import", store, []string{"coding", "import", "--data", "../../dataset/testdata/minimal", workbook, "--out", store}},
		{"coding-reconcile", gold, []string{"coding", "reconcile", codings, "--out", gold}},
		{"export-xlsx", xlsx, []string{"export", "xlsx", "--data", "../../dataset/testdata/minimal", "--out", xlsx}},
		{"export-xlsx-parquet", xlsx, []string{"export", "xlsx", "--data", parquet, "--out", xlsx}},
		{"export-csv", out, []string{"export", "csv", "--data", "../../dataset/testdata/minimal", "--out", out}},
		{"export-csv-excel", out, []string{"export", "csv", "--excel", "--data", "../../dataset/testdata/minimal", "--out", out}},
		{"export-arrow", out, []string{"export", "arrow", "--data", "../../dataset/testdata/minimal", "--out", out}},
		{"gen", out, []string{"gen", "--cases", "3", "--responses", "10", "--out", out}},
		{"gen-yaml", out, []string{"gen", "--cases", "3", "--responses", "10", "--as", "yaml", "--out", out}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			held, err := outdir.Lock(tc.target, 0, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer held.Unlock()
			lockFile, _ := outdir.LockPath(tc.target)
			start := time.Now()
			code, _, errs := runCLI(t, append(tc.args, "--wait", "300ms")...)
			if code != exitInvalid || !strings.Contains(errs, "waiting for "+tc.target) ||
				!strings.Contains(errs, tc.target+": "+outdir.ErrLocked.Error()) || !strings.Contains(errs, lockFile) {
				t.Errorf("exit %d:\n%s", code, errs)
			}
			if time.Since(start) < 300*time.Millisecond {
				t.Errorf("gave up after %v, before --wait", time.Since(start))
			}
			if _, err := os.Stat(tc.target); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s written while locked: %v", tc.target, err)
			}
			if code, _, errs := runCLI(t, append(tc.args, "--wait", "-1s")...); code != exitUsage || !strings.Contains(errs, "--wait must not be negative") {
				t.Errorf("--wait -1s: exit %d: %s", code, errs)
			}
		})
	}
}

// A Parquet directory mixed by hand (one file from another build of
// otherwise valid data) is refused by validate, naming the files and
// their content hashes; each build alone is valid.
func TestValidateRejectsMixedBuild(t *testing.T) {
	work := t.TempDir()
	records := filepath.Join(work, "records")
	if err := os.CopyFS(records, os.DirFS("../../dataset/testdata/minimal")); err != nil {
		t.Fatal(err)
	}
	a, b := filepath.Join(work, "a"), filepath.Join(work, "b")
	if code, _, errs := runCLI(t, "build", "--data", records, "--out", a); code != 0 {
		t.Fatal(errs)
	}
	// The same records with one case's title changed: another content
	// hash, and a responses file whose rows are the same.
	p := filepath.Join(records, "tst-alpha-2020.yaml")
	y, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(y), "title: Synthetic case alpha", "title: Synthetic case alpha, retitled", 1)
	if edited == string(y) {
		t.Fatal("the title to change is not in the record")
	}
	if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "build", "--data", records, "--out", b); code != 0 {
		t.Fatal(errs)
	}
	for _, dir := range []string{a, b} {
		if code, _, errs := runCLI(t, "validate", "--data", dir); code != 0 {
			t.Fatalf("validate %s: %s", dir, errs)
		}
	}
	moved := filepath.Join(a, "responses.parquet")
	other, err := os.ReadFile(filepath.Join(b, "responses.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(moved, other, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"validate"}, {"profile", "--by", "case"}, {"export", "xlsx", "--out", filepath.Join(work, "x.xlsx")}} {
		code, _, errs := runCLI(t, append(args, "--data", a)...)
		if code != exitInvalid || !strings.Contains(errs, "files from different builds") || !strings.Contains(errs, moved) ||
			!strings.Contains(errs, filepath.Join(a, "cases.parquet")) || strings.Count(errs, "content hash ") != 2 {
			t.Errorf("%v: exit %d:\n%s", args, code, errs)
		}
	}
}

// Building into a directory keeps what else it holds (a user's notes)
// and drops the other form of the responses table: a partitioned build
// replaces responses.parquet, a plain one the partitions; a replaced file
// keeps its mode.
func TestBuildReplacesTheWholeSet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	data := "../../dataset/testdata/minimal"
	if code, _, errs := runCLI(t, "build", "--data", data, "--out", out); code != 0 {
		t.Fatal(errs)
	}
	notes := filepath.Join(out, "notes.txt")
	if err := os.WriteFile(notes, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(out, "cases.csv"), 0o640); err != nil {
		t.Fatal(err)
	}
	exists := func(name string) bool { _, err := os.Stat(filepath.Join(out, name)); return err == nil }
	for _, tc := range []struct {
		args          []string
		want, dropped string
	}{
		{[]string{"--partition", "responder"}, "responses", "responses.parquet"},
		{nil, "responses.parquet", "responses"},
	} {
		if code, _, errs := runCLI(t, append([]string{"build", "--data", data, "--out", out}, tc.args...)...); code != 0 {
			t.Fatal(errs)
		}
		if !exists(tc.want) || exists(tc.dropped) {
			t.Errorf("build %v: %s written %v, %s kept %v", tc.args, tc.want, exists(tc.want), tc.dropped, exists(tc.dropped))
		}
		if b, err := os.ReadFile(notes); err != nil || string(b) != "mine" {
			t.Errorf("build %v: notes.txt %q, %v", tc.args, b, err)
		}
		if info, err := os.Stat(filepath.Join(out, "cases.csv")); err != nil {
			t.Error(err)
		} else if info.Mode().Perm() != 0o640 {
			t.Errorf("build %v: cases.csv mode %v, want 0640", tc.args, info.Mode().Perm())
		}
		if code, _, errs := runCLI(t, "validate", "--data", out); code != 0 {
			t.Errorf("validate after build %v: %s", tc.args, errs)
		}
	}
}
