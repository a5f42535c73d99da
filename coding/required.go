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
// never required: an empty one is not coded.
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
