package exports

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/dataset"
)

// DATASET.md is generated from the records; this test fails when the two
// disagree (`make docs` rewrites it).
func TestDatasetDocUpToDate(t *testing.T) {
	ds := dataset.MustDefault()
	codings, err := coding.Published()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteDatasetDoc(&buf, ds, codings); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("../DATASET.md", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("../DATASET.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Fatal("DATASET.md is out of date with the records; run make docs")
	}
	for _, want := range []string{
		"| **all** | | | 21 | 48 | 126 | 179 | |",
		"| `rus-skripal-2018` | GBR | RUS | 5 | 16 | 45 |",
		"No response was found for 2 accusation(s) (prk-rgb-2021-r1, prk-rgb-2021-r2)",
		"Marked unverified: prk-sony-2014-r4.",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("DATASET.md lacks %q", want)
		}
	}
}
