package main

import "github.com/spf13/cobra"

func newBuildCmd() *cobra.Command { return &cobra.Command{Use: "build"} }
