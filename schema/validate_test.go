package schema

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// validRecords is a small, valid dataset built in code.
func validRecords() *Records {
	return &Records{
		Cases:   []Case{{CaseID: "tst-x-2020", Title: "T", Summary: "S", IncidentType: "other", Sources: []string{"tst-x-2020-s1"}}},
		Sources: []Source{{SourceID: "tst-x-2020-s1", Outlet: "O", URL: "https://example.org/x"}},
		Accusations: []Accusation{{AccusationID: "tst-x-2020-a1", CaseID: "tst-x-2020", Accuser: "USA", AccusedState: "PRK",
			AccuserOrgan: "police", Instrument: "indictment", Date: DayDate(2020, 5, 1), EvidenceDisclosure: "none",
			Sources: []string{"tst-x-2020-s1"}, Verified: true}},
		Responses: []Response{{ResponseID: "tst-x-2020-r1", CaseID: "tst-x-2020", RespondsTo: "tst-x-2020-a1", Link: "stated",
			Responder: "PRK", Date: DayDate(2020, 5, 3), Organ: "foreign_ministry", Observed: "responded",
			Strategies: []string{"denial"}, Summary: "Denies.", Sources: []string{"tst-x-2020-s1"}, Verified: true,
			Quotes: []Quote{{QuoteID: "tst-x-2020-r1-q1", UnitID: "tst-x-2020-r1", CaseID: "tst-x-2020", Text: "no", SourceID: "tst-x-2020-s1", Codes: []string{"denial"}}}}},
	}
}

// silence turns the valid records' response into a valid record of
// silence.
func silence(r *Records) {
	s := &r.Responses[0]
	s.Observed, s.Strategies, s.Quotes, s.Organ, s.Link, s.Verified = "no_response_found", nil, nil, "", "not_applicable", false
	s.Searched, s.SearchedOn = []string{"search tool, pages: x reply"}, DayDate(2026, 12, 1)
}

func TestValidSilence(t *testing.T) {
	r := validRecords()
	silence(r)
	if problems := Validate(Default(), r); len(problems) != 0 {
		t.Fatalf("a valid record of silence is refused:\n%v", problems)
	}
	// A source that states the silence, quoted, makes it verifiable.
	r.Responses[0].Verified = true
	r.Responses[0].Quotes = []Quote{{QuoteID: "tst-x-2020-r1-q1", UnitID: "tst-x-2020-r1", CaseID: "tst-x-2020", Text: "had not responded to requests for comment", SourceID: "tst-x-2020-s1"}}
	if problems := Validate(Default(), r); len(problems) != 0 {
		t.Fatalf("a verified silence with a quote is refused:\n%v", problems)
	}
}

func TestValidateAcceptsValidRecords(t *testing.T) {
	if problems := Validate(Default(), validRecords()); len(problems) != 0 {
		t.Fatalf("problems in valid records:\n%v", problems)
	}
}

// An international body of the codebook may accuse in its own name, alone
// or beside states; it is never a state (see the table test for that).
func TestValidateAcceptsBodiesAsAccusers(t *testing.T) {
	for _, b := range Bodies() {
		r := validRecords()
		r.Accusations[0].Accuser = b.Code
		r.Accusations[0].CoAccusers = []string{"GBR", b.Code}
		if problems := Validate(Default(), r); len(problems) != 0 {
			t.Errorf("accuser %s refused:\n%v", b.Code, problems)
		}
		if IsCountry(b.Code) || !IsActor(b.Code) || ActorName(b.Code) != b.Name {
			t.Errorf("%s: IsCountry %v, IsActor %v, ActorName %q", b.Code, IsCountry(b.Code), IsActor(b.Code), ActorName(b.Code))
		}
	}
	if got := ActorName("FRA"); got != CountryName("FRA") || got == "" {
		t.Errorf("ActorName(FRA) = %q", got)
	}
}

func TestValidateFindsProblems(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(r *Records)
		kind   error
		field  string
	}{
		{"unknown strategy", func(r *Records) { r.Responses[0].Strategies = []string{"denial", "denail"} }, ErrUnknownCode, "strategies[1]"},
		{"unknown organ", func(r *Records) { r.Responses[0].Organ = "ministry" }, ErrUnknownCode, "organ"},
		{"bad accuser", func(r *Records) { r.Accusations[0].Accuser = "UK" }, ErrBadActor, "accuser"},
		{"bad co-accuser", func(r *Records) { r.Accusations[0].CoAccusers = []string{"GBR", "EUR"} }, ErrBadActor, "co_accusers[1]"},
		{"body as the accused", func(r *Records) { r.Accusations[0].AccusedState = "EU" }, ErrBadCountry, "accused_state"},
		{"body as the responder", func(r *Records) { r.Responses[0].Responder = "NATO" }, ErrBadCountry, "responder"},
		{"no source", func(r *Records) { r.Responses[0].Sources = nil; r.Responses[0].Quotes = nil }, ErrMissingSource, "sources"},
		{"quote without source", func(r *Records) { r.Responses[0].Quotes[0].SourceID = "" }, ErrMissingSource, "source_id"},
		{"quote source not cited", func(r *Records) {
			r.Sources = append(r.Sources, Source{SourceID: "tst-x-2020-s2", Outlet: "P", URL: "https://example.org/y"})
			r.Responses[0].Quotes[0].SourceID = "tst-x-2020-s2"
		}, ErrInconsistent, "quotes[0].source_id"},
		{"quote source does not exist", func(r *Records) { r.Responses[0].Quotes[0].SourceID = "tst-x-2020-s9" }, ErrDangling, "quotes[0].source_id"},
		{"dangling responds_to", func(r *Records) { r.Responses[0].RespondsTo = "tst-x-2020-a9" }, ErrDangling, "responds_to"},
		{"dangling source", func(r *Records) { r.Accusations[0].Sources = []string{"nope"} }, ErrDangling, "sources[0]"},
		{"duplicate id", func(r *Records) { r.Sources = append(r.Sources, r.Sources[0]) }, ErrDuplicateID, "source_id"},
		{"before accusation", func(r *Records) { r.Responses[0].Date = DayDate(2020, 4, 30) }, ErrBeforeAccusation, "date"},
		{"anticipatory after", func(r *Records) { r.Responses[0].Anticipatory = true }, ErrInconsistent, "anticipatory"},
		{"no strategy", func(r *Records) { r.Responses[0].Strategies = nil }, ErrNoStrategy, "strategies"},
		{"silence with strategy", func(r *Records) { r.Responses[0].Observed = "no_response_found"; r.Responses[0].Quotes = nil }, ErrInconsistent, "strategies[0]"},
		{"strategy no quote evidences", func(r *Records) { r.Responses[0].Strategies = []string{"denial", "smear_framing"} }, ErrUnevidenced, "strategies[1]"},
		{"strategy of a response without quotes", func(r *Records) { r.Responses[0].Quotes = nil }, ErrUnevidenced, "strategies[0]"},
		{"quote code not among strategies", func(r *Records) { r.Responses[0].Quotes[0].Codes = []string{"denial", "ridicule"} }, ErrInconsistent, "quotes[0].codes[1]"},
		{"unknown quote code", func(r *Records) { r.Responses[0].Quotes[0].Codes = []string{"denail"} }, ErrUnknownCode, "codes[0]"},
		{"codes on an accusation's quote", func(r *Records) {
			r.Accusations[0].Quotes = []Quote{{QuoteID: "tst-x-2020-a1-q1", UnitID: "tst-x-2020-a1", CaseID: "tst-x-2020", Text: "you did it", SourceID: "tst-x-2020-s1", Codes: []string{"denial"}}}
		}, ErrInconsistent, "quotes[0].codes"},
		{"accusation without a response record", func(r *Records) { r.Responses[0].RespondsTo = ""; r.Responses[0].Anticipatory = true }, ErrUnanswered, "accusation_id"},
		{"silence without searches", func(r *Records) { silence(r); r.Responses[0].Searched = nil }, ErrMissing, "searched"},
		{"silence without a search date", func(r *Records) { silence(r); r.Responses[0].SearchedOn = Date{} }, ErrMissing, "searched_on"},
		{"silence with a stated link", func(r *Records) { silence(r); r.Responses[0].Link = "stated" }, ErrInconsistent, "link"},
		{"silence verified without a quote", func(r *Records) { silence(r); r.Responses[0].Verified = true }, ErrInconsistent, "verified"},
		{"not_applicable link on a response", func(r *Records) { r.Responses[0].Link = "not_applicable" }, ErrInconsistent, "link"},
		{"uncited source", func(r *Records) {
			r.Sources = append(r.Sources, Source{SourceID: "tst-x-2020-s2", Outlet: "P", URL: "https://example.org/y"})
		}, ErrUncited, "source_id"},
		{"bad id", func(r *Records) { r.Cases[0].CaseID = "Bad Id" }, ErrBadValue, "case_id"},
		{"bad url", func(r *Records) { r.Sources[0].URL = "javascript:alert(1)" }, ErrBadValue, "url"},
		{"url host with the root dot", func(r *Records) { r.Sources[0].URL = "https://example.org./a" }, ErrBadValue, "url"},
		{"bad cameo", func(r *Records) { r.Accusations[0].CAMEOCode = "11a" }, ErrBadValue, "cameo_code"},
		{"bad language", func(r *Records) { r.Responses[0].Language = "English" }, ErrBadValue, "language"},
		{"missing summary", func(r *Records) { r.Responses[0].Summary = "" }, ErrMissing, "summary"},
		{"accuses itself", func(r *Records) { r.Accusations[0].AccusedState = "USA" }, ErrInconsistent, "accused_state"},
		{"id outside case", func(r *Records) { r.Responses[0].ResponseID = "other-r1" }, ErrInconsistent, "response_id"},
		{"untrimmed text", func(r *Records) { r.Cases[0].Title = " T" }, ErrBadValue, "title"},
		{"tab inside text", func(r *Records) { r.Cases[0].Title = "T\tU" }, ErrBadValue, "title"},
		{"tab inside a quote", func(r *Records) { r.Responses[0].Quotes[0].Text = "no,\tnever" }, ErrBadValue, "text"},
		{"tab inside a list of text", func(r *Records) { r.Accusations[0].EvidenceDetail = []string{"ok", "IP\taddresses"} }, ErrBadValue, "evidence_detail[1]"},
		{"control character in text", func(r *Records) { r.Responses[0].Summary = "Denies\x07." }, ErrBadValue, "summary"},
		{"none_public beside evidence", func(r *Records) { r.Accusations[0].EvidenceCited = []string{"cctv", "none_public"} }, ErrInconsistent, "evidence_cited[1]"},
		{"another case's source", func(r *Records) {
			addCase(r, "tst-y-2021")
			r.Responses[0].Sources = append(r.Responses[0].Sources, "tst-y-2021-s1")
		}, ErrInconsistent, "sources[1]"},
		{"a case citing another case's source", func(r *Records) {
			addCase(r, "tst-y-2021")
			r.Cases[0].Sources = []string{"tst-y-2021-s1"}
		}, ErrInconsistent, "sources[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRecords()
			tt.break_(r)
			problems := Validate(Default(), r)
			for _, p := range problems {
				if errors.Is(p, tt.kind) && p.Field == tt.field {
					return
				}
			}
			t.Errorf("want a %q problem on %s; got:\n%v", tt.kind, tt.field, problems)
		})
	}
}

func TestFieldErrorFormat(t *testing.T) {
	e := &FieldError{File: "records/x.yaml", Line: 12, Column: 7, Table: "responses", ID: "x-r1", Field: "strategies[1]",
		Value: "denail", Allowed: "denial, non_denial", Err: ErrUnknownCode}
	want := `records/x.yaml:12:7: responses x-r1: strategies[1]: unknown code "denail" (allowed: denial, non_denial)`
	if e.Error() != want {
		t.Errorf("got  %s\nwant %s", e.Error(), want)
	}
	p := &FieldError{File: "out/responses.parquet", Line: 3, Table: "responses", Field: "verified", Err: ErrMissing}
	if !strings.HasPrefix(p.Error(), "out/responses.parquet: row 3: ") {
		t.Errorf("parquet position: %s", p.Error())
	}
	var l ErrorList
	if l.Err() != nil {
		t.Error("empty list is not an error")
	}
	l = ErrorList{p, e}
	if err := l.Err(); err == nil || !strings.HasPrefix(err.Error(), "out/") || strings.Count(err.Error(), "\n") != 1 {
		t.Errorf("list: %v", err)
	}
}

// A misspelt code is answered with the codes it is nearest to, as a
// misspelt command is; a value near nothing gets no guess.
func TestUnknownCodeSuggestions(t *testing.T) {
	tests := []struct {
		strategy, organ string
		field, detail   string
	}{
		{"evidence_rejectoin", "foreign_ministry", "strategies[0]", `did you mean "evidence_rejection"?`},
		{"denail", "foreign_ministry", "strategies[0]", `did you mean "denial"?`},
		{"Denial", "foreign_ministry", "strategies[0]", `did you mean "denial"?`},
		{"counter_acusation", "foreign_ministry", "strategies[0]", `did you mean "counter_accusation"?`},
		{"denial", "head_of_stat", "organ", `did you mean "head_of_state"?`},
		{"denial", "foreign_office", "organ", ""},
		{"lying", "foreign_ministry", "strategies[0]", ""},
	}
	for _, tt := range tests {
		r := validRecords()
		r.Responses[0].Strategies = []string{tt.strategy}
		r.Responses[0].Organ = tt.organ
		problems := Validate(Default(), r)
		if len(problems) != 1 || problems[0].Field != tt.field || !errors.Is(problems[0], ErrUnknownCode) || problems[0].Detail != tt.detail {
			t.Errorf("%s, %s: got %v; want one unknown code on %s with detail %q", tt.strategy, tt.organ, problems, tt.field, tt.detail)
		}
	}
}

func TestClosest(t *testing.T) {
	codes := []string{"denial", "non_denial", "evidence_rejection", "evidence_demand"}
	tests := []struct {
		value string
		want  []string
	}{
		{"denail", []string{"denial"}},
		{"evidence_rejectoin", []string{"evidence_rejection"}},
		{"non-denial", []string{"non_denial"}},
		{"evidence_", nil},
		{"", nil},
		{"xyz", nil},
	}
	for _, tt := range tests {
		if got := Closest(tt.value, codes); !slices.Equal(got, tt.want) {
			t.Errorf("Closest(%q) = %q, want %q", tt.value, got, tt.want)
		}
	}
	if got := DidYouMean("denal", []string{"denial", "dental"}); got != `did you mean "denial" or "dental"?` {
		t.Errorf("a tie: %q", got)
	}
}

// A quote citing a source that exists but is not in its record's list is
// told exactly that, not that the source does not exist.
func TestQuoteSourceNotListedMessage(t *testing.T) {
	r := validRecords()
	r.Sources = append(r.Sources, Source{SourceID: "tst-x-2020-s2", Outlet: "P", URL: "https://example.org/y"})
	r.Cases[0].Sources = append(r.Cases[0].Sources, "tst-x-2020-s2")
	r.Responses[0].Quotes[0].SourceID = "tst-x-2020-s2"
	want := `responses tst-x-2020-r1: quotes[0].source_id: inconsistent with another field "tst-x-2020-s2": ` +
		`source tst-x-2020-s2 exists but is not in this response's sources list; add it there, or cite one that is ` +
		`(allowed: one of the record's sources: tst-x-2020-s1)`
	if got := Validate(Default(), r).Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// Two responses with one id are one problem, naming where the id was
// first used; their quotes, whose ids are derived from it, are not
// reported as duplicates of ids the user never wrote.
func TestDuplicateIDDoesNotCascade(t *testing.T) {
	r := validRecords()
	r.Responses[0].Pos = &Position{File: "f.yaml", Line: 20, Column: 3, Fields: map[string]Position{"response_id": {File: "f.yaml", Line: 20, Column: 16}, "verified": {}}}
	twin := r.Responses[0]
	twin.Pos = &Position{File: "f.yaml", Line: 40, Column: 3, Fields: map[string]Position{"response_id": {File: "f.yaml", Line: 40, Column: 16}, "verified": {}}}
	r.Responses = append(r.Responses, twin)
	want := `f.yaml:40:16: responses tst-x-2020-r1: response_id: duplicate id "tst-x-2020-r1": first used at f.yaml:20:16 (allowed: each id once)`
	if got := Validate(Default(), r).Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// A duplicate accusation id: the responses answering it are not
	// checked against whichever of the two came last.
	r = validRecords()
	late := r.Accusations[0]
	late.Date = DayDate(2020, 6, 1)
	r.Accusations = append(r.Accusations, late)
	problems := Validate(Default(), r)
	if len(problems) != 1 || !errors.Is(problems[0], ErrDuplicateID) || problems[0].Field != "accusation_id" {
		t.Errorf("duplicate accusation: got\n%v", problems)
	}
}

// addCase adds a second valid case with one source, tst-y-2021-s1.
func addCase(r *Records, id string) {
	r.Cases = append(r.Cases, Case{CaseID: id, Title: "T", Summary: "S", IncidentType: "other", Sources: []string{id + "-s1"}})
	r.Sources = append(r.Sources, Source{SourceID: id + "-s1", Outlet: "O", URL: "https://example.org/" + id})
}

// The rules that tie text, evidence and sources together, as printed; and
// what they let through.
func TestTextEvidenceAndSourceRules(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(r *Records)
		want   string // every problem, or "" for none
	}{
		{"tab in a quote", func(r *Records) { r.Responses[0].Quotes[0].Text = "no,\tnever" },
			`quotes tst-x-2020-r1-q1: text: invalid value "no,\tnever": a tab at character 4; text may not hold tabs (write a space) (allowed: non-empty text)`},
		{"control character", func(r *Records) { r.Cases[0].Summary = "S\x00" },
			`cases tst-x-2020: summary: invalid value "S\x00": control character U+0000 at character 2; text may hold line breaks but no other control characters (allowed: non-empty text)`},
		{"line breaks are text", func(r *Records) { r.Responses[0].Quotes[0].Text = "no.\r\nNever." }, ""},
		{"none_public beside evidence", func(r *Records) { r.Accusations[0].EvidenceCited = []string{"none_public", "cctv", "intercepts"} },
			`accusations tst-x-2020-a1: evidence_cited[0]: inconsistent with another field "none_public": no evidence cited publicly, beside cctv, intercepts (allowed: none_public alone, or only the kinds of evidence cited)`},
		{"none_public alone", func(r *Records) { r.Accusations[0].EvidenceCited = []string{"none_public"} }, ""},
		{"another case's source", func(r *Records) {
			addCase(r, "tst-y-2021")
			r.Accusations[0].Sources = []string{"tst-x-2020-s1", "tst-y-2021-s1"}
		}, `accusations tst-x-2020-a1: sources[1]: inconsistent with another field "tst-y-2021-s1": source tst-y-2021-s1 belongs to case tst-y-2021; list the document under this case's sources, with an id of this case, and cite that (allowed: a source of case tst-x-2020 (tst-x-2020-s<n>))`},
		{"a case whose id extends another's", func(r *Records) {
			addCase(r, "tst-x-2020-s1x") // tst-x-2020-s1x-s1 belongs to it, not to tst-x-2020
			r.Cases[1].Summary = "S"
		}, ""},
		{"a source outside the id pattern", func(r *Records) {
			r.Sources = append(r.Sources, Source{SourceID: "gazette-1", Outlet: "O", URL: "https://example.org/g"})
			r.Responses[0].Sources = append(r.Responses[0].Sources, "gazette-1")
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRecords()
			tt.break_(r)
			if got := Validate(Default(), r).Error(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// isID accepts exactly what idPattern matches.
func TestIsIDMatchesPattern(t *testing.T) {
	for _, s := range []string{"", "a", "-", "a-", "-a", "a-b", "a--b", "prk-park-2018-r1", "A", "a_b", "a b", "é", "0", "0-0-0",
		"a-b-", "ab\n", "\x00", "abc-DEF", "x-1-y-22", "--", "a-b--c"} {
		if got, want := isID(s), idPattern.MatchString(s); got != want {
			t.Errorf("isID(%q) = %v, idPattern says %v", s, got, want)
		}
	}
}
