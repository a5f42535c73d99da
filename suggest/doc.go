// Package suggest proposes strategy codes for a statement's text. Two
// coders: a [Model] learned from the dataset's coded quotes (per code, a
// naive Bayes score over words, word pairs and stems, calibrated together
// with the codebook's cues on held-out cases), which gives each code a
// probability and the words that raised it; and the transparent
// dictionary coder [Coder], whose cues in the codebook suggest a code
// when they match and are not negated just before. A coder accepts or
// rejects the suggestions; [Evaluate] says how good they are on cases
// the model never saw.
//
// The coders are hints for human coders, not replacements: every
// suggestion shows why it was made, and text in a language the model has
// too few quotes of is reported as not coded rather than coded badly.
//
// # Where it fits
//
// In the flow schema → dataset → analysis → exports → cmd/rejoinder,
// suggest sits beside analysis: it reads the lexicon from the codebook of
// package schema (see [schema.Cue]) and the responses of a
// [*dataset.Dataset], and nothing downstream of it. Package coding
// shows its suggestions in a grey column of every template for coding
// responses; `rejoinder suggest` prints them, and
// `rejoinder profile --suggested` profiles them through [Apply].
//
// # Entry points
//
// [Default] is the model fitted on the embedded dataset, [Fit] fits one
// on any responses; [Model.Suggest] codes a free text and
// [Model.SuggestQuotes] a response's quotes ([Quotes]), returning a
// [Suggestion] with the codes, their probabilities and the words behind
// each. [New] compiles the lexicon into a [Coder]. [Evaluate] scores the
// model case by case, everything fitted on the other cases only, beside
// the dictionary coder alone, and [Evaluation.WriteMarkdown] writes the
// result as EVALUATION.md.
//
//	model, err := suggest.Default()
//	if err != nil {
//		return err
//	}
//	s := model.SuggestQuotes(r.ResponseID, suggest.Quotes(r)) // r a *schema.Response
//	for _, code := range s.Codes {
//		fmt.Println(code, s.Probabilities[code], s.Evidence[code])
//	}
//
// # Examples
//
// ExampleCoder_Suggest codes two responses of the curated data, one of
// them with and without the cues taken from its own case, the other
// quoted in Italian. ExampleModel_Suggest codes a statement in Russian
// with the model and shows its probability and evidence
// (go test ./suggest -run Example -v).
package suggest
