package schema

// CodebookVersion is the version of the codebook below. Raise the minor
// number when codes are added, the major number when a code is renamed or
// removed (and record why in the codebook changelog).
const CodebookVersion = "1.2.0"

// Type is how a variable is stored and checked.
type Type string

// The variable types.
const (
	TypeID       Type = "id"       // a lower-case slug that identifies a row
	TypeRef      Type = "ref"      // the id of a row in another table
	TypeText     Type = "text"     // free text
	TypeEnum     Type = "enum"     // one of the variable's Values
	TypeCountry  Type = "iso3"     // an ISO 3166-1 alpha-3 country code
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
		BenoitFamilies: benoitFamilies,
		FourD:          fourD,
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
					{Code: "other", Definition: "Any other incident; explain in notes."},
				}},
			{Name: "start_date", Type: TypeDate, Level: Interval, Definition: "When the incident began, to the precision the sources give."},
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
			{Name: "accuser", Type: TypeCountry, Level: Nominal, Required: true, Definition: "The accusing state, ISO 3166-1 alpha-3."},
			{Name: "co_accusers", Type: TypeCountry, List: true, Level: Nominal, Definition: "States that joined the same act."},
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
			{Name: "link", Coded: true, Type: TypeEnum, Level: Nominal, Required: true, Definition: "How the response is tied to the accusation.",
				Values: []Value{
					{Code: "stated", Definition: "The response names the accusation, the case or the accused persons."},
					{Code: "inferred", Definition: "The tie is the coder's inference from timing and content; see notes."},
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
					{Code: "declined_comment", Definition: "The state was asked and declined to comment."},
					{Code: "no_response_found", Definition: "A search found no response; the record documents the silence."},
				}},
			{Name: "strategies", Coded: true, Type: TypeEnum, List: true, Level: Nominal, Definition: "The rhetorical strategies the response uses (multi-label; at least one when observed = responded).",
				Values: strategies},
			{Name: "language", Type: TypeLanguage, Definition: "BCP 47 language of the quotes as stored (en when they are translations)."},
			{Name: "cameo_code", Type: TypeCAMEO, Level: Nominal, Definition: "CAMEO event code of the response's main act (016 deny responsibility, 011 decline comment, 112x accuse, 13x threaten, 174 expel)."},
			{Name: "summary", Type: TypeText, Required: true, Definition: "What the response says, in the coder's words."},
			{Name: "quotes", Type: TypeRef, List: true, Ref: TableQuotes, Definition: "Verbatim passages, each tied to the source that prints it (rows of the quotes table)."},
			{Name: "sources", Type: TypeRef, List: true, Ref: TableSources, Required: true, Definition: "Sources that report the response (for no_response_found: what was searched)."},
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
// codebook as implemented is docs/codebook.md), plus
// formal_protest (codebook 1.2.0). CAMEO codes follow the CAMEO manual
// 1.1b3 and GDELT's CAMEO.eventcodes.txt: 016 deny responsibility (the
// manual's own example rejects accusations as "totally baseless"), 011
// decline comment, 111 criticize or denounce, 010 make statement, 112
// accuse, 130 threaten, 012 make pessimistic comment, 101 demand
// information or investigation (GDELT's name), 030 express intent to
// cooperate, 110 disapprove, 161 reduce or break diplomatic relations
// (which covers expelling diplomats), 052 defend verbally, 015 acknowledge
// or claim responsibility, 114 complain officially.
var strategies = []Value{
	{Code: "denial", Definition: "Denies involvement in the act.", Examples: []string{"has nothing to do with us", "Russia is not to blame"}, Benoit: "denial", FourD: "dismiss", CAMEO: "016"},
	{Code: "non_denial", Definition: "Neither confirms nor denies; declines to comment.", Examples: []string{"we do not comment on such reports"}, Benoit: "evasion", FourD: "", CAMEO: "011"},
	{Code: "evidence_rejection", Definition: "Calls the accusation or its evidence baseless, absurd, unproven or false.", Examples: []string{"preposterous falsehoods", "nonsense", "baseless accusations"}, Benoit: "denial", FourD: "dismiss", CAMEO: "016"},
	{Code: "smear_framing", Definition: "Casts the accusation as a smear, slander, propaganda, provocation or hostile campaign.", Examples: []string{"vicious slander", "smear campaign", "political information campaign"}, Benoit: "attack_accuser", FourD: "dismiss", CAMEO: "111"},
	{Code: "identity_dispute", Definition: "Disputes the existence, identity or role of the named individuals.", Examples: []string{"non-existent entity", "civilians", "tourists", "the names mean nothing to us"}, Benoit: "denial", FourD: "distort", CAMEO: "016"},
	{Code: "alternative_narrative", Definition: "Offers another account of what happened or who did it.", Examples: []string{"a sightseeing trip to Salisbury Cathedral"}, Benoit: "shift_blame", FourD: "distort", CAMEO: "010"},
	{Code: "counter_accusation", Definition: "Accuses the accuser or a third party of wrongdoing.", Examples: []string{"chief culprit responsible for posing security threats in cyberspace"}, Benoit: "attack_accuser", FourD: "distract", CAMEO: "112"},
	{Code: "threat_warning", Definition: "Warns of negative consequences or retaliation.", Examples: []string{"negative consequences", "will not be left without a response"}, Benoit: "", FourD: "dismay", CAMEO: "130"},
	{Code: "diplomatic_linkage", Definition: "Ties the accusation to a diplomatic process or relationship it endangers.", Examples: []string{"may affect the implementation of the joint statement"}, Benoit: "transcendence", FourD: "dismay", CAMEO: "012"},
	{Code: "evidence_demand", Definition: "Demands that evidence, samples, access or information be handed over.", Examples: []string{"show us the evidence", "no access to investigation files"}, Benoit: "", FourD: "dismiss", CAMEO: "101"},
	{Code: "joint_investigation_offer", Definition: "Proposes a joint or neutral investigation, or cooperation on one.", Examples: []string{"a joint investigation", "practical cooperation through law enforcement agencies"}, Benoit: "corrective_action", FourD: "", CAMEO: "030"},
	{Code: "procedural_objection", Definition: "Invokes law, treaty or procedure against the accuser's course.", Examples: []string{"comply with the convention banning chemical weapons", "no formal request"}, Benoit: "", FourD: "distract", CAMEO: "110"},
	{Code: "reciprocal_measure", Definition: "Announces or takes tit-for-tat measures.", Examples: []string{"23 British diplomats declared persona non grata"}, Benoit: "", FourD: "dismay", CAMEO: "161"},
	{Code: "justification", Definition: "Concedes the act or facts but defends them as lawful, legitimate or necessary.", Examples: []string{"our actions were lawful and necessary", "righteous deed"}, Benoit: "transcendence", FourD: "distort", CAMEO: "052"},
	{Code: "acknowledgement", Definition: "Admits or partly admits the act.", Examples: []string{"we did carry out the operation", "mistakes were made by our officials"}, Benoit: "mortification", FourD: "", CAMEO: "015"},
	{Code: "formal_protest", Definition: "Lodges a formal diplomatic protest over the accusation or the measures that came with it: summons the accuser's diplomat, hands over a protest note.", Examples: []string{"summoned the US ambassador", "a protest note handed to the ambassador"}, Benoit: "attack_accuser", FourD: "", CAMEO: "114"},
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
