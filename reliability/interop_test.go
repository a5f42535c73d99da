package reliability

import (
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/rejoinder/rejoinder/internal/interoptest"
	"github.com/rejoinder/rejoinder/schema"
)

// randomCodings makes coders code units with some agreement and some
// missing values.
func randomCodings(seed uint64, units, coders, values int, missing float64) []Coding {
	r := rand.New(rand.NewPCG(seed, 1))
	var out []Coding
	for u := 0; u < units; u++ {
		truth := r.IntN(values)
		for c := 0; c < coders; c++ {
			if r.Float64() < missing {
				continue
			}
			v := truth
			if r.Float64() < 0.35 {
				v = r.IntN(values)
			}
			out = append(out, Coding{UnitID: fmt.Sprint(u), Coder: fmt.Sprintf("c%d", c), Value: fmt.Sprint(v + 1)})
		}
	}
	return out
}

func writeCSV(t *testing.T, c []Coding) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "codings.csv")
	f, _ := os.Create(p)
	w := csv.NewWriter(f)
	w.Write([]string{"unit", "coder", "value"})
	for _, x := range c {
		w.Write([]string{x.UnitID, x.Coder, x.Value})
	}
	w.Flush()
	f.Close()
	return p
}

// Alpha agrees with NLTK's and kappa with scikit-learn's on random data.
func TestAgainstIndependentImplementations(t *testing.T) {
	for i, coders := range []int{2, 3, 5} {
		{
			seed := uint64(i + 1)
			data := randomCodings(seed, 60, coders, 4, 0.15)
			var got struct {
				AlphaNominal  float64 `json:"alpha_nominal"`
				AlphaInterval float64 `json:"alpha_interval"`
				Kappa         *float64
			}
			interoptest.Python(t, "agreement.py", []string{"nltk", "sklearn"}, &got, writeCSV(t, data))
			nom, _ := Alpha(data, schema.Nominal, nil)
			itv, _ := Alpha(data, schema.Interval, nil)
			if math.Abs(nom.Alpha-got.AlphaNominal) > 1e-9 || math.Abs(itv.Alpha-got.AlphaInterval) > 1e-9 {
				t.Errorf("seed %d, %d coders: alpha nominal %v vs NLTK %v, interval %v vs NLTK %v",
					seed, coders, nom.Alpha, got.AlphaNominal, itv.Alpha, got.AlphaInterval)
			}
			if coders == 2 {
				k, err := CohenKappa(data)
				if err != nil || got.Kappa == nil || math.Abs(k-*got.Kappa) > 1e-9 {
					t.Errorf("seed %d: kappa %v (%v) vs scikit-learn %v", seed, k, err, got.Kappa)
				}
			}
		}
	}
}
