package events

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/schema"
)

// Every code of GDELT's CAMEO country lookup (testdata, see its
// PROVENANCE) is an ISO 3166-1 alpha-3 code the codebook knows, or is
// mapped (CAMEOToISO) to the ISO code whose name is the lookup's name, or
// is dropped with a reason (CAMEODropped); no mapping or dropped code is
// missing from the lookup.
func TestCAMEOCountryLookup(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "CAMEO.country.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	labels := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		code, label, ok := strings.Cut(sc.Text(), "\t")
		if !ok || code == "CODE" {
			continue
		}
		labels[code] = label
	}
	if len(labels) < 250 {
		t.Fatalf("read %d codes from the lookup", len(labels))
	}
	// East Timor is ISO 3166-3's name of TMP (withdrawn 2002, numeric
	// 626), whose successor TLS (numeric 626) ISO 3166-1 calls Timor-Leste.
	formerNames := map[string]string{"TMP": "East Timor"}
	for code, label := range labels {
		switch iso, mapped := CAMEOToISO[code]; {
		case schema.IsCountry(code):
			if mapped || CAMEODropped[code] != "" {
				t.Errorf("%s is an ISO code; it needs no mapping", code)
			}
			if State(code) != code {
				t.Errorf("State(%s) = %q", code, State(code))
			}
		case mapped:
			if name := schema.CountryName(iso); name != label && formerNames[code] != label {
				t.Errorf("%s %q mapped to %s %q: the names differ", code, label, iso, name)
			}
			if State(code) != iso || IsState(code) {
				t.Errorf("State(%s) = %q, IsState %v", code, State(code), IsState(code))
			}
		case CAMEODropped[code] != "":
			if !strings.HasPrefix(CAMEODropped[code], label+":") {
				t.Errorf("%s: reason %q does not name %q", code, CAMEODropped[code], label)
			}
			if State(code) != "" {
				t.Errorf("dropped %s is a state", code)
			}
		default:
			t.Errorf("%s %q is neither ISO, mapped nor dropped", code, label)
		}
	}
	for _, m := range []map[string]string{CAMEOToISO, CAMEODropped} {
		for code := range m {
			if labels[code] == "" {
				t.Errorf("%s is not in the lookup", code)
			}
		}
	}
	if slices.Contains(States(), "ROM") || !slices.Contains(States(), "ROU") {
		t.Error("States lists GDELT codes, or lacks ISO ones")
	}
}
