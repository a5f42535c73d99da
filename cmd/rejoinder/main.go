package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/schema"
)

// Exit statuses, as ../shared/CLI.md fixes them.
const (
	exitOK      = 0
	exitInvalid = 1 // the data is invalid or a check failed
	exitUsage   = 2 // the command was used wrongly
)

// usageError marks an error as the user's misuse of the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit status; main and the
// tests share it.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	var ue usageError
	var list schema.ErrorList
	var fe *schema.FieldError
	if errors.Is(err, analysis.ErrBadFilter) || strings.HasPrefix(err.Error(), "unknown command ") {
		// A value no data can match, or a command that does not exist, is a
		// mistake on the command line (cobra's error for the latter is untyped).
		err = usageError{err}
	}
	var ie coding.ImportErrors
	switch {
	case errors.As(err, &ie):
		fmt.Fprintln(stderr, schema.ReportByKind(ie, func(e *coding.CellError) string {
			return strings.TrimPrefix(e.Column+": "+e.Err.Error(), ": ")
		}, schema.MaxProblemsPerKind))
		return exitInvalid
	case errors.As(err, &ue):
		// Point at the help of the command that was misused, not the
		// top level's: its flags and examples are what the user needs.
		path := "rejoinder"
		if cmd != nil {
			path = cmd.CommandPath()
		}
		fmt.Fprintf(stderr, "rejoinder: %v\nRun '%s --help' for usage.\n", err, path)
		return exitUsage
	case errors.As(err, &list):
		// Root causes first, each kind of problem capped with a count:
		// the list itself keeps every problem.
		fmt.Fprintln(stderr, list.Report(schema.MaxProblemsPerKind))
		return exitInvalid
	case errors.As(err, &fe):
		fmt.Fprintf(stderr, "%v\n", fe)
		return exitInvalid
	}
	fmt.Fprintf(stderr, "rejoinder: %v\n", err)
	return exitInvalid
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "rejoinder",
		Short: "A sourced, coded dataset of state accusations and how the accused answer",
		Long: `rejoinder works with a curated dataset of public accusations between states
(indictments, attributions, police charges) and the accused state's responses
(denial, ridicule of the evidence, disputing the named suspects,
counter-accusation, warnings). Every record cites its sources.

With no --data flag, commands use the dataset embedded in the binary.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	var showVersion bool
	root.Flags().BoolVar(&showVersion, "version", false, "print the program, dataset and codebook versions (as 'rejoinder version')")
	root.RunE = func(cmd *cobra.Command, _ []string) error {
		if showVersion {
			return writeVersion(cmd.OutOrStdout(), "")
		}
		return cmd.Help()
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	// Profiling, for the performance work: hidden from --help.
	var cpuProfile, memProfile string
	var stopProfile func()
	root.PersistentFlags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile (pprof) to this file")
	root.PersistentFlags().StringVar(&memProfile, "memprofile", "", "write an allocation profile (pprof) to this file on exit")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	_ = root.PersistentFlags().MarkHidden("memprofile")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if cpuProfile == "" {
			return nil
		}
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return err
		}
		stopProfile = func() { pprof.StopCPUProfile(); f.Close() }
		return nil
	}
	root.PersistentPostRun = func(*cobra.Command, []string) {
		if stopProfile != nil {
			stopProfile()
		}
		if memProfile != "" {
			if f, err := os.Create(memProfile); err == nil {
				_ = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}
	}
	root.AddCommand(newValidateCmd(), newBuildCmd(), newCompareCmd(), newCodebookCmd(),
		newProfileCmd(), newSimilarCmd(), newDynamicsCmd(), newKWICCmd(), newGenCmd(), newExportCmd(), newReliabilityCmd(), newCodingCmd(), newSuggestCmd(), newImportCmd(), newVersionCmd())
	root.AddCommand(newPlotCmd())
	root.AddCommand(newEventsCmd())
	root.AddCommand(newSiteCmd())
	return root
}

// args wraps a cobra argument check so that its failure is a usage error.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := check(cmd, a); err != nil {
			return usageError{err}
		}
		return nil
	}
}
