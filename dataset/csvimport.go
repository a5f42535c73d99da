package dataset

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash/maphash"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/rejoinder/rejoinder/internal/atomicfile"
	"github.com/rejoinder/rejoinder/internal/parallel"
	"github.com/rejoinder/rejoinder/internal/parquetio"
	"github.com/rejoinder/rejoinder/schema"
)

// ImportCSV reads the CSV tables of dir as ReadCSV does and writes them
// into out as WriteParquet would write the dataset ReadCSV returns: the
// same rows, content hash and metadata, the same kind of files. It
// returns the paths written. out should be a staging directory
// (outdir.Replace): on an error, files may be left in it.
//
// The responses and quotes are streamed in batches (streamedRows), so
// that memory does not grow with them, and parsed, checked, hashed and
// written on all cores. Data with a problem, or in a shape the stream
// cannot pair (quotes.csv not in its units' order, no quotes column in
// responses.csv), are read whole by ReadCSV instead: its problems are the
// ones reported, with file, line and column, and a dataset it accepts is
// written as before.
func ImportCSV(dir, out string) ([]string, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	paths, err := importStreamed(dir, out)
	if !errors.Is(err, errNotStreamable) {
		return paths, err
	}
	for _, table := range Tables {
		os.Remove(filepath.Join(out, ParquetFile(table)))
	}
	ds, err := ReadCSV(dir)
	if err != nil {
		return nil, err
	}
	return ds.WriteParquet(out)
}

// errNotStreamable stops the streamed import: the data have a problem (to
// be reported by ReadCSV, whole) or a shape it does not pair.
var errNotStreamable = errors.New("not streamable")

// hashStandIn stands in for the content hash in the footers of the large
// tables until every table is hashed: as long as a SHA-256 in hex, and
// made of a character neither hex nor base64 uses.
var hashStandIn = strings.Repeat("?", sha256.Size*2)

// streamedRows is how many responses the streamed import reads, checks
// and converts at a time: an eighth of a row group (the writer gathers
// them into row groups), so that the few batches in flight between the
// goroutines hold little.
const streamedRows = parquetio.RowGroupRows / 8

// responseBatch is a batch of responses and, for each, the cell of its
// quotes column.
type responseBatch struct {
	rows   []schema.Response
	quotes []string
	err    error
}

// quoteBatch is a run of rows of quotes.csv.
type quoteBatch struct {
	rows []schema.Quote
	err  error
}

// importStreamed is ImportCSV's streamed path; errNotStreamable when it
// must read the tables whole.
func importStreamed(dir, out string) ([]string, error) {
	metaFile, excel, err := csvDescriptor(dir)
	if err != nil {
		return nil, errNotStreamable
	}
	small := &Dataset{Codebook: schema.Default(), metaFile: metaFile}
	if err := readPackageMeta(metaFile, &small.Meta); err != nil {
		return nil, errNotStreamable
	}
	cb := small.codebook()
	for _, v := range small.fileMetadata(schema.TableResponses, "") {
		if strings.Contains(v, hashStandIn) {
			return nil, errNotStreamable // the stand-in must be found once in each footer
		}
	}
	// The small tables are read whole, the accusations with their quotes
	// column, to pair them with the head of quotes.csv.
	var accQuotes []string
	smallTables := []string{schema.TableCases, schema.TableAccusations, schema.TableSources}
	found := make([]bool, len(smallTables))
	parallel.For(len(smallTables), func(i int) {
		if smallTables[i] == schema.TableAccusations {
			found[i] = small.readWhole(filepath.Join(dir, "accusations.csv"), schema.TableAccusations, excel, &accQuotes)
			return
		}
		found[i] = small.readWhole(filepath.Join(dir, smallTables[i]+".csv"), smallTables[i], excel, nil)
	})
	if slices.Contains(found, false) {
		return nil, errNotStreamable
	}
	responses, problems, err := openCSVTable(filepath.Join(dir, "responses.csv"), schema.TableResponses, excel, cb)
	if responses != nil {
		defer responses.close()
	}
	if responses == nil || err != nil || len(problems) > 0 || responses.quotesAt < 0 {
		return nil, errNotStreamable
	}
	quotes, problems, err := openCSVTable(filepath.Join(dir, "quotes.csv"), schema.TableQuotes, excel, cb)
	if quotes != nil {
		defer quotes.close()
	}
	if quotes == nil || err != nil || len(problems) > 0 {
		return nil, errNotStreamable
	}

	done := make(chan struct{})
	defer close(done)
	rbatches := make(chan responseBatch)
	qbatches := make(chan quoteBatch, 1)
	go readResponseBatches(responses, rbatches, done)
	go readQuoteBatches(quotes, qbatches, done)
	qs := &quoteStream{in: qbatches}

	// The accusations' quotes come first in quotes.csv, in their order.
	for i := range small.Accusations {
		a := &small.Accusations[i]
		if a.Quotes, err = qs.take(a.AccusationID, accQuotes[i]); err != nil {
			return nil, err
		}
	}
	st := &streamState{cb: cb, small: small, seed: maphash.MakeSeed(), accusationIDs: map[string]bool{}}
	for _, a := range small.Accusations {
		st.accusationIDs[a.AccusationID] = true
		for _, q := range a.Quotes {
			st.quoteIDs = append(st.quoteIDs, st.hash(q.QuoteID))
		}
	}
	// Validate's rules for the small tables, with every answered
	// accusation and cited source known, are checked at the end.
	st.part = schema.NewPartValidator(cb, &small.Records)

	hasher := sha256.New()
	enc := newRowEncoder(hasher)
	for _, table := range []string{schema.TableCases, schema.TableAccusations} {
		enc.table(table)
		enc.rows(small, table)
	}
	enc.table(schema.TableResponses)
	// The quotes are hashed after every response: their encoding waits in
	// a file of the staging directory meanwhile.
	spill, err := os.CreateTemp(out, ".quotes-hash-*")
	if err != nil {
		return nil, err
	}
	defer func() { spill.Close(); os.Remove(spill.Name()) }()
	quoteEnc := newRowEncoder(spill)

	rw, err := newStreamFile(out, schema.TableResponses, small, enc)
	if err != nil {
		return nil, err
	}
	defer rw.abandon()
	qw, err := newStreamFile(out, schema.TableQuotes, small, quoteEnc)
	if err != nil {
		return nil, err
	}
	defer qw.abandon()
	// The accusations' quotes head the quotes file.
	qw.write(&Dataset{Codebook: cb, Meta: small.Meta, Records: schema.Records{Accusations: small.Accusations}})

	for b := range rbatches {
		if b.err != nil {
			return nil, b.err
		}
		for i := range b.rows {
			r := &b.rows[i]
			if r.Quotes, err = qs.take(r.ResponseID, b.quotes[i]); err != nil {
				return nil, err
			}
		}
		// The writers only read the batch, as the checks do.
		batch := &Dataset{Codebook: cb, Meta: small.Meta, Records: schema.Records{Responses: b.rows}}
		rw.write(batch)
		qw.write(batch)
		if err := st.check(b.rows); err != nil {
			return nil, err
		}
	}
	if err := qs.end(); err != nil {
		return nil, err
	}
	if err := st.finish(); err != nil {
		return nil, err
	}
	if err := cmp.Or(rw.wait(), qw.wait()); err != nil {
		return nil, err
	}
	// Every check passed: hash the quotes and sources, then label and
	// write the files.
	enc.table(schema.TableQuotes)
	if err := quoteEnc.Flush(); err != nil {
		return nil, err
	}
	if err := enc.Flush(); err != nil {
		return nil, err
	}
	if _, err := spill.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	if _, err := io.Copy(hasher, spill); err != nil {
		return nil, err
	}
	enc.table(schema.TableSources)
	enc.rows(small, schema.TableSources)
	enc.Flush()
	hash := hex.EncodeToString(hasher.Sum(nil))
	var paths []string
	for _, table := range Tables {
		p := filepath.Join(out, ParquetFile(table))
		switch table {
		case schema.TableResponses:
			err = rw.finish(p, hash)
		case schema.TableQuotes:
			err = qw.finish(p, hash)
		default:
			err = atomicfile.Write(p, func(w io.Writer) error { return small.writeTable(w, table, func() string { return hash }) })
		}
		if err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// readWhole reads a small table into ds; false when it has a problem.
// quotes, when not nil, gets the cells of its quotes column.
func (ds *Dataset) readWhole(path, table string, excel bool, quotes *[]string) bool {
	t, problems, err := openCSVTable(path, table, excel, ds.codebook())
	if t == nil || err != nil || len(problems) > 0 {
		return false
	}
	defer t.close()
	if quotes != nil && t.quotesAt < 0 {
		return false
	}
	rows, problems, state, err := t.read(reflect.MakeSlice(reflect.SliceOf(t.rt), 0, 64), -1, quotes)
	if err != nil || len(problems) > 0 || state != csvEOF {
		return false
	}
	ds.setRows(table, rows)
	return true
}

// readResponseBatches reads responses.csv a row group at a time.
func readResponseBatches(t *csvTable, out chan<- responseBatch, done <-chan struct{}) {
	defer close(out)
	readBatches(t, streamedRows, true, func(rows []schema.Response, quotes []string, err error) bool {
		select {
		case out <- responseBatch{rows: rows, quotes: quotes, err: err}:
			return true
		case <-done:
			return false
		}
	})
}

// readQuoteBatches reads quotes.csv in runs of rows.
func readQuoteBatches(t *csvTable, out chan<- quoteBatch, done <-chan struct{}) {
	defer close(out)
	readBatches(t, 16<<10, false, func(rows []schema.Quote, _ []string, err error) bool {
		select {
		case out <- quoteBatch{rows: rows, err: err}:
			return true
		case <-done:
			return false
		}
	})
}

// readBatches reads a table's rows of type R, n at a time, and hands each
// batch to send (with the cells of its quotes column when withQuotes),
// until the table ends, a batch has a problem (errNotStreamable: ReadCSV
// will report it), or send refuses.
func readBatches[R any](t *csvTable, n int, withQuotes bool, send func(rows []R, quotes []string, err error) bool) {
	for {
		var quotes []string
		var cells *[]string
		if withQuotes {
			cells = &quotes
		}
		rows, problems, state, err := t.read(reflect.MakeSlice(reflect.SliceOf(t.rt), 0, n), n, cells)
		if err == nil && (len(problems) > 0 || state == csvBroken) {
			err = errNotStreamable
		}
		if !send(rows.Interface().([]R), quotes, err) || err != nil || state != csvMore {
			return
		}
	}
}

// quoteStream hands out the rows of quotes.csv unit by unit.
type quoteStream struct {
	in   <-chan quoteBatch
	rows []schema.Quote
	eof  bool
}

// take returns the next quotes, which must be those that cell (a unit's
// quotes column) lists, in its order, with unit as their unit: then they
// are what ReadCSV gives the unit (every quote of the unit, in file
// order), as the unit's quotes come in one run and units in table order.
func (s *quoteStream) take(unit, cell string) ([]schema.Quote, error) {
	if cell == "" {
		return nil, nil
	}
	ids := SplitList(cell)
	quotes := make([]schema.Quote, 0, len(ids))
	for _, id := range ids {
		q, err := s.next()
		if err != nil {
			return nil, err
		}
		if q.QuoteID != strings.TrimSpace(id) || q.UnitID != unit {
			return nil, errNotStreamable
		}
		quotes = append(quotes, q)
	}
	return quotes, nil
}

func (s *quoteStream) next() (schema.Quote, error) {
	for len(s.rows) == 0 {
		b, ok := <-s.in
		if !ok {
			return schema.Quote{}, errNotStreamable // fewer quotes than the units list
		}
		if b.err != nil {
			return schema.Quote{}, b.err
		}
		s.rows = b.rows
	}
	q := s.rows[0]
	s.rows = s.rows[1:]
	return q, nil
}

// end checks that no quote is left over: one that no unit lists.
func (s *quoteStream) end() error {
	if len(s.rows) > 0 {
		return errNotStreamable
	}
	for b := range s.in {
		if b.err != nil {
			return b.err
		}
		if len(b.rows) > 0 {
			return errNotStreamable
		}
	}
	return nil
}

// streamState is what the streamed import keeps of the rows it has
// written, for the rules that span batches.
type streamState struct {
	cb            *schema.Codebook
	small         *Dataset
	part          *schema.PartValidator
	seed          maphash.Seed
	accusationIDs map[string]bool
	// Hashes of the ids seen, checked for repeats at the end: a repeated
	// hash is a duplicate id, or (rarely) a collision, which the whole
	// read then settles. Sorting 8 bytes an id costs less than a set.
	responseIDs, quoteIDs []uint64
}

func (st *streamState) hash(id string) uint64 { return maphash.String(st.seed, id) }

// hasRepeat reports whether a list of hashes holds one twice; it sorts it.
func hasRepeat(hashes []uint64) bool {
	slices.Sort(hashes)
	for i := 1; i < len(hashes); i++ {
		if hashes[i] == hashes[i-1] {
			return true
		}
	}
	return false
}

// check applies the rules to one batch of responses with their quotes.
func (st *streamState) check(rows []schema.Response) error {
	if len(st.part.Validate(rows)) > 0 {
		return errNotStreamable
	}
	for _, r := range rows {
		// An id both an accusation's and a response's would take the
		// response's quotes in ReadCSV.
		if st.accusationIDs[r.ResponseID] {
			return errNotStreamable
		}
		st.responseIDs = append(st.responseIDs, st.hash(r.ResponseID))
		for _, q := range r.Quotes {
			st.quoteIDs = append(st.quoteIDs, st.hash(q.QuoteID))
		}
	}
	return nil
}

// finish applies Validate's rules to the small tables, now that every
// response has been seen, and the dataset's own checks.
func (st *streamState) finish() error {
	if hasRepeat(st.responseIDs) || hasRepeat(st.quoteIDs) || len(st.part.Finish(&st.small.Records)) > 0 || len(st.small.metaProblems()) > 0 {
		return errNotStreamable
	}
	return nil
}

// streamFile is a large table's Parquet file as it is streamed: a
// temporary file in the output directory, renamed once labelled. A
// goroutine of its own converts each batch to Arrow, encodes its rows for
// the content hash into enc, and writes it.
type streamFile struct {
	f       *os.File
	w       *parquetio.StreamWriter
	table   string
	batches chan *Dataset
	done    chan struct{}
	err     error // the first error of the goroutine, read once done is closed
}

func newStreamFile(dir, table string, small *Dataset, enc *rowEncoder) (*streamFile, error) {
	f, err := os.CreateTemp(dir, "."+ParquetFile(table)+".tmp-*")
	if err != nil {
		return nil, err
	}
	sc := small.codebook().ArrowSchema(table, small.fileMetadata(table, hashStandIn))
	s := &streamFile{f: f, w: parquetio.NewStreamWriter(f, sc), table: table,
		batches: make(chan *Dataset), done: make(chan struct{})}
	go s.run(s.batches, enc)
	return s, nil
}

func (s *streamFile) run(batches <-chan *Dataset, enc *rowEncoder) {
	defer close(s.done)
	for batch := range batches {
		if s.err == nil {
			s.err = s.convert(batch, enc)
		}
	}
}

// convert converts the table's rows of batch to Arrow and queues them.
func (s *streamFile) convert(batch *Dataset, enc *rowEncoder) error {
	rec, err := batch.recordEncoding(s.table, memory.DefaultAllocator, hashStandIn, enc)
	if err != nil {
		return err
	}
	defer rec.Release()
	err = s.w.Write(rec)
	if parquetio.DictionaryTooLarge(err) {
		return errNotStreamable
	}
	return err
}

// write hands a batch to the goroutine.
func (s *streamFile) write(batch *Dataset) { s.batches <- batch }

// wait waits for the batches handed over and returns the first error.
func (s *streamFile) wait() error {
	if s.batches != nil {
		close(s.batches)
		s.batches = nil
	}
	<-s.done
	return s.err
}

// finish writes the footer, puts the content hash in it, and renames the
// file to path.
func (s *streamFile) finish(path, hash string) error {
	if err := s.wait(); err != nil {
		return err
	}
	if err := s.w.Close(); err != nil {
		return err
	}
	if err := parquetio.ReplaceInFooter(s.f, hashStandIn, hash); err != nil {
		return err
	}
	if err := s.f.Sync(); err != nil {
		return err
	}
	if err := s.f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(s.f.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(s.f.Name(), path); err != nil {
		return err
	}
	s.f = nil
	return nil
}

// abandon removes the temporary file of a stream not finished.
func (s *streamFile) abandon() {
	s.wait()
	if s.f != nil {
		s.w.Release()
		s.f.Close()
		os.Remove(s.f.Name())
	}
}
