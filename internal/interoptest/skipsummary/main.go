package main

import (
	"fmt"
	"os"

	"github.com/rejoinder/rejoinder/internal/interoptest"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: skipsummary DIR")
		os.Exit(2)
	}
	line, err := interoptest.SkipSummary(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "skipsummary:", err)
		os.Exit(1)
	}
	if line != "" {
		fmt.Println(line)
	}
}
