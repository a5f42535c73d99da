package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/synth"
)

func newGenCmd() *cobra.Command {
	var cases, responses int
	var seed uint64
	var out, as string
	var wait time.Duration
	cmd := &cobra.Command{
		Use:   "gen --cases N --responses M --seed S --out DIR",
		Short: "Generate a synthetic dataset for benchmarks (not research data)",
		Long: `gen writes a deterministic synthetic dataset that obeys the codebook: N cases
with one to three accusations each and M responses spread unevenly over them,
skewed strategy frequencies, quotes of realistic length, and some dates known
only to the month or not at all. The same seed gives the same bytes. Output is
Parquet (as build writes it) or YAML record files (--as yaml); either can be
read back with --data. Synthetic ids start with "syn-" and sources point to
example.org, so they cannot be mistaken for research. Two runs into the same
--out never interleave: the second waits for the first (--wait).`,
		Example: `  rejoinder gen --cases 1000 --responses 1000000 --seed 1 --out /tmp/syn
  rejoinder profile --data /tmp/syn --by year`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cases < 1 || responses < 0 {
				return usageError{fmt.Errorf("--cases must be at least 1 and --responses not negative")}
			}
			if out == "" {
				return usageError{fmt.Errorf("--out is required")}
			}
			ds, err := synth.Generate(synth.Options{Cases: cases, Responses: responses, Seed: seed})
			if err != nil {
				return err
			}
			if as != "parquet" && as != "yaml" {
				return usageError{fmt.Errorf("unknown --as %q (allowed: parquet, yaml)", as)}
			}
			lock, err := lockOutput(cmd, out, wait)
			if err != nil {
				return err
			}
			defer lock.Unlock()
			switch as {
			case "parquet":
				if _, err := ds.WriteParquet(out); err != nil {
					return err
				}
			case "yaml":
				if err := ds.WriteYAML(out); err != nil {
					return err
				}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %d cases, %d accusations, %d responses, %d quotes to %s (%s)\n",
				len(ds.Cases), len(ds.Accusations), len(ds.Responses), len(ds.Quotes()), out, as)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.IntVar(&cases, "cases", 100, "number of cases")
	fl.IntVar(&responses, "responses", 1000, "number of responses")
	fl.Uint64Var(&seed, "seed", 1, "random seed")
	fl.StringVar(&out, "out", "", "output directory")
	fl.StringVar(&as, "as", "parquet", "output form: parquet or yaml")
	addWaitFlag(cmd, &wait)
	return cmd
}
