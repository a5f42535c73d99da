package schema

import "slices"

// Body is an international organisation that makes accusations in its own
// name (an EU declaration, an OHCHR assessment). An accusation's accuser
// is a state or one of these bodies; the accused and the responder are
// always states. The codes are not ISO 3166-1 alpha-3 (none has three
// letters), so a body can never be mistaken for a state.
type Body struct {
	Code       string
	Name       string
	Definition string
}

// internationalBodies are the bodies an accusation may name as accuser.
// Add one here (with a definition that says which acts count) before a
// record names it: the validator, the data package's patterns and the
// docs follow from this list.
var internationalBodies = []Body{
	{Code: "EU", Name: "European Union", Definition: "A declaration of the High Representative on behalf of the EU, a Council decision or sanctions listing, or a statement of the EU's institutions."},
	{Code: "NATO", Name: "North Atlantic Treaty Organization", Definition: "A statement of the North Atlantic Council or the Secretary General."},
	{Code: "UN", Name: "United Nations", Definition: "A principal organ of the UN or its Secretariat (Secretary-General, Security Council statement) or a body it mandates (a commission of inquiry, monitoring mission), other than OHCHR."},
	{Code: "OHCHR", Name: "Office of the UN High Commissioner for Human Rights", Definition: "A report or statement of the High Commissioner or the Office."},
	{Code: "OPCW", Name: "Organisation for the Prohibition of Chemical Weapons", Definition: "A report of the Technical Secretariat (a fact-finding mission or the Investigation and Identification Team) or a decision of its organs."},
}

// Bodies returns the international bodies an accuser may be, in codebook
// order.
func Bodies() []Body { return slices.Clone(internationalBodies) }

// IsBody reports whether code is the code of an international body of
// the codebook.
func IsBody(code string) bool { return BodyName(code) != "" }

// BodyName returns the name of an international body, or "" for a code
// that is not one.
func BodyName(code string) string {
	for _, b := range internationalBodies {
		if b.Code == code {
			return b.Name
		}
	}
	return ""
}

// IsActor reports whether code may stand as an accuser: a state's ISO
// 3166-1 alpha-3 code or an international body's code.
func IsActor(code string) bool { return IsCountry(code) || IsBody(code) }

// ActorName returns the name of a state or international body, or "" for
// an unknown code.
func ActorName(code string) string {
	if name := CountryName(code); name != "" {
		return name
	}
	return BodyName(code)
}

// bodyCodes lists the bodies' codes, for messages and patterns.
func bodyCodes() []string {
	codes := make([]string, len(internationalBodies))
	for i, b := range internationalBodies {
		codes[i] = b.Code
	}
	return codes
}

// BodyCodes lists the international bodies' codes in codebook order.
func BodyCodes() []string { return bodyCodes() }
