package suggest

import "strings"

// russianCues are the codebook's generic cues in Russian: the key words
// of each code's definition and of the English generic lexicon, translated
// (not taken from any quote). Each is a word prefix, or a phrase of word
// prefixes, matched at the start of words of the lower-cased text, so that
// one stem covers a word's cases ("провокаци" matches "провокация" and
// "провокацией").
var russianCues = map[string][]string{
	"denial":                    {"не имеет отношения", "не имеем отношения", "непричастн", "не причастн", "отрица", "не виноват", "никогда не"},
	"non_denial":                {"не комментир", "без комментари", "воздерж от комментари", "ни подтвер"},
	"evidence_rejection":        {"беспочвенн", "голословн", "необоснованн", "безосновательн", "абсурд", "чушь", "чепух", "бред", "ложь", "лживы", "фейк", "дезинформаци", "вымысел", "выдум", "сфабрикова", "без доказательств", "нет доказательств", "никаких доказательств"},
	"ridicule":                  {"цирк", "фарс", "анекдот", "сказк", "комеди", "смешн", "посмешищ"},
	"smear_framing":             {"провокаци", "пропаганд", "клевет", "русофоб", "истери", "кампани", "враждебн", "травл", "охота на ведьм", "очерн", "шпиономани", "антироссийск", "предлог"},
	"identity_dispute":          {"не существу", "неизвестн", "гражданские лица", "туристы", "ничего не говор"},
	"alternative_narrative":     {"недоразумени", "на самом деле", "туристическ"},
	"counter_accusation":        {"сами", "виновник", "кибератак", "терроризм", "пытк", "в отличие от"},
	"threat_warning":            {"последстви", "ответн", "возмезди", "не останется без ответа", "оставляем за собой право", "оставляет за собой право"},
	"diplomatic_linkage":        {"совместн заявлени", "саммит", "взаимное доверие", "взаимного доверия", "двусторонн отношени", "отношени", "подрыва", "подорв"},
	"evidence_demand":           {"предостав доказательств", "предъяв доказательств", "покажите доказательств", "доступ", "запрос", "информаци"},
	"joint_investigation_offer": {"совместн расследовани", "совместн расследован", "готовы сотруднич", "консультаци", "сотрудничеств"},
	"procedural_objection":      {"конвенци", "международн прав", "международн обязательств", "ультиматум", "существующ механизм", "норм"},
	"reciprocal_measure":        {"персона нон грата", "персонами нон грата", "высыл", "высла", "выдвор", "закры", "приостанов", "санкци"},
	"justification":             {"правомерн", "законн", "самооборон", "справедлив"},
	"acknowledgement":           {"признаём", "признаем", "взять на себя ответственность", "были допущены ошибки"},
	"formal_protest":            {"протест", "вызван", "вызвали", "представлени", "демарш", "нот"},
	"retraction_demand":         {"извинени", "извинит", "отозвать", "отказаться от обвинений", "исправить ошибк"},
}

// matchRussianCues returns, for each code, the Russian cues found in a
// text (a cue's words must start consecutive words of the text).
func matchRussianCues(words []string) map[string][]string {
	out := map[string][]string{}
	for _, code := range sortedTerms(russianCues) {
		for _, cue := range russianCues[code] {
			parts := strings.Fields(cue)
			for i := 0; i+len(parts) <= len(words); i++ {
				ok := true
				for j, p := range parts {
					if !strings.HasPrefix(words[i+j], p) {
						ok = false
						break
					}
				}
				if ok {
					out[code] = append(out[code], cue)
					break
				}
			}
		}
	}
	return out
}
