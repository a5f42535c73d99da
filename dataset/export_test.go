package dataset

// ImportStreamed and ErrNotStreamable let the external tests tell the
// streamed import from its fallback to ReadCSV.
var (
	ImportStreamed   = importStreamed
	ErrNotStreamable = errNotStreamable
)
