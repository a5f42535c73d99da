package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/outdir"
	"github.com/rejoinder/rejoinder/schema"
)

// defaultWait is how long a writer waits for another to finish with the
// same output before it gives up (--wait).
const defaultWait = 10 * time.Minute

// addWaitFlag adds --wait, how long to wait for the lock of the output.
func addWaitFlag(cmd *cobra.Command, wait *time.Duration) {
	cmd.Flags().DurationVar(wait, "wait", defaultWait, "if another rejoinder is writing the same output, wait this long for it (then fail); 0 fails at once")
}

// lockOutput takes the lock of an output (directory or file), so that no
// other rejoinder writes it at the same time, then removes what killed
// runs left beside it and says so on standard error. The caller unlocks.
func lockOutput(cmd *cobra.Command, out string, wait time.Duration) (*outdir.Locked, error) {
	if wait < 0 {
		return nil, usageError{fmt.Errorf("--wait must not be negative, not %v", wait)}
	}
	lock, err := outdir.Lock(out, wait, cmd.ErrOrStderr())
	if err != nil {
		return nil, err
	}
	removed, err := outdir.CleanStale(out)
	if len(removed) > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "note: removed %d temporary file(s) or folder(s) left by an interrupted run beside %s\n", len(removed), out)
	}
	if err != nil {
		lock.Unlock()
		return nil, err
	}
	return lock, nil
}

// replacedParquet reports whether an entry of the old output directory is
// superseded by the new set in staging: responses.parquet by a
// partitioned responses/ directory, and such a directory (holding nothing
// but partitions) by responses.parquet; a directory never holds the
// responses twice.
func replacedParquet(oldPath, staging string) bool {
	resp := schema.TableResponses
	exists := func(name string) bool { _, err := os.Stat(filepath.Join(staging, name)); return err == nil }
	switch filepath.Base(oldPath) {
	case dataset.ParquetFile(resp):
		return exists(dataset.PartitionDir(resp))
	case dataset.PartitionDir(resp):
		if !exists(dataset.ParquetFile(resp)) {
			return false
		}
		_, err := dataset.ListPartitions(oldPath)
		return err == nil
	}
	return false
}
