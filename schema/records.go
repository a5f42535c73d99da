package schema

import (
	"fmt"
	"strings"
)

// The record types below are the rows of the dataset's tables. The tag
// `rj` names the codebook variable a field holds; it is also the YAML key
// and the Arrow column name, so one name serves everywhere. The option
// ",derived" marks a field that the loader fills in and the YAML records
// must not contain. A test checks that these tags and the codebook agree.

// Case is one incident that drew one or more accusations.
type Case struct {
	CaseID       string   `rj:"case_id"`
	Title        string   `rj:"title"`
	Summary      string   `rj:"summary"`
	IncidentType string   `rj:"incident_type"`
	StartDate    Date     `rj:"start_date"`
	StartNote    string   `rj:"start_date_note"`
	Location     string   `rj:"location"`
	Sources      []string `rj:"sources"`
	Notes        string   `rj:"notes"`

	Pos *Position `rj:"-" json:"-"`
}

// Quote is a short verbatim passage of an accusation or a response, tied to
// the one source that prints it in exactly these words.
type Quote struct {
	QuoteID  string   `rj:"quote_id,derived"`
	UnitID   string   `rj:"unit_id,derived"`
	CaseID   string   `rj:"case_id,derived"`
	Text     string   `rj:"text"`
	SourceID string   `rj:"source_id"`
	Codes    []string `rj:"codes"`
	Language string   `rj:"language"`
	Notes    string   `rj:"notes"`

	Pos *Position `rj:"-" json:"-"`
}

// Accusation is one public act by which a state (or body) accuses another
// state: an indictment, an attribution statement, a police charge.
type Accusation struct {
	AccusationID       string   `rj:"accusation_id"`
	CaseID             string   `rj:"case_id,derived"`
	Accuser            string   `rj:"accuser"`
	CoAccusers         []string `rj:"co_accusers"`
	AccusedState       string   `rj:"accused_state"`
	AccusedPersons     []string `rj:"accused_persons"`
	AccuserOrgan       string   `rj:"accuser_organ"`
	Issuer             string   `rj:"issuer"`
	Instrument         string   `rj:"instrument"`
	InstrumentDetail   string   `rj:"instrument_detail"`
	Date               Date     `rj:"date"`
	DateNote           string   `rj:"date_note"`
	EvidenceCited      []string `rj:"evidence_cited"`
	EvidenceDetail     []string `rj:"evidence_detail"`
	EvidenceDisclosure string   `rj:"evidence_disclosure"`
	CAMEOCode          string   `rj:"cameo_code"`
	Quotes             []Quote  `rj:"quotes"`
	Sources            []string `rj:"sources"`
	Verified           bool     `rj:"verified"`
	Notes              string   `rj:"notes"`

	Pos *Position `rj:"-" json:"-"`
}

// Response is one public reply by the accused state to an accusation, or
// the recorded absence of one (Observed = no_response_found): silence is
// data too.
type Response struct {
	ResponseID   string   `rj:"response_id"`
	CaseID       string   `rj:"case_id,derived"`
	RespondsTo   string   `rj:"responds_to"`
	Anticipatory bool     `rj:"anticipatory"`
	Link         string   `rj:"link"`
	Responder    string   `rj:"responder"`
	Date         Date     `rj:"date"`
	DateNote     string   `rj:"date_note"`
	Speaker      string   `rj:"speaker"`
	SpeakerRole  string   `rj:"speaker_role"`
	Organ        string   `rj:"organ"`
	Channel      string   `rj:"channel"`
	ChannelType  string   `rj:"channel_type"`
	Observed     string   `rj:"observed"`
	Strategies   []string `rj:"strategies"`
	Language     string   `rj:"language"`
	CAMEOCode    string   `rj:"cameo_code"`
	Summary      string   `rj:"summary"`
	Quotes       []Quote  `rj:"quotes"`
	Sources      []string `rj:"sources"`
	Searched     []string `rj:"searched"`
	SearchedOn   Date     `rj:"searched_on"`
	Verified     bool     `rj:"verified"`
	Notes        string   `rj:"notes"`

	Pos *Position `rj:"-" json:"-"`
}

// Source is one cited document: a news report, an official statement, a
// court filing.
type Source struct {
	SourceID   string `rj:"source_id"`
	Outlet     string `rj:"outlet"`
	Title      string `rj:"title"`
	URL        string `rj:"url"`
	Published  Date   `rj:"published"`
	Accessed   Date   `rj:"accessed"`
	ArchiveURL string `rj:"archive_url"`
	Notes      string `rj:"notes"`

	Pos *Position `rj:"-" json:"-"`
}

// Records holds the tables of a dataset in memory, each in a stable order
// (files by name, then records as written).
type Records struct {
	Cases       []Case
	Accusations []Accusation
	Responses   []Response
	Sources     []Source
}

// Quotes returns every quote of every accusation and response, in record
// order: the rows of the quotes table.
func (r *Records) Quotes() []Quote {
	var qs []Quote
	for _, a := range r.Accusations {
		qs = append(qs, a.Quotes...)
	}
	for _, s := range r.Responses {
		qs = append(qs, s.Quotes...)
	}
	return qs
}

// Position is where a record, and each of its fields, stands in the file it
// was read from. It is nil for records built in code. For a record read
// from a Parquet file, Line is its 1-based row number and Fields is nil.
type Position struct {
	File   string
	Line   int
	Column int
	// Fields maps a field path relative to the record ("strategies[2]",
	// "quotes[0].text") to its position; a present key also means the
	// field was written in the file.
	Fields map[string]Position
	// Columns, for a record read from a table file (CSV), maps each field
	// to its column; rows of one file share it, and a field's position is
	// the record's line at that column.
	Columns map[string]int
}

// String formats a position as file:line:col (file: row N for a Parquet
// row), leaving out what is unknown, as messages cite it.
func (p Position) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case strings.HasSuffix(p.File, ".parquet"):
		return fmt.Sprintf("%s: row %d", p.File, p.Line)
	case p.Column == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// Field returns the position of the named field, falling back to the
// field's parent ("quotes[0]" for "quotes[0].text") and then to the
// record itself. It works on a nil Position.
func (p *Position) Field(path string) Position {
	if p == nil {
		return Position{}
	}
	for path != "" {
		if fp, ok := p.Fields[path]; ok {
			return fp
		}
		if col, ok := p.Columns[path]; ok {
			return Position{File: p.File, Line: p.Line, Column: col}
		}
		path = parentPath(path)
	}
	return Position{File: p.File, Line: p.Line, Column: p.Column}
}

// Has reports whether the field was written in the file. Records without
// field positions (built in code or read from Parquet) have every field.
func (p *Position) Has(field string) bool {
	if p == nil || (p.Fields == nil && p.Columns == nil) {
		return true
	}
	_, ok := p.Fields[field]
	_, inColumns := p.Columns[field]
	return ok || inColumns
}

// parentPath strips the last element of a field path: "a[1].b" → "a[1]" →
// "a" → "".
func parentPath(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		switch path[i] {
		case '.':
			return path[:i]
		case '[':
			return path[:i]
		}
	}
	return ""
}
