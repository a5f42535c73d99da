package main

import (
	"cmp"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is the program's version; a release build sets it with
// -ldflags "-X main.version=v1.2.3". Without it, the Go toolchain's build
// information (module version or VCS revision) is used.
var version string

func newVersionCmd() *cobra.Command {
	var dataDir string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the program, dataset and codebook versions",
		Long: `version prints the version of the rejoinder program, the name, version and
content hash (SHA-256 of the records, as build writes it into the Parquet
metadata) of the dataset, and the version of its codebook: what a citation or
a bug report needs. 'rejoinder --version' prints the same.`,
		Example: `  rejoinder version
  rejoinder version --data my-records`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return writeVersion(cmd.OutOrStdout(), dataDir)
		},
	}
	cmd.Flags().StringVar(&dataDir, "data", "", "directory of YAML records or Parquet files (default: the embedded dataset)")
	return cmd
}

// writeVersion prints the program, dataset and codebook versions of the
// dataset in dataDir (the embedded one when "").
func writeVersion(w io.Writer, dataDir string) error {
	ds, err := loadData(dataDir)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "rejoinder %s, %s\n", programVersion(), runtime.Version())
	fmt.Fprintf(w, "dataset %s %s (content hash sha256:%s)\n", ds.Meta.Name, ds.Meta.Version, ds.ContentHash())
	fmt.Fprintf(w, "codebook %s\n", ds.Codebook.Version)
	return nil
}

// programVersion is the version set at link time, else the module version
// the toolchain recorded, else the VCS revision (marked when the working
// tree had changes), else "(devel)".
func programVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var revision, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if len(revision) > 12 {
		revision = revision[:12]
	}
	if revision == "" {
		return cmp.Or(info.Main.Version, "(devel)")
	}
	return "(devel) " + revision + modified
}
