// Package suggest proposes strategy codes for a statement's text with a
// transparent dictionary coder: each code has a lexicon of cues in the
// codebook; a cue that matches, and is not negated just before, suggests
// its code, and the words that matched are shown as evidence. A coder
// accepts or rejects the suggestion; Evaluate says how good they are.
//
// The coder is a hint for human coders, not a replacement: every
// suggestion shows why it was made, and text that is not English is
// reported as not coded rather than coded badly.
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
// [New] compiles the lexicon into a [Coder]; [Coder.Suggest] codes one
// text, returning a [Suggestion] with the codes and the words behind each;
// [Text] is what the coder reads of a response (its quotes). [Evaluate]
// scores the coder case by case, leaving out the cues drawn from the case
// being scored and learning cues ([Learn]) from the others only, and
// [Evaluation.WriteMarkdown] writes the result as EVALUATION.md.
//
//	coder, err := suggest.New(schema.Default(), "", nil)
//	if err != nil {
//		return err
//	}
//	s := coder.Suggest(r.ResponseID, suggest.Text(r)) // r a *schema.Response
//	for _, code := range s.Codes {
//		fmt.Println(code, s.Evidence[code])
//	}
//
// # Examples
//
// ExampleCoder_Suggest codes two responses of the curated data, one of
// them with and without the cues taken from its own case, the other
// quoted in Italian (go test ./suggest -run Example -v).
package suggest
