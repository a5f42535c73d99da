package addcase

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Template is the case file the added case is copied from: a seed case,
// with responses dated to the day, quotes and several sources, so that the
// copy adds a row to every table and figure.
const Template = "prk-park-2018"

// ID is the case id of the added case. It sorts after every real case.
const ID = "zzz-added-2018"

// RecordsDir is the curated records directory of the repository
// (dataset/records), found from this file's location so that tests of any
// package can use it.
func RecordsDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "dataset", "records")
}

// Dir copies the curated records into a fresh directory under parent and
// adds the case ID there: Template's file with every occurrence of its
// case id (and so of its accusation, response and source ids) renamed. The
// copy is as valid as the template; the real records are not touched. It
// returns the directory.
func Dir(parent string) (string, error) {
	dir := filepath.Join(parent, "records")
	if err := os.CopyFS(dir, os.DirFS(RecordsDir())); err != nil {
		return "", fmt.Errorf("addcase: copy the records: %w", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, Template+".yaml"))
	if err != nil {
		return "", fmt.Errorf("addcase: the template case: %w", err)
	}
	added := strings.ReplaceAll(string(b), Template, ID)
	if err := os.WriteFile(filepath.Join(dir, ID+".yaml"), []byte(added), 0o644); err != nil {
		return "", fmt.Errorf("addcase: %w", err)
	}
	return dir, nil
}
