package schema

import "slices"

// CodebookVersion is the version of the codebook below. Raise the minor
// number when codes are added, the major number when a code is renamed or
// removed (and record why in the codebook changelog).
const CodebookVersion = "2.1.0"

// Type is how a variable is stored and checked.
type Type string

// The variable types.
const (
	TypeID       Type = "id"       // a lower-case slug that identifies a row
	TypeRef      Type = "ref"      // the id of a row in another table
	TypeText     Type = "text"     // free text
	TypeEnum     Type = "enum"     // one of the variable's Values
	TypeCountry  Type = "iso3"     // an ISO 3166-1 alpha-3 country code
	TypeActor    Type = "actor"    // a state's ISO 3166-1 alpha-3 code or an international body's code (Bodies)
	TypeDate     Type = "date"     // a Date with its precision
	TypeBool     Type = "bool"     // true or false
	TypeURL      Type = "url"      // an absolute http(s) URL
	TypeLanguage Type = "language" // a BCP 47 language tag
	TypeCAMEO    Type = "cameo"    // a CAMEO event code, 2 to 4 digits
	TypeInt      Type = "int"      // a whole number
)

// Level is a variable's level of measurement, which decides the statistics
// that make sense for it (and, later, the reliability metric).
type Level string

// The levels of measurement.
const (
	Nominal  Level = "nominal"
	Ordinal  Level = "ordinal"
	Interval Level = "interval"
	Ratio    Level = "ratio"
)

// Value is one allowed value of an enumerated variable.
type Value struct {
	Code       string
	Definition string
	Examples   []string
	// Benoit and FourD are set on response strategies only: the strategy's
	// family in Benoit's image-repair typology and its place in the
	// "4D" disinformation scheme (dismiss, distort, distract, dismay).
	Benoit string
	FourD  string
	// CAMEO is the nearest CAMEO event code of a response strategy, so
	// that coded responses can be set beside machine-coded event data.
	CAMEO string
	// Lexicon holds a strategy's cues for the dictionary coder.
	Lexicon []Cue
	// Rule says when to apply the code and when a neighbouring code
	// applies instead, so that a new coder can decide without asking.
	Rule string
	// Positive and Negative are passages of the dataset that the code
	// fits and that it does not (with the code that fits instead). A
	// test checks that each is a quote of the response it names.
	Positive []Example
	Negative []Example
}

// Example is one passage of the dataset that shows how a code is
// applied: a quote (or part of one) of the named response.
type Example struct {
	Unit string // the response whose quote it is
	Text string // the words, verbatim
	Why  string // why the code fits, or which code fits instead
}

// PairRule settles a pair of codes that overlap: which applies when, and
// whether both may be coded together.
type PairRule struct {
	Codes [2]string
	Rule  string
}

// Variable is one column of one table.
type Variable struct {
	Name       string
	Type       Type
	List       bool   // multi-valued: stored as a list column
	Level      Level  // empty for identifiers and free text
	Required   bool   // must be present and non-empty
	Ref        string // for TypeRef: the table whose key it holds
	Coded      bool   // coders judge it: it goes in the coding template and the reliability checks
	Definition string
	Values     []Value // for TypeEnum
}

// Codes returns the allowed codes of an enumerated variable, in codebook
// order.
func (v *Variable) Codes() []string {
	codes := make([]string, len(v.Values))
	for i, val := range v.Values {
		codes[i] = val.Code
	}
	return codes
}

// Value returns the allowed value with the given code.
func (v *Variable) Value(code string) (Value, bool) {
	for _, val := range v.Values {
		if val.Code == code {
			return val, true
		}
	}
	return Value{}, false
}

// Table is one table of the dataset.
type Table struct {
	Name      string
	Unit      string // what one row is
	Key       string // the primary-key variable
	Variables []Variable
}

// Variable returns the table's variable with the given name.
func (t *Table) Variable(name string) (*Variable, bool) {
	for i := range t.Variables {
		if t.Variables[i].Name == name {
			return &t.Variables[i], true
		}
	}
	return nil, false
}

// Codebook is the whole data model: the tables and their variables, and
// the two schemes that response strategies roll up to.
type Codebook struct {
	Version        string
	Tables         []Table
	BenoitFamilies []Value
	FourD          []Value
	// CodingRules are the rules that hold for every strategy code;
	// PairRules settle the pairs of strategies that overlap.
	CodingRules []string
	PairRules   []PairRule
	// Bodies are the international bodies an accuser may be besides a
	// state (type actor).
	Bodies []Body
}

// cloneValues copies a list of values with everything they hold, so that
// a caller that changes its codebook (a code, an example, a cue) changes
// nobody else's: Default's copies share no memory with the package's lists.
func cloneValues(vs []Value) []Value {
	out := slices.Clone(vs)
	for i := range out {
		out[i].Examples = slices.Clone(out[i].Examples)
		out[i].Lexicon = slices.Clone(out[i].Lexicon)
		out[i].Positive = slices.Clone(out[i].Positive)
		out[i].Negative = slices.Clone(out[i].Negative)
	}
	return out
}

// Table returns the named table.
func (c *Codebook) Table(name string) (*Table, bool) {
	for i := range c.Tables {
		if c.Tables[i].Name == name {
			return &c.Tables[i], true
		}
	}
	return nil, false
}

// MustVariable returns table.variable and panics if it does not exist. It
// is for code that names variables of the built-in codebook, where a
// missing one is a programming error caught by the tests.
func (c *Codebook) MustVariable(table, name string) *Variable {
	t, ok := c.Table(table)
	if ok {
		if v, ok := t.Variable(name); ok {
			return v
		}
	}
	panic("schema: no variable " + table + "." + name)
}

// Strategies returns the response strategy codes in codebook order.
func (c *Codebook) Strategies() []Value {
	return c.MustVariable(TableResponses, "strategies").Values
}

// The table names.
const (
	TableCases       = "cases"
	TableAccusations = "accusations"
	TableResponses   = "responses"
	TableQuotes      = "quotes"
	TableSources     = "sources"
)

// Default returns the built-in codebook. Callers may read it freely; it is
// rebuilt on every call so no caller can change another's copy.
func Default() *Codebook {
	return &Codebook{
		Version:        CodebookVersion,
		Tables:         []Table{casesTable(), accusationsTable(), responsesTable(), quotesTable(), sourcesTable()},
		BenoitFamilies: cloneValues(benoitFamilies),
		FourD:          cloneValues(fourD),
		CodingRules:    slices.Clone(codingRules),
		Bodies:         Bodies(),
		PairRules:      slices.Clone(pairRules),
	}
}

func casesTable() Table {
	return Table{
		Name: TableCases, Key: "case_id",
		Unit: "one incident that drew one or more public accusations (e.g. the Salisbury poisoning)",
		Variables: []Variable{
			{Name: "case_id", Type: TypeID, Required: true, Definition: "Stable readable slug: accused state, short name, year (prk-park-2018)."},
			{Name: "title", Type: TypeText, Required: true, Definition: "One-line title of the case."},
			{Name: "summary", Type: TypeText, Required: true, Definition: "What happened, as the sources describe it."},
			{Name: "incident_type", Type: TypeEnum, Level: Nominal, Required: true, Definition: "Kind of incident the accusation concerns.",
				Values: []Value{
					{Code: "cyber_operation", Definition: "Intrusion, destructive malware, theft or espionage through computer networks.", Examples: []string{"Sony Pictures hack", "WannaCry"}},
					{Code: "chemical_poisoning", Definition: "Poisoning of persons with a chemical agent.", Examples: []string{"Novichok in Salisbury"}},
					{Code: "close_access_operation", Definition: "Operatives on the spot attempting intrusion or sabotage (e.g. Wi-Fi hacking near a target).", Examples: []string{"GRU team at the OPCW"}},
					{Code: "chemical_weapons_attack", Definition: "Use of a chemical weapon against a population or in war (not the poisoning of chosen persons).", Examples: []string{"Douma, April 2018"}},
					{Code: "assassination", Definition: "Killing, or a plot to kill, a chosen person abroad by other means than poison.", Examples: []string{"the Tiergarten murder", "the plot against Gurpatwant Singh Pannun"}},
					{Code: "terrorist_attack", Definition: "An armed attack or bomb plot against civilians or forces by a group the accuser says the accused state directed or sheltered.", Examples: []string{"Pulwama", "the Villepinte bomb plot"}},
					{Code: "transnational_repression", Definition: "Surveillance, coercion, harassment or kidnapping of diaspora members or dissidents abroad (other than killing).", Examples: []string{"overseas police stations", "the plot to kidnap Masih Alinejad"}},
					{Code: "political_interference", Definition: "Covert interference in another state's elections or politics: influence and disinformation campaigns, covert funding, a coup plot.", Examples: []string{"interference in Canada's elections"}},
					{Code: "espionage", Definition: "Intelligence collection by other means than computer networks (agents, surveillance platforms).", Examples: []string{"the balloon over the United States, 2023"}},
					{Code: "military_incident", Definition: "An attack by armed forces, or a clash, outside a declared war's battlefield (a warship sunk, tankers attacked).", Examples: []string{"the Gulf of Oman tanker attacks"}},
					{Code: "human_rights_violation", Definition: "Killings, torture, mass detention or forced labour of a population by the state's forces or authorities (war crimes included).", Examples: []string{"Bucha", "Xinjiang"}},
					{Code: "other", Definition: "Any other incident; explain in notes."},
				}},
			{Name: "start_date", Type: TypeDate, Level: Interval, Definition: "When the incident began, to the precision the sources give."},
			{Name: "start_date_note", Type: TypeText, Definition: "Why the start date is uncertain or coarse, and which source gives it."},
			{Name: "location", Type: TypeText, Definition: "Where the incident happened."},
			{Name: "sources", Type: TypeRef, List: true, Ref: TableSources, Required: true, Definition: "Sources for the incident itself."},
			{Name: "notes", Type: TypeText, Definition: "Conflicts between sources, gaps, caveats."},
		},
	}
}

func accusationsTable() Table {
	return Table{
		Name: TableAccusations, Key: "accusation_id",
		Unit: "one public accusation act by one state (or body) against another state",
		Variables: []Variable{
			{Name: "accusation_id", Type: TypeID, Required: true, Definition: "Case id plus -a and a number (prk-park-2018-a1)."},
			{Name: "case_id", Type: TypeRef, Ref: TableCases, Required: true, Definition: "The case (filled in from the record file)."},
			{Name: "accuser", Type: TypeActor, Level: Nominal, Required: true, Definition: "The accusing state (ISO 3166-1 alpha-3), or the international body that made the act in its own name (EU, NATO, UN, OHCHR, OPCW)."},
			{Name: "co_accusers", Type: TypeActor, List: true, Level: Nominal, Definition: "States (or international bodies) that joined the same act."},
			{Name: "accused_state", Type: TypeCountry, Level: Nominal, Required: true, Definition: "The accused state, ISO 3166-1 alpha-3."},
			{Name: "accused_persons", Type: TypeText, List: true, Definition: "Persons or entities named, as the accusation gives them."},
			{Name: "accuser_organ", Coded: true, Type: TypeEnum, Level: Nominal, Required: true, Definition: "The organ of the accusing state that made the act.",
				Values: []Value{
					{Code: "head_of_state", Definition: "Head of state or their office."},
					{Code: "head_of_government", Definition: "Prime minister, head of government or their office (e.g. the White House)."},
					{Code: "foreign_ministry", Definition: "Foreign ministry or its officials."},
					{Code: "justice_prosecutor", Definition: "Justice ministry or public prosecutor.", Examples: []string{"US Department of Justice", "Crown Prosecution Service"}},
					{Code: "police", Definition: "Police force.", Examples: []string{"Metropolitan Police"}},
					{Code: "intelligence_agency", Definition: "Intelligence or cyber-security agency.", Examples: []string{"FBI statement of attribution", "NCSC"}},
					{Code: "defence_ministry", Definition: "Defence ministry or military."},
					{Code: "finance_ministry", Definition: "Finance or treasury ministry (sanctions designations).", Examples: []string{"US Treasury (OFAC)"}},
					{Code: "multilateral_body", Definition: "International organisation (EU, NATO, OPCW)."},
					{Code: "other", Definition: "Any other organ; explain in notes."},
				}},
			{Name: "issuer", Type: TypeText, Definition: "Who issued the act, as the sources name them."},
			{Name: "instrument", Coded: true, Type: TypeEnum, Level: Nominal, Required: true, Definition: "The legal or political form of the accusation.",
				Values: []Value{
					{Code: "criminal_complaint", Definition: "Criminal complaint (with affidavit) filed with a court."},
					{Code: "indictment", Definition: "Indictment returned by a grand jury or equivalent."},
					{Code: "criminal_charge", Definition: "Police or prosecutor's charge against named persons."},
					{Code: "attribution_statement", Definition: "Government statement attributing the act to the accused state."},
					{Code: "joint_attribution", Definition: "Attribution made jointly by several states."},
					{Code: "sanctions", Definition: "Sanctions designation justified by the act."},
					{Code: "expulsion", Definition: "Expulsion of the accused state's diplomats justified by the act."},
					{Code: "investigation_report", Definition: "Published report of an official investigation."},
					{Code: "court_judgment", Definition: "Judgment of a court."},
					{Code: "other", Definition: "Any other form; explain in instrument_detail."},
				}},
			{Name: "instrument_detail", Type: TypeText, Definition: "The instrument as the sources describe it (charges, counts, statute)."},
			{Name: "date", Type: TypeDate, Level: Interval, Required: true, Definition: "When the accusation was made public (not when it was filed under seal)."},
			{Name: "date_note", Type: TypeText, Definition: "Why a date is uncertain or coarse; other relevant dates (filing, unsealing)."},
			{Name: "evidence_cited", Coded: true, Type: TypeEnum, List: true, Level: Nominal, Definition: "Kinds of evidence the accuser cited publicly.",
				Values: []Value{
					{Code: "cctv", Definition: "Closed-circuit camera images."},
					{Code: "travel_records", Definition: "Flight, border or hotel records."},
					{Code: "identity_documents", Definition: "Passports or identity papers of the accused."},
					{Code: "ip_addresses", Definition: "IP addresses, proxies or network infrastructure."},
					{Code: "online_accounts", Definition: "E-mail, social-media or other online accounts and aliases."},
					{Code: "malware_code", Definition: "Malware samples, code libraries or their overlap."},
					{Code: "financial_records", Definition: "Payments, bank or cryptocurrency records."},
					{Code: "corporate_records", Definition: "Employment or company records (e.g. a front company)."},
					{Code: "chemical_analysis", Definition: "Laboratory identification of an agent or its traces."},
					{Code: "witness_testimony", Definition: "Witness statements."},
					{Code: "intercepts", Definition: "Intercepted communications."},
					{Code: "intelligence_assessment", Definition: "An intelligence judgement whose underlying evidence is not public."},
					{Code: "open_source_investigation", Definition: "Findings of open-source researchers the accuser relies on."},
					{Code: "none_public", Definition: "No evidence cited publicly."},
				}},
			{Name: "evidence_detail", Type: TypeText, List: true, Definition: "The evidence as the sources list it."},
			{Name: "evidence_disclosure", Coded: true, Type: TypeEnum, Level: Ordinal, Required: true, Definition: "How much of the evidence the accuser made public.",
				Values: []Value{
					{Code: "none", Definition: "No evidence disclosed."},
					{Code: "asserted", Definition: "Evidence said to exist but not described."},
					{Code: "summary", Definition: "Kinds of evidence described in general terms."},
					{Code: "detailed", Definition: "Specific evidence published (images, documents, affidavit)."},
					{Code: "unknown", Definition: "The sources do not settle how much evidence was published (not part of the ordinal scale: analyses treat it as missing)."},
				}},
			{Name: "cameo_code", Type: TypeCAMEO, Level: Nominal, Definition: "CAMEO event code of the act (1121 accuse of crime, 1125 accuse of espionage, 163 sanctions, 166/174 expulsion)."},
			{Name: "quotes", Type: TypeRef, List: true, Ref: TableQuotes, Definition: "Key passages of the accusation, each tied to its source (rows of the quotes table)."},
			{Name: "sources", Type: TypeRef, List: true, Ref: TableSources, Required: true, Definition: "Sources that report the accusation."},
			{Name: "verified", Type: TypeBool, Level: Nominal, Required: true, Definition: "Whether the facts were checked against a stored copy of a cited source."},
			{Name: "notes", Type: TypeText, Definition: "Conflicts between sources, gaps, caveats."},
		},
	}
}

func responsesTable() Table {
	return Table{
		Name: TableResponses, Key: "response_id",
		Unit: "one public reply (or recorded absence of reply) by the accused state",
		Variables: []Variable{
			{Name: "response_id", Type: TypeID, Required: true, Definition: "Case id plus -r and a number (prk-park-2018-r1)."},
			{Name: "case_id", Type: TypeRef, Ref: TableCases, Required: true, Definition: "The case (filled in from the record file)."},
			{Name: "responds_to", Type: TypeRef, Ref: TableAccusations, Definition: "The accusation answered; empty only for an anticipatory response that answers no recorded accusation."},
			{Name: "anticipatory", Type: TypeBool, Level: Nominal, Definition: "True when the response came before the accusation it anticipates; such responses get no lag."},
			{Name: "link", Type: TypeEnum, Level: Nominal, Required: true, Definition: "How the response is tied to the accusation, settled by the researcher from the full source (not coded from the quotes: two rounds of double coding from quotes alone fell short of alpha 0.80, see DATASET.md).",
				Values: []Value{
					{Code: "stated", Definition: "The response names the accusation, the case or the accused persons.",
						Rule: "Judge from the quotes and the channel together. stated when either shows the response is about this accusation, its incident or the persons it names: a quote that mentions the attack, the poisoning, the charges or the accused (even without naming the accuser), or a channel that is an answer to a question about them. A response made before the accusation (anticipatory) is still stated when its words are about the incident."},
					{Code: "inferred", Definition: "The tie is the coder's inference from timing and content; see notes.",
						Rule: "Only when nothing in the quotes or the channel refers to this incident, its charges or the persons named, so that the tie rests on timing and topic alone (a general statement on sanctions or on 'cyber' accusations)."},
					{Code: "not_applicable", Definition: "A record of silence (observed = no_response_found): no response, so no tie to judge."},
				}},
			{Name: "responder", Type: TypeCountry, Level: Nominal, Required: true, Definition: "The responding state, normally the accused, ISO 3166-1 alpha-3."},
			{Name: "date", Type: TypeDate, Level: Interval, Definition: "When the response was made, to the precision the sources give."},
			{Name: "date_note", Type: TypeText, Definition: "Why a date is uncertain or coarse."},
			{Name: "speaker", Type: TypeText, Definition: "Who spoke, as the source names them."},
			{Name: "speaker_role", Type: TypeText, Definition: "The speaker's office, as the source gives it."},
			{Name: "organ", Coded: true, Type: TypeEnum, Level: Nominal, Definition: "The organ of the responding state that spoke (required unless observed = no_response_found).",
				Values: []Value{
					{Code: "head_of_state", Definition: "The head of state in person."},
					{Code: "head_of_state_office", Definition: "The head of state's office or aides (e.g. the Kremlin press secretary)."},
					{Code: "head_of_government", Definition: "Head of government or their office."},
					{Code: "foreign_ministry", Definition: "Foreign minister, ministry statement or an institute attached to the ministry."},
					{Code: "mfa_spokesperson", Definition: "The foreign ministry's spokesperson."},
					{Code: "embassy", Definition: "An embassy or ambassador."},
					{Code: "permanent_mission", Definition: "A mission or envoy to an international organisation (UN, OPCW)."},
					{Code: "state_media", Definition: "State or state-funded media speaking in their own voice."},
					{Code: "defence_ministry", Definition: "Defence ministry or military."},
					{Code: "intelligence_agency", Definition: "Intelligence or security service."},
					{Code: "legislature", Definition: "Members or committees of the legislature."},
					{Code: "accused_individual", Definition: "The accused persons themselves (not officials)."},
					{Code: "other", Definition: "Any other organ; explain in notes."},
				}},
			{Name: "channel", Type: TypeText, Definition: "The channel as the source describes it (\"statement carried by KCNA\")."},
			{Name: "channel_type", Coded: true, Type: TypeEnum, Level: Nominal, Definition: "The kind of channel.",
				Values: []Value{
					{Code: "press_briefing", Definition: "Press conference, briefing or remarks to reporters."},
					{Code: "written_statement", Definition: "Written statement published by the organ."},
					{Code: "news_agency", Definition: "Statement or comments carried by a news agency (KCNA, TASS, RIA)."},
					{Code: "tv_interview", Definition: "Television interview."},
					{Code: "social_media", Definition: "Post on an official social-media account."},
					{Code: "international_forum", Definition: "Speech or remarks at an international forum or organisation."},
					{Code: "diplomatic_note", Definition: "Note, demarche or protest to the accuser's diplomats."},
					{Code: "other", Definition: "Any other channel."},
				}},
			{Name: "observed", Coded: true, Type: TypeEnum, Level: Nominal, Required: true, Definition: "Whether a response was found.",
				Values: []Value{
					{Code: "responded", Definition: "A public response was found."},
					{Code: "declined_comment", Definition: "The state was asked and declined to comment: the whole reply is a refusal to comment (non_denial when a quote shows the refusal, otherwise no strategy)."},
					{Code: "no_response_found", Definition: "A search found no response; the record lists what was searched (searched, searched_on) and is unverified unless a quoted source states the silence."},
				}},
			{Name: "strategies", Coded: true, Type: TypeEnum, List: true, Level: Nominal, Definition: "The rhetorical strategies the response uses (multi-label; at least one when observed = responded).",
				Values: cloneValues(strategies)},
			{Name: "language", Type: TypeLanguage, Definition: "BCP 47 language of the quotes as stored (en when they are translations)."},
			{Name: "cameo_code", Type: TypeCAMEO, Level: Nominal, Definition: "CAMEO event code of the response's main act (016 deny responsibility, 011 decline comment, 112x accuse, 13x threaten, 174 expel)."},
			{Name: "summary", Type: TypeText, Required: true, Definition: "What the response says, in the coder's words."},
			{Name: "quotes", Type: TypeRef, List: true, Ref: TableQuotes, Definition: "Verbatim passages, each tied to the source that prints it and naming the strategies it evidences (rows of the quotes table). Every strategy needs one."},
			{Name: "sources", Type: TypeRef, List: true, Ref: TableSources, Required: true, Definition: "Sources that report the response (for no_response_found: the sources read in the search)."},
			{Name: "searched", Type: TypeText, List: true, Definition: "For a record of silence: every search run (where, and the query), and what it found; required when observed = no_response_found."},
			{Name: "searched_on", Type: TypeDate, Level: Interval, Definition: "For a record of silence: when the search was run; required when observed = no_response_found."},
			{Name: "verified", Type: TypeBool, Level: Nominal, Required: true, Definition: "Whether the facts were checked against a stored copy of a cited source."},
			{Name: "notes", Type: TypeText, Definition: "Variant wordings, conflicts between sources, caveats."},
		},
	}
}

func quotesTable() Table {
	return Table{
		Name: TableQuotes, Key: "quote_id",
		Unit: "one verbatim passage of an accusation or response, as one source prints it",
		Variables: []Variable{
			{Name: "quote_id", Type: TypeID, Required: true, Definition: "The unit's id plus -q and the quote's number (prk-park-2018-r1-q1)."},
			{Name: "unit_id", Type: TypeRef, Ref: TableResponses + "|" + TableAccusations, Required: true, Definition: "The accusation or response the quote belongs to."},
			{Name: "case_id", Type: TypeRef, Ref: TableCases, Required: true, Definition: "The case."},
			{Name: "text", Type: TypeText, Required: true, Definition: "The passage, exactly as the source prints it (curly quotes made straight)."},
			{Name: "source_id", Type: TypeRef, Ref: TableSources, Required: true, Definition: "The source that prints these exact words; it must be among the unit's sources."},
			{Name: "codes", Type: TypeEnum, List: true, Level: Nominal, Definition: "The response strategies this passage evidences, each among its response's strategies; empty for an accusation's quotes, a record of silence's and passages kept for context.",
				Values: cloneValues(strategies)},
			{Name: "language", Type: TypeLanguage, Definition: "BCP 47 language of the passage, when it differs from the response's."},
			{Name: "notes", Type: TypeText, Definition: "Variant renderings in other sources."},
		},
	}
}

func sourcesTable() Table {
	return Table{
		Name: TableSources, Key: "source_id",
		Unit: "one cited document (news report, official statement, court filing)",
		Variables: []Variable{
			{Name: "source_id", Type: TypeID, Required: true, Definition: "Case id plus -s and a number (prk-park-2018-s1)."},
			{Name: "outlet", Type: TypeText, Required: true, Definition: "The publisher, as it names itself (with the agency it copies, if any)."},
			{Name: "title", Type: TypeText, Definition: "The document's title, when the stored copy shows it."},
			{Name: "url", Type: TypeURL, Required: true, Definition: "Where the document was read."},
			{Name: "published", Type: TypeDate, Level: Interval, Definition: "Publication date, when the stored copy shows it."},
			{Name: "accessed", Type: TypeDate, Level: Interval, Definition: "When it was read."},
			{Name: "archive_url", Type: TypeURL, Definition: "An archived copy."},
			{Name: "notes", Type: TypeText, Definition: "What the source is (a copy of another outlet, a translation) and its errors."},
		},
	}
}

// strategies is the response strategy list of the design codebook (the
// codebook as implemented is docs/codebook.md), plus formal_protest
// (codebook 1.2.0), ridicule and retraction_demand, with decision rules
// and examples from the dataset (2.0.0). CAMEO codes follow the CAMEO manual
// 1.1b3 and GDELT's CAMEO.eventcodes.txt: 016 deny responsibility (the
// manual's own example rejects accusations as "totally baseless"), 011
// decline comment, 111 criticize or denounce, 010 make statement, 112
// accuse, 130 threaten, 012 make pessimistic comment, 101 demand
// information or investigation (GDELT's name), 030 express intent to
// cooperate, 110 disapprove, 161 reduce or break diplomatic relations
// (which covers expelling diplomats), 052 defend verbally, 015 acknowledge
// or claim responsibility, 114 complain officially, 100 make a demand
// (GDELT's "make demand, not specified below").
var strategies = []Value{
	{Code: "denial", Definition: "Says the accused state (its government, organs or agents) did not carry out the act, or had nothing to do with it.",
		Examples: []string{"has nothing to do with us", "Russia is not to blame"}, Benoit: "denial", FourD: "dismiss", CAMEO: "016",
		Rule: "Code when the words deny the state's part in the act itself. Words about the accusation (baseless, unproven, we reject the accusations) without a claim about the act are evidence_rejection, not denial.",
		Positive: []Example{
			{Unit: "prk-park-2018-r1", Text: "the act of cyber crimes mentioned by the Justice Department has nothing to do with us", Why: "says the state had no part in the act"},
			{Unit: "rus-skripal-2018-r13", Text: "Russia has had nothing to do with the events in Salisbury. Russia is not involved in any way", Why: "denies involvement in the events"},
		},
		Negative: []Example{
			{Unit: "chn-pla61398-2014-r1", Text: "The U.S. accusation against Chinese personnel is purely ungrounded and absurd.", Why: "judges the accusation, not the act: evidence_rejection"},
		}},
	{Code: "non_denial", Definition: "Speaks about the accusation but neither confirms nor denies the state's part in the act: declines to comment on the substance.",
		Examples: []string{"we do not comment on such reports"}, Benoit: "evasion", FourD: "", CAMEO: "011",
		Rule: "Code only when the response takes no position on involvement. A response that denies anywhere is not non_denial. When the whole reply is a refusal to comment, record observed = declined_comment and code non_denial if a quote shows the refusal (no strategy when no quote does); no other code is allowed then.",
		Negative: []Example{
			{Unit: "prk-wannacry-2017-r1", Text: "we have nothing to do with cyber-attack and we do not feel a need to respond, on a case-by-case basis, to such absurd allegations of the U.S.", Why: "refuses to answer case by case but denies in the same sentence: denial"},
		}},
	{Code: "evidence_rejection", Definition: "Rejects the accusation or its evidence as false, baseless, unproven, fabricated or absurd.",
		Examples: []string{"preposterous falsehoods", "nonsense", "baseless accusations"}, Benoit: "denial", FourD: "dismiss", CAMEO: "016",
		Rule: "Code any judgement that the accusation or its evidence is untrue or unfounded. Calling it a deliberate campaign is smear_framing; mocking it is ridicule; code those too when the words also say it is untrue.",
		Positive: []Example{
			{Unit: "rus-skripal-2018-r8", Text: "baseless accusations over the incident in Salisbury on March 4", Why: "calls the accusations baseless"},
			{Unit: "rus-notpetya-2018-r2", Text: "not backed by any evidence", Why: "says the accusation has no evidence"},
		},
		Negative: []Example{
			{Unit: "rus-opcw-2018-r3", Text: "what we are seeing is not a mere accident, but an episode in a massive campaign", Why: "says nothing of truth or evidence, only of a campaign: smear_framing"},
		}},
	{Code: "ridicule", Definition: "Mocks the accusation, its evidence or the accuser: sarcasm, irony, derisive comparisons (a circus, a cock-and-bull story, a laughing stock).",
		Examples: []string{"a circus show", "a cock-and-bull story", "sincere thanks to Mrs. May"}, Benoit: "attack_accuser", FourD: "dismiss", CAMEO: "111",
		Rule: "Code when the words invite laughter or scorn, not mere disagreement. 'Absurd' or 'nonsense' alone is evidence_rejection; a mocking image, joke or ironic thanks is ridicule.",
		Positive: []Example{
			{Unit: "rus-skripal-2018-r1", Text: "It is a circus show in the British parliament.", Why: "derisive comparison"},
			{Unit: "rus-skripal-2018-r6", Text: "sincere thanks to Mrs. May for #HighlyLikelyRussia", Why: "ironic thanks"},
		},
		Negative: []Example{
			{Unit: "rus-skripal-2018-r4", Text: "nonsense", Why: "a plain rejection, no mockery: evidence_rejection"},
		}},
	{Code: "smear_framing", Definition: "Casts the accusation as a deliberate smear, slander, propaganda, provocation or hostile campaign, or names a hidden hostile purpose behind it.",
		Examples: []string{"vicious slander", "smear campaign", "political information campaign"}, Benoit: "attack_accuser", FourD: "dismiss", CAMEO: "111",
		Rule: "Code when the accusation is said to be made on purpose against the state: a campaign, a provocation, a pretext, a hostile aim (this covers questioning the accuser's motive). That it is untrue is evidence_rejection; that the accuser commits wrongs of its own is counter_accusation. Puzzlement about a motive that names no hostile purpose is not coded.",
		Positive: []Example{
			{Unit: "prk-park-2018-r1", Text: "vicious slander and another smear campaign full of falsehood and fabrication designed to undermine the DPRK", Why: "a smear campaign with a hostile aim"},
			{Unit: "prk-sony-2014-r3", Text: "It is the true intention of the U.S. to mount a \"retaliatory\" cyber terrorist attack on the DPRK by terming it a cyber criminal", Why: "names the accuser's hidden purpose"},
		},
		Negative: []Example{
			{Unit: "rus-skripal-2018-r11", Text: "I don't understand why this was done and what sort of signal the British side is sending. It is difficult to understand.", Why: "puzzled about a motive, names no hostile purpose: not coded"},
		}},
	{Code: "identity_dispute", Definition: "Disputes who the named persons are: says they do not exist, are unknown to the state, or are private persons rather than state agents.",
		Examples: []string{"non-existent entity", "civilians", "the names mean nothing to us"}, Benoit: "denial", FourD: "distort", CAMEO: "016",
		Rule: "Code only for claims about the named persons' existence, identity or status. An account of what they did and why is alternative_narrative.",
		Positive: []Example{
			{Unit: "prk-park-2018-r1", Text: "is a non-existent entity", Why: "says the named person does not exist"},
			{Unit: "rus-skripal-2018-r15", Text: "They are civilians, of course", Why: "says the named persons are not state agents"},
		},
		Negative: []Example{
			{Unit: "rus-skripal-2018-r16", Text: "Our friends had been suggesting for a long time that we visit this wonderful town.", Why: "what they did and why, not who they are: alternative_narrative"},
		}},
	{Code: "alternative_narrative", Definition: "Offers another account of the events: what happened, why the named persons were there, or that someone other than the accuser and the accused could be responsible.",
		Examples: []string{"a sightseeing trip to Salisbury Cathedral", "a routine trip"}, Benoit: "shift_blame", FourD: "distort", CAMEO: "010",
		Rule: "Code a positive alternative story of the incident or of the persons' actions, including a claim that unnamed others (sympathizers, hackers, specialists elsewhere) did it or could have. Saying the persons are civilians is identity_dispute; saying the accuser itself did it is counter_accusation; saying only that the accusation is false is evidence_rejection.",
		Positive: []Example{
			{Unit: "rus-skripal-2018-r16", Text: "Our friends had been suggesting for a long time that we visit this wonderful town.", Why: "another reason for the trip"},
			{Unit: "rus-opcw-2018-r4", Text: "This was a routine trip. They did not hide when they arrived at the airport, checked in at a hotel and visited our Embassy.", Why: "another account of the persons' visit"},
		},
		Negative: []Example{
			{Unit: "rus-skripal-2018-r15", Text: "They are civilians, of course", Why: "who they are, no account of events: identity_dispute"},
		}},
	{Code: "counter_accusation", Definition: "Accuses the accuser (or a third state) of a specific wrongdoing of its own: acts of the same kind, staging the incident, or another named offence.",
		Examples: []string{"chief culprit responsible for posing security threats in cyberspace", "is a victim of severe U.S. cyber theft"}, Benoit: "attack_accuser", FourD: "distract", CAMEO: "112",
		Rule: "Code when the response charges the accuser with acts (cyber attacks, surveillance, wars, weapons kept). A claim to be the victim of the accuser's acts is a counter_accusation. Calling the accusation itself a fabrication, slander or campaign is smear_framing, not counter_accusation; insults that name no act are not coded.",
		Positive: []Example{
			{Unit: "chn-pla61398-2014-r1", Text: "is a victim of severe U.S. cyber theft, wiretapping and surveillance activities.", Why: "charges the accuser with acts of the same kind (China, the speaker says, is their victim)"},
			{Unit: "irn-banks-dam-2016-r1", Text: "Unlike the United States, which has, per reports in the media, given itself the license to engage in illegal cyber warfare against Iran", Why: "charges the accuser with illegal cyber warfare"},
		},
		Negative: []Example{
			{Unit: "prk-park-2018-r1", Text: "The U.S. is misleading the public opinion as if our government is behind the crime", Why: "the wrong it names is the accusation itself: smear_framing"},
		}},
	{Code: "threat_warning", Definition: "Warns of consequences or retaliation to come.",
		Examples: []string{"serious consequences", "will not be left without a response"}, Benoit: "", FourD: "dismay", CAMEO: "130",
		Rule: "Future or conditional consequences. Measures already decided or taken are reciprocal_measure; when a response announces measures and warns of more, code both.",
		Positive: []Example{
			{Unit: "rus-skripal-2018-r7", Text: "Any threats to take 'sanctions' against Russia will not be left without a response", Why: "warns of retaliation"},
			{Unit: "prk-sony-2014-r1", Text: "The US should bear in mind that it will face serious consequences in case it rejects our proposal for joint investigation", Why: "conditional consequences"},
		},
		Negative: []Example{
			{Unit: "rus-skripal-2018-r8", Text: "Twenty three diplomatic staff at the British embassy in Moscow are declared persona non grata and are to be expelled within a week", Why: "a measure taken, not threatened: reciprocal_measure"},
		}},
	{Code: "diplomatic_linkage", Definition: "Says the accusation harms or endangers a named diplomatic process, agreement or relationship.",
		Examples: []string{"may affect the implementation of the joint statement", "jeopardizes China-US cooperation and mutual trust"}, Benoit: "transcendence", FourD: "dismay", CAMEO: "012",
		Rule: "Code when a process or relationship is named as endangered (a summit's joint statement, cooperation, mutual trust). A hostile purpose with no process named is smear_framing.",
		Positive: []Example{
			{Unit: "prk-park-2018-r1", Text: "that may affect the implementation of the joint statement adopted at the DPRK-U.S. summit", Why: "names the agreement endangered"},
			{Unit: "chn-pla61398-2014-r1", Text: "jeopardizes China-US cooperation and mutual trust", Why: "names the relationship endangered"},
		},
		Negative: []Example{
			{Unit: "prk-wannacry-2017-r1", Text: "This move is a grave political provocation by the U.S. aimed at inducing the international society into a confrontation against the DPRK", Why: "a hostile aim, no process named: smear_framing"},
		}},
	{Code: "evidence_demand", Definition: "Demands that the accuser hand over evidence, samples or information, or give access (to files, to the persons, to the victims), or complains that it was withheld.",
		Examples: []string{"show us the evidence", "no access to investigation files"}, Benoit: "", FourD: "dismiss", CAMEO: "101",
		Rule: "Code an explicit request, or a complaint that evidence or access was withheld. Saying the accusation has no evidence is evidence_rejection; saying a treaty or procedure is bypassed is procedural_objection (code both when the demand is also made).",
		Positive: []Example{
			{Unit: "prk-wannacry-2017-r2", Text: "If they are so sure, show us the evidence.", Why: "asks for the evidence"},
			{Unit: "rus-skripal-2018-r3", Text: "Russia to get no access to investigation files and no opportunity to assess its credibility", Why: "complains that access is withheld"},
		},
		Negative: []Example{
			{Unit: "prk-wannacry-2017-r1", Text: "is unreasonably accusing the DPRK without any forensic evidence", Why: "says evidence is lacking, asks for nothing: evidence_rejection"},
		}},
	{Code: "joint_investigation_offer", Definition: "Proposes a joint, bilateral or neutral investigation of this incident, or offers to take part in investigating it.",
		Examples: []string{"we propose a joint investigation with it into this incident"}, Benoit: "corrective_action", FourD: "", CAMEO: "030",
		Rule: "Code only an offer about investigating the incident. A general call for dialogue or cooperation (on cyber security, through law-enforcement channels in general) is not coded.",
		Positive: []Example{
			{Unit: "prk-sony-2014-r1", Text: "we propose a joint investigation with it into this incident", Why: "offers a joint investigation of the incident"},
		},
		Negative: []Example{
			{Unit: "rus-notpetya-2018-r2", Text: "it would have reacted positively to Russia's proposal of bilateral expert consultations on cybersecurity", Why: "general consultations, not an investigation of the incident: not coded"},
		}},
	{Code: "procedural_objection", Definition: "Says the accuser's course breaks or bypasses a law, treaty, norm or agreed procedure.",
		Examples: []string{"comply with the convention banning chemical weapons", "neglects the existing mechanisms of cooperation"}, Benoit: "", FourD: "distract", CAMEO: "110",
		Rule: "Code when a rule, treaty, norm or procedure is named or clearly invoked against the accuser's course. A bare request for evidence is evidence_demand.",
		Positive: []Example{
			{Unit: "rus-skripal-2018-r4", Text: "it would be better if they complied with their international obligations, in this case, the convention banning chemical weapons", Why: "invokes a treaty"},
			{Unit: "rus-navalny-2020-r2", Text: "neglects the existing mechanisms of cooperation", Why: "says an agreed procedure is bypassed"},
		},
		Negative: []Example{
			{Unit: "prk-wannacry-2017-r2", Text: "If they are so sure, show us the evidence.", Why: "no rule invoked: evidence_demand"},
		}},
	{Code: "reciprocal_measure", Definition: "Announces or takes measures against the accuser in return: expulsions, closures, suspended cooperation, sanctions.",
		Examples: []string{"23 British diplomats declared persona non grata"}, Benoit: "", FourD: "dismay", CAMEO: "161",
		Rule: "Code measures decided or taken. Threats of measures to come are threat_warning; a summons or protest note alone is formal_protest.",
		Positive: []Example{
			{Unit: "rus-skripal-2018-r8", Text: "Twenty three diplomatic staff at the British embassy in Moscow are declared persona non grata and are to be expelled within a week", Why: "expulsions decided"},
			{Unit: "chn-pla61398-2014-r1", Text: "China has decided to suspend activities of the China-US Cyber Working Group", Why: "cooperation suspended"},
		},
		Negative: []Example{
			{Unit: "rus-skripal-2018-r8", Text: "if further unfriendly actions are taken towards Russia, the Russian side retains the right to take other answering measures.", Why: "measures to come: threat_warning"},
		}},
	{Code: "justification", Definition: "Defends or praises the act itself as legitimate, righteous or necessary, whether or not the state admits doing it.",
		Examples: []string{"righteous deed", "our actions were lawful and necessary"}, Benoit: "transcendence", FourD: "distort", CAMEO: "052",
		Rule: "Code praise or defence of the act the accusation concerns. Defending the state's own reply or measures is not justification. Admitting the state did it is acknowledgement (code both when it also defends it).",
		Positive: []Example{
			{Unit: "prk-sony-2014-r0", Text: "might be a righteous deed of the supporters and sympathizers", Why: "praises the act, without admitting it"},
		},
		Negative: []Example{
			{Unit: "rus-skripal-2018-r15", Text: "There is nothing special there, nothing criminal, I assure you.", Why: "says the persons did nothing wrong; defends no act: not justification"},
		}},
	{Code: "acknowledgement", Definition: "Admits, or partly admits, that the state or its agents carried out the act.",
		Examples: []string{"we did carry out the operation", "mistakes were made by our officials"}, Benoit: "mortification", FourD: "", CAMEO: "015",
		Rule: "Code an admission of the act or of part of it. Admitting facts around it (a trip, a presence) while denying the act is not acknowledgement.",
		Negative: []Example{
			{Unit: "rus-opcw-2018-r4", Text: "There is no secret about the trip of Russian specialists to The Hague in April this year", Why: "admits the trip, not the act accused: alternative_narrative"},
		}},
	{Code: "formal_protest", Definition: "Lodges a formal diplomatic protest over the accusation or the measures that came with it: summons the accuser's diplomat, makes representations, hands over a protest note.",
		Examples: []string{"summoned the US ambassador", "a protest note handed to the ambassador", "solemn representation"}, Benoit: "attack_accuser", FourD: "", CAMEO: "114",
		Rule: "Code when the response is, or reports, a summons, representations or a protest note. Measures announced at the same meeting are reciprocal_measure too; a verbal warning with no summons or note is threat_warning.",
		Positive: []Example{
			{Unit: "chn-pla61398-2014-r2", Text: "solemn representation", Why: "formal representations to the accuser's diplomat"},
		},
		Negative: []Example{
			{Unit: "rus-skripal-2018-r7", Text: "Any threats to take 'sanctions' against Russia will not be left without a response", Why: "a warning, no summons or note: threat_warning"},
		}},
	{Code: "retraction_demand", Definition: "Demands that the accuser withdraw the accusation or the charges, correct its 'mistake', or apologise.",
		Examples: []string{"withdraw the charges", "correct its mistakes"}, Benoit: "attack_accuser", FourD: "dismiss", CAMEO: "100",
		Rule: "Code an explicit demand to withdraw, correct or apologise for the accusation. A call to change course in general ('move from accusations to cooperation') is not coded.",
		Positive: []Example{
			{Unit: "chn-pla61398-2014-r1", Text: "immediately correct its mistake and withdraw the 'indictment'", Why: "demands the charges be withdrawn"},
		},
		Negative: []Example{
			{Unit: "rus-skripal-2018-r10", Text: "We urge the British side once again to move from public accusations and information manipulation to practical cooperation through law enforcement agencies.", Why: "asks for a change of course, not a withdrawal: not coded"},
		}},
}

// codingRules hold for every strategy code.
var codingRules = []string{
	"Code from the quotes alone: a code needs words in one of the response's quotes that fit its definition and rule. Summaries, notes and what you know of the case do not count.",
	"Code every strategy the quotes show; one response may have several, and one quote may evidence several.",
	"When two codes seem to fit the same words, the pair rules below say which applies, or that both do.",
	"When no code fits a passage, code nothing for it: a response needs at least one strategy, but not every sentence needs a code.",
}

// pairRules settle the pairs of strategies that the 1.x data showed to
// overlap (codebook 2.0.0).
var pairRules = []PairRule{
	{Codes: [2]string{"denial", "evidence_rejection"}, Rule: "denial is about the act (we did not do it); evidence_rejection about the accusation (it is baseless, unproven, absurd). \"We reject such accusations\" is evidence_rejection only. Code both only when the quotes hold words of each kind."},
	{Codes: [2]string{"evidence_rejection", "smear_framing"}, Rule: "evidence_rejection says the accusation is untrue or unfounded; smear_framing that it is made on purpose (a campaign, slander, provocation, hostile aim). \"Falsehood and fabrication designed to undermine\" is both."},
	{Codes: [2]string{"evidence_rejection", "ridicule"}, Rule: "A plain verdict (absurd, nonsense, groundless) is evidence_rejection; mockery (a circus, ironic thanks, a laughing stock) is ridicule. Code both when the mocking words also call the accusation untrue."},
	{Codes: [2]string{"identity_dispute", "alternative_narrative"}, Rule: "identity_dispute is about who the named persons are (non-existent, unknown, civilians); alternative_narrative about what happened or what they did (a sightseeing trip, a routine visit). Either may be coded without the other."},
	{Codes: [2]string{"counter_accusation", "smear_framing"}, Rule: "If the wrong charged to the accuser is the accusation itself (lying, slandering, campaigning), it is smear_framing; if it is another act (cyber attacks, surveillance, staging the incident), counter_accusation."},
	{Codes: [2]string{"counter_accusation", "alternative_narrative"}, Rule: "Saying the accuser did it is counter_accusation; saying someone else or something else explains the events, without charging the accuser, is alternative_narrative."},
	{Codes: [2]string{"evidence_demand", "procedural_objection"}, Rule: "Asking for evidence or access is evidence_demand; saying a law, treaty or procedure is bypassed is procedural_objection. A demand made under a named treaty is both."},
	{Codes: [2]string{"evidence_demand", "joint_investigation_offer"}, Rule: "Asking to be shown the evidence is evidence_demand; offering to investigate together is joint_investigation_offer."},
	{Codes: [2]string{"threat_warning", "reciprocal_measure"}, Rule: "Consequences to come (will, would, retains the right) are threat_warning; measures decided or taken are reciprocal_measure."},
	{Codes: [2]string{"reciprocal_measure", "formal_protest"}, Rule: "A summons, representations or a protest note is formal_protest; expulsions, closures or suspensions announced are reciprocal_measure. A summons at which expulsions are announced is both."},
	{Codes: [2]string{"diplomatic_linkage", "smear_framing"}, Rule: "Naming a process or relationship the accusation endangers is diplomatic_linkage; naming a hostile purpose behind it is smear_framing. Both when the purpose named is to wreck the process."},
	{Codes: [2]string{"justification", "acknowledgement"}, Rule: "Praising or defending the act is justification, whoever did it; admitting the state did it is acknowledgement. Both when the state admits and defends."},
	{Codes: [2]string{"non_denial", "denial"}, Rule: "A response that denies is never non_denial, even if it also declines to discuss details."},
	{Codes: [2]string{"retraction_demand", "evidence_demand"}, Rule: "Demanding the accusation be withdrawn is retraction_demand; demanding the evidence behind it is evidence_demand."},
}

var benoitFamilies = []Value{
	{Code: "denial", Definition: "Simple denial: the accused did not do it, or the act did not happen as alleged."},
	{Code: "shift_blame", Definition: "Denial by pointing to another culprit or another account (Benoit's variant of denial)."},
	{Code: "evasion", Definition: "Evasion of responsibility, including refusing to engage."},
	{Code: "attack_accuser", Definition: "Reducing offensiveness by attacking the accuser's credibility or motives."},
	{Code: "transcendence", Definition: "Reducing offensiveness by placing the act in a larger frame (diplomacy, legitimacy)."},
	{Code: "corrective_action", Definition: "Promising to fix or investigate the problem."},
	{Code: "mortification", Definition: "Admitting the act and asking forgiveness."},
}

var fourD = []Value{
	{Code: "dismiss", Definition: "Dismiss the critic or the evidence."},
	{Code: "distort", Definition: "Twist the facts into another story."},
	{Code: "distract", Definition: "Turn attention to another issue or accuser."},
	{Code: "dismay", Definition: "Frighten the audience with consequences."},
}
