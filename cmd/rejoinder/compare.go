package main

import "github.com/spf13/cobra"

func newCompareCmd() *cobra.Command { return &cobra.Command{Use: "compare"} }
