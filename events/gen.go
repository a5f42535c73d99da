package events

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/rejoinder/rejoinder/schema"
)

// GenOptions describe a synthetic event file.
type GenOptions struct {
	Seed    uint64
	Version Version // layout of the lines (default V2)
	From    Day     // first event date (default 2010-01-01)
	To      Day     // last event date (default 2019-12-31)
	Events  int     // total number of events over all files
	FirstID int64   // id of the first event (default 1)
	// Malformed is the share of lines made malformed on purpose (bad
	// date, bad id, missing columns), to exercise the report.
	Malformed float64
}

// synthStates are the state codes synthetic events use, in a fixed
// order; weights fall with the rank (Zipf-like), so that a few dyads are
// busy and most are quiet, as in event data.
var synthStates = strings.Fields(`USA CHN RUS GBR FRA DEU IND JPN ISR IRN PRK KOR UKR TUR SAU PAK
SYR IRQ AFG EGY BRA CAN AUS ITA ESP POL NLD SWE NOR BEL CHE AUT GRC MEX ARG VEN COL CUB NGA ZAF
ETH KEN SDN LBY DZA MAR TUN QAT ARE KWT JOR LBN YEM OMN BHR IDN MYS PHL THA VNM MMR BGD LKA NPL
KAZ UZB AZE ARM GEO BLR LTU LVA EST FIN DNK IRL PRT CZE SVK HUN ROU BGR SRB HRV BIH MNE ALB MKD
MDA SVN CYP MLT ISL LUX NZL CHL PER ECU BOL PRY URY PAN CRI NIC HND GTM SLV DOM HTI JAM TTO GHA
CIV SEN MLI NER TCD CMR GAB COG COD AGO ZMB ZWE MOZ TZA UGA RWA BDI SOM ERI DJI MDG MUS`)

// synthCodes are the CAMEO codes of synthetic events with their weights
// (per 10,000 events): the accusation/response set takes about 7% and
// the rest is common cooperative and conflictual talk and action.
var synthCodes = []struct {
	code   string
	weight int
}{
	{"112", 180}, {"1121", 60}, {"1122", 30}, {"1123", 20}, {"1124", 10}, {"1125", 20},
	{"016", 60}, {"011", 40}, {"130", 100}, {"131", 40}, {"1311", 10}, {"138", 30}, {"174", 40},
	{"010", 1500}, {"020", 900}, {"036", 800}, {"040", 1200}, {"042", 700}, {"043", 600},
	{"046", 500}, {"051", 400}, {"057", 200}, {"061", 200}, {"071", 200}, {"090", 200},
	{"100", 150}, {"110", 300}, {"111", 250}, {"120", 150}, {"141", 150}, {"173", 110},
	{"190", 200}, {"193", 100}, {"015", 50},
}

// Generator writes synthetic events in the exact GDELT layout: a
// deterministic function of the options, with ids counting from FirstID and
// dates rising from From to To. The values are made up (the actor names
// are the codebook's country names, source URLs under example.org); only
// the layout is GDELT's. It is for tests and benchmarks, not research.
type Generator struct {
	o        GenOptions
	rng      *rand.Rand
	i        int
	cum      []float64 // state weights, cumulative
	codeCum  []int
	codeSum  int
	names    []string
	buf      []byte
	fieldBuf []string
}

// NewGenerator returns a Generator for o.
func NewGenerator(o GenOptions) (*Generator, error) {
	if o.Version == 0 {
		o.Version = V2
	}
	if o.FirstID <= 0 {
		o.FirstID = 1
	}
	if o.Version != V1 && o.Version != V2 {
		return nil, fmt.Errorf("unknown GDELT version %d (allowed: 1, 2)", o.Version)
	}
	if o.From == 0 && o.To == 0 {
		o.From, o.To = DayOf(2010, 1, 1), DayOf(2019, 12, 31)
	}
	if o.To < o.From || o.Events < 0 || o.Malformed < 0 || o.Malformed > 1 {
		return nil, fmt.Errorf("bad generator options: dates %s to %s, %d events, malformed share %g", o.From, o.To, o.Events, o.Malformed)
	}
	g := &Generator{o: o, rng: rand.New(rand.NewPCG(o.Seed, 0x5eed))}
	total := 0.0
	for r := range synthStates {
		total += 1 / math.Pow(float64(r+1), 0.8)
		g.cum = append(g.cum, total)
		g.names = append(g.names, strings.ToUpper(schema.CountryName(synthStates[r])))
	}
	for _, c := range synthCodes {
		g.codeSum += c.weight
		g.codeCum = append(g.codeCum, g.codeSum)
	}
	return g, nil
}

// state picks an actor country: a state (by weight), a blank (an actor
// with no country, 15%).
func (g *Generator) state() int {
	if g.rng.IntN(100) < 15 {
		return -1
	}
	x := g.rng.Float64() * g.cum[len(g.cum)-1]
	lo, hi := 0, len(g.cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if g.cum[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Done reports whether all events were written.
func (g *Generator) Done() bool { return g.i >= g.o.Events }

// WriteN writes up to n more events to w, one line each, and returns
// the bytes written.
func (g *Generator) WriteN(w io.Writer, n int) (int64, error) {
	var written int64
	for k := 0; k < n && !g.Done(); k++ {
		line := g.line()
		m, err := w.Write(line)
		written += int64(m)
		if err != nil {
			return written, err
		}
	}
	return written, nil
}

func (g *Generator) line() []byte {
	o := g.o
	id := int(g.o.FirstID) + g.i
	span := int64(o.To - o.From + 1)
	day := o.From + Day(int64(g.i)*span/int64(max(o.Events, 1)))
	g.i++
	t := day.Time()
	a1, a2 := g.state(), g.state()
	if a1 >= 0 && g.rng.IntN(100) < 5 {
		a2 = a1 // a domestic event
	}
	x := g.rng.IntN(g.codeSum)
	ci := 0
	for g.codeCum[ci] <= x {
		ci++
	}
	code := synthCodes[ci].code
	// QuadClass from the root code: 01–05 verbal cooperation, 06–09
	// material cooperation, 10–14 verbal conflict, 15–20 material conflict.
	root, _ := strconv.Atoi(code[:2])
	quad := "1"
	switch {
	case root >= 15:
		quad = "4"
	case root >= 10:
		quad = "3"
	case root >= 6:
		quad = "2"
	}
	f := g.fieldBuf[:0]
	actor := func(s int) (code, name, country string) {
		if s < 0 {
			return "", "", ""
		}
		return synthStates[s] + "GOV", g.names[s], synthStates[s]
	}
	c1, n1, k1 := actor(a1)
	c2, n2, k2 := actor(a2)
	date := t.Format("20060102")
	f = append(f, strconv.Itoa(id), date, date[:6], date[:4],
		strconv.FormatFloat(float64(t.Year())+float64(t.YearDay()-1)/365, 'f', 4, 64),
		c1, n1, k1, "", "", "", "", gov(c1), "", "",
		c2, n2, k2, "", "", "", "", gov(c2), "", "",
		"1", code, code[:3], code[:2], quad,
		strconv.FormatFloat(float64(g.rng.IntN(201)-100)/10, 'f', 1, 64),
		strconv.Itoa(1+g.rng.IntN(20)), strconv.Itoa(1+g.rng.IntN(5)), strconv.Itoa(1+g.rng.IntN(20)),
		strconv.FormatFloat(g.rng.Float64()*20-10, 'f', 6, 64))
	geoCols := 7
	if o.Version == V2 {
		geoCols = 8
	}
	for range 3 {
		f = append(f, "0")
		for range geoCols - 1 {
			f = append(f, "")
		}
	}
	if o.Version == V2 {
		f = append(f, date+"000000")
	} else {
		f = append(f, date)
	}
	f = append(f, "https://example.org/synthetic/"+strconv.Itoa(id))
	if o.Malformed > 0 && g.rng.Float64() < o.Malformed {
		switch g.rng.IntN(3) {
		case 0:
			f[ColSQLDate-1] = date[:4] + "1332" // no such month
		case 1:
			f[ColGlobalEventID-1] = "x" + f[0]
		default:
			f = f[:40] // a truncated line
		}
	}
	g.fieldBuf = f
	g.buf = append(g.buf[:0], strings.Join(f, "\t")...)
	return append(g.buf, '\n')
}

func gov(code string) string {
	if code == "" {
		return ""
	}
	return "GOV"
}
