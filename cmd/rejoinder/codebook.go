package main

import "github.com/spf13/cobra"

func newCodebookCmd() *cobra.Command { return &cobra.Command{Use: "codebook"} }
