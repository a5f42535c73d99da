package atomicfile_test

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/rejoinder/rejoinder/internal/atomicfile"
)

// A failed write leaves the previous file as it was, and no temporary
// file behind.
func ExampleWrite() {
	dir, err := os.MkdirTemp("", "atomicfile")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "table.csv")
	err = atomicfile.Write(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "case_id\nprk-park-2018\n")
		return err
	})
	fmt.Println(err)
	err = atomicfile.Write(path, func(w io.Writer) error {
		io.WriteString(w, "case_id\n")
		return errors.New("interrupted")
	})
	fmt.Println(err != nil)
	b, _ := os.ReadFile(path)
	fmt.Printf("%q\n", b)
	entries, _ := os.ReadDir(dir)
	fmt.Println(len(entries), "file")
	// Output:
	// <nil>
	// true
	// "case_id\nprk-park-2018\n"
	// 1 file
}
