package schema

// Cue is one phrase or pattern that suggests a response strategy: part of
// the codebook's data, used by the dictionary coder (package suggest).
type Cue struct {
	// Pattern is a Go regular expression, matched case-insensitively at
	// word boundaries.
	Pattern string
	// Negatable cues are dropped when a negation comes just before them
	// ("does not deny" is not a denial). Cues that carry their own
	// negation ("nothing to do with") are not negatable.
	Negatable bool
	// From names the case whose quotes the cue was taken from; "" for a
	// generic cue of diplomatic rhetoric. An evaluation that holds a case
	// out drops the cues taken from it, so the lexicon is never scored on
	// the case it was drawn from.
	From string
}

// lexicon holds the cues of each strategy code. Generic cues come from the
// codes' definitions and the ordinary vocabulary of diplomatic denials;
// cues drawn from a case's quotes say so in From.
var lexicon = map[string][]Cue{
	"denial": {
		{Pattern: `nothing to do with`},
		{Pattern: `(?:not|never) (?:been )?(?:involved|engaged|participated)`},
		{Pattern: `(?:is|are|was|were) not to blame`},
		{Pattern: `(?:has|have|had) never`},
		{Pattern: `categorically reject`},
		{Pattern: `deni(?:es|ed)|deny`, Negatable: true},
		{Pattern: `not an affair that concerns`, From: "rus-skripal-2018"},
		{Pattern: `(?:doesn't|does not) have such means`, From: "rus-skripal-2018"},
		{Pattern: `nothing criminal`, From: "rus-skripal-2018"},
	},
	"non_denial": {
		{Pattern: `(?:no|not|won't|will not|do not|don't) comment`},
		{Pattern: `declin\w* (?:to )?comment`},
		{Pattern: `neither confirm nor deny`},
		{Pattern: `no position|(?:not|nothing) to add|refrain\w* from comment\w*|(?:not|no) (?:yet )?in a position to (?:comment|say)`},
	},
	"evidence_rejection": {
		{Pattern: `baseless|groundless|unfounded|ungrounded|unsubstantiated|unproven`, Negatable: true},
		{Pattern: `absurd\w*|ridiculous|nonsense|rubbish|drivel|preposterous|laughing stock`, Negatable: true},
		{Pattern: `fabricat\w*|falsehoods?|false rumou?rs?|cock-and-bull|disinformation|fake|lies`, Negatable: true},
		{Pattern: `(?:without|not backed by|not based on|no)(?: \w+){0,2} evidence`},
		{Pattern: `no (?:grounds|reason) to accuse`},
		{Pattern: `circus`, From: "rus-skripal-2018"},
		{Pattern: `highly ?likely`, From: "rus-skripal-2018"},
	},
	"smear_framing": {
		{Pattern: `slander\w*|smear|propaganda|provocations?|hostile|stigmati[sz]ation|russophob\w*|hysteria|witch.?hunt`, Negatable: true},
		{Pattern: `campaign`, Negatable: true},
		{Pattern: `(?:information )?manipulation`, Negatable: true},
		{Pattern: `spy mania`, From: "rus-opcw-2018"},
	},
	"identity_dispute": {
		{Pattern: `(?:do|does|did) not exist|non-?existent|non-?entit(?:y|ies)|fictitious (?:persons?|people|individuals?)`},
		{Pattern: `unknown to (?:us|the|our)|(?:do|does) not know (?:who|them|these)|never heard of`},
		{Pattern: `private (?:persons?|individuals?|citizens?|people)|ordinary (?:citizens|people)|civilians?|not (?:state )?agents`},
		{Pattern: `non-?existent|non-?entity`, From: "prk-park-2018"},
		{Pattern: `mean(?:s)? nothing to|(?:do|does) not mean anything|tell(?:s)? us nothing`, From: "rus-skripal-2018"},
		{Pattern: `civilians?|tourists?`, From: "rus-skripal-2018"},
	},
	"alternative_narrative": {
		{Pattern: `misunderstanding`, Negatable: true},
		{Pattern: `(?:someone|somebody|anyone|anybody) (?:else )?could have|third (?:party|parties|countries)|other (?:hackers|groups|actors|states)`},
		{Pattern: `routine trip`, From: "rus-opcw-2018"},
		{Pattern: `cathedral|sightseeing|wonderful town`, From: "rus-skripal-2018"},
	},
	"counter_accusation": {
		{Pattern: `culprit|cesspool|source of all`},
		{Pattern: `cyber ?warfare|terroris\w*|torture`},
		{Pattern: `unlike (?:the united states|some of our partners|the u\.?s\.?)`},
		{Pattern: `stuxnet`},
	},
	"threat_warning": {
		{Pattern: `consequences|retaliat\w*|counteractions?`, Negatable: true},
		{Pattern: `(?:will not|won't) be left without (?:a )?response`},
		{Pattern: `(?:response|answering|retaliatory) measures`},
		{Pattern: `(?:reserves?|retains?) the right`},
	},
	"diplomatic_linkage": {
		{Pattern: `joint statement|summit|mutual trust|(?:bilateral|international) relations|jeopardi[sz]\w*`},
		{Pattern: `undermine|confrontational`, Negatable: true},
	},
	"evidence_demand": {
		{Pattern: `show us (?:the )?evidence`},
		{Pattern: `(?:provide|hand over|share)(?: \w+){0,2} (?:evidence|samples|information|data)`},
		{Pattern: `no access|(?:didn't|did not) receive`},
		{Pattern: `(?:show|present|produce|publish|give|hand) (?:us )?(?:the |any |its |their )?(?:evidence|proof|facts)|consular access|access to`},
	},
	"joint_investigation_offer": {
		{Pattern: `joint investigation|investigate (?:it )?(?:together|jointly)`},
		{Pattern: `(?:expert )?consultations|practical cooperation|ready to cooperate`},
		{Pattern: `joint (?:inquiry|probe|verification)|(?:neutral|independent|impartial|international) (?:investigation|inquiry)|(?:take|taking) part in (?:the |an? )?investigation|participat\w* in (?:the |an? )?investigation`},
	},
	"procedural_objection": {
		{Pattern: `convention|international obligations|ultimatums?|existing mechanisms|formal request|norms governing|international law`},
		{Pattern: `treat(?:y|ies)|procedures?|due process|presumption of innocence|internal affairs|sovereignty|bypass\w*|violat\w* (?:of )?(?:the |international )?(?:law|norms|rules)`},
	},
	"reciprocal_measure": {
		{Pattern: `persona non grata|expel\w*|expulsions?`},
		{Pattern: `suspend\w*|halted|closure|shut down`, Negatable: true},
	},
	"justification": {
		{Pattern: `righteous|just struggle|legitimate|lawful|self-defen[cs]e`, Negatable: true},
		{Pattern: `justified|(?:necessary|legitimate) (?:measures?|steps?|actions?|response)|(?:right|entitled) to (?:defend|protect)`, Negatable: true},
	},
	"acknowledgement": {
		{Pattern: `we (?:admit|acknowledge)|take responsibility|mistakes? (?:was|were) made`, Negatable: true},
		{Pattern: `admit\w*|acknowledg\w*|confess\w*|(?:was|were) (?:carried out|conducted) by (?:us|our)`, Negatable: true},
	},
	"formal_protest": {
		{Pattern: `protest|summon\w*|solemn representations?|demarche`, Negatable: true},
	},
	"ridicule": {
		{Pattern: `circus|farce|cock-and-bull|laughing ?stock|fairy[- ]tales?|comedy`},
		{Pattern: `sincere thanks`, From: "rus-skripal-2018"},
	},
	"retraction_demand": {
		{Pattern: `withdraw (?:the |its |their )?['"]?(?:charges|indictment|accusations?)`},
		{Pattern: `correct (?:its|their|the) mistakes?`},
		{Pattern: `(?:demand|demands|demanded|owes?) an? apology|must apologi[sz]e`},
	},
}

func init() {
	for i := range strategies {
		strategies[i].Lexicon = lexicon[strategies[i].Code]
	}
}
