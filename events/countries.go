package events

import (
	"maps"
	"slices"
)

// CAMEOToISO maps the country codes of GDELT's CAMEO country lookup
// (https://www.gdeltproject.org/data/lookups/CAMEO.country.txt) that are
// not ISO 3166-1 alpha-3 codes to the ISO code of the same country, so
// that these states' events are kept. Each mapping matches the lookup's
// country name to an ISO 3166 name (Debian iso-codes, as schema uses):
//
//   - ROM "Romania" → ROU "Romania" (ROM was Romania's ISO code until 2002)
//   - MTN "Montenegro" → MNE "Montenegro"
//   - TMP "East Timor" → TLS "Timor-Leste" (ISO 3166-3 lists TMP "East
//     Timor", numeric 626, withdrawn in 2002; TLS has numeric 626)
//   - IMY "Isle of Man" → IMN "Isle of Man"
//
// Every other code of the lookup is an ISO alpha-3 code already, or is
// dropped: see CAMEODropped. docs/notes/gdelt-countries.md has the
// comparison, and a test checks it against the lookup in testdata.
var CAMEOToISO = map[string]string{"ROM": "ROU", "MTN": "MNE", "TMP": "TLS", "IMY": "IMN"}

// CAMEODropped lists the codes of GDELT's CAMEO country lookup that name
// no state, with the reason: their events are not kept, and Ingest counts
// the events each one cost (IngestReport.Unmapped).
var CAMEODropped = map[string]string{
	"ANT": "Netherlands Antilles: dissolved in 2010 (ISO 3166-3), no single successor state",
	"BAG": "Baghdad: a city",
	"GZS": "Gaza Strip: part of a territory; its name matches no ISO 3166 name",
	"WSB": "West Bank: part of a territory; its name matches no ISO 3166 name",
	"AFR": "Africa: a region", "ASA": "Asia: a region", "BLK": "Balkans: a region",
	"CRB": "Caribbean: a region", "CAU": "Caucasus: a region", "CFR": "Central Africa: a region",
	"CAS": "Central Asia: a region", "CEU": "Central Europe: a region", "EIN": "East Indies: a region",
	"EAF": "Eastern Africa: a region", "EEU": "Eastern Europe: a region", "EUR": "Europe: a region",
	"LAM": "Latin America: a region", "MEA": "Middle East: a region", "MDT": "Mediterranean: a region",
	"NAF": "North Africa: a region", "NMR": "North America: a region", "PGS": "Persian Gulf: a region",
	"SCN": "Scandinavia: a region", "SAM": "South America: a region", "SAS": "South Asia: a region",
	"SEA": "Southeast Asia: a region", "SAF": "Southern Africa: a region", "WAF": "West Africa: a region",
	"WST": "The West: a region",
}

// mappedCodes lists the keys of CAMEOToISO, sorted, for SQL.
func mappedCodes() []string { return slices.Sorted(maps.Keys(CAMEOToISO)) }
