package coding

import "github.com/rejoinder/rejoinder/schema"

// requirement says that a coder must fill a variable's cell in every row
// they code, unless another variable of the row has a given code. The
// Instructions print it and the import enforces it, so the two agree.
type requirement struct {
	unlessVariable, unlessCode string // both empty: always required
}

// String says the rule, as messages and (capitalised) the Instructions print it.
func (r requirement) String() string {
	if r.unlessVariable == "" {
		return "required in every row you code"
	}
	return "required in every row you code, unless " + r.unlessVariable + " is " + r.unlessCode
}

// appliesTo reports whether the rule requires the cell in a row whose
// coded values (by variable) are given.
func (r requirement) appliesTo(values map[string]string) bool {
	return r.unlessVariable == "" || values[r.unlessVariable] != r.unlessCode
}

// requirementOf returns the rule for a coded single-choice variable of a
// table, if it has one: the codebook's required variables, and organ,
// which the codebook requires unless observed = no_response_found (as
// the dataset's validator does). A multi-label code's yes/no column is
// never required: in a coded row an empty one is "no" (see Import).
func requirementOf(table string, v *schema.Variable) (requirement, bool) {
	switch {
	case v.List:
		return requirement{}, false
	case v.Required:
		return requirement{}, true
	case table == schema.TableResponses && v.Name == "organ":
		return requirement{unlessVariable: "observed", unlessCode: "no_response_found"}, true
	}
	return requirement{}, false
}

// oneYesRule says that a multi-label variable needs at least one yes in a
// row whose variable when has the code code: the codebook's rule that an
// observed response uses at least one strategy.
type oneYesRule struct{ when, code string }

// String says the rule, as the Instructions print it (capitalised).
func (r oneYesRule) String() string {
	return "required: yes in at least one of its columns, in every row you code where " + r.when + " is " + r.code
}

// oneYesOf returns the at-least-one-yes rule of a multi-label variable of
// a table, if it has one (as the dataset's validator does).
func oneYesOf(table string, v *schema.Variable) (oneYesRule, bool) {
	if table == schema.TableResponses && v.Name == "strategies" {
		return oneYesRule{when: "observed", code: "responded"}, true
	}
	return oneYesRule{}, false
}
