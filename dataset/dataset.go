package dataset

import (
	"cmp"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/rejoinder/rejoinder/schema"
)

//go:embed records/*.yaml
var embedded embed.FS

//go:embed codings
var embeddedCodings embed.FS

// CodingsFS holds the published codings of the embedded dataset: the
// independent coders' values, round by round, and the adjudicated gold
// (codings.csv, read by package coding), and the record of each
// adjudication (adjudications.csv). They are data beside the records, not
// records: the validator does not read them.
func CodingsFS() fs.FS {
	sub, err := fs.Sub(embeddedCodings, "codings")
	if err != nil {
		panic(err) // a fixed, embedded path: cannot fail
	}
	return sub
}

// MetadataFile is the name of the file, beside the case files, that holds
// the dataset's title, version, licence and citation.
const MetadataFile = "dataset.yaml"

// Metadata describes a dataset as a whole: what to call it, which version
// it is, and how to cite it.
type Metadata struct {
	Name        string `rj:"name"`
	Title       string `rj:"title"`
	Version     string `rj:"version"`
	Description string `rj:"description"`
	License     string `rj:"license"`
	Citation    string `rj:"citation"`
	Homepage    string `rj:"homepage"`
}

// Dataset is a loaded, validated dataset: the records, what they are, and
// the codebook they were checked against.
type Dataset struct {
	schema.Records
	Meta     Metadata
	Codebook *schema.Codebook

	pendingQuotes []schema.Quote // quotes read from Parquet, not yet attached
	metaFile      string         // where the metadata was read from, for messages
}

var (
	defaultOnce sync.Once
	defaultDS   *Dataset
	defaultErr  error
)

// Default returns the curated dataset embedded in the binary, validated
// against the built-in codebook. It is loaded once; each call returns a
// deep copy of the records and the codebook, so a caller that edits,
// appends or reorders them affects no other caller (the records' source
// positions, read-only, are shared).
func Default() (*Dataset, error) {
	defaultOnce.Do(func() {
		sub, err := fs.Sub(embedded, "records")
		if err != nil {
			defaultErr = err
			return
		}
		defaultDS, defaultErr = LoadFS(sub, "records")
	})
	if defaultErr != nil {
		return nil, defaultErr
	}
	// A deep copy: the records' lists (strategies, quotes, sources) and
	// the codebook too, so that one caller's edits reach no other.
	return &Dataset{Records: deepCopy(defaultDS.Records), Meta: defaultDS.Meta, Codebook: deepCopy(defaultDS.Codebook),
		metaFile: defaultDS.metaFile}, nil
}

// MustDefault is Default for scripts and examples: it panics if the
// embedded dataset is invalid, which the project's tests rule out.
func MustDefault() *Dataset {
	ds, err := Default()
	if err != nil {
		panic(err)
	}
	return ds
}

// Load reads and validates the dataset in dir: a directory of YAML record
// files (dataset.yaml plus one <case_id>.yaml per case) or of Parquet
// files as Write leaves them. Every problem in every file is returned at
// once, as a schema.ErrorList.
func Load(dir string) (*Dataset, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s: not a directory (give the folder that holds the record files or Parquet files)", dir)
	}
	if IsParquetDir(dir) {
		return ReadParquet(dir)
	}
	return LoadFS(os.DirFS(dir), dir)
}

// ErrAmbiguousData is a directory that holds both YAML records and a
// Parquet dataset (say after build --data d --out d): reading either
// would silently ignore the other, and edits to the records with it.
var ErrAmbiguousData = errors.New("both YAML records and a Parquet dataset")

// checkNotBoth refuses a Parquet directory that also holds YAML records,
// naming the files of both kinds it found.
func checkNotBoth(dir string) error {
	records := recordFilesIn(dir)
	if len(records) == 0 {
		return nil
	}
	var parquet []string
	for _, name := range []string{ParquetFile(schema.TableResponses), PartitionDir(schema.TableResponses) + "/"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			parquet = append(parquet, name)
		}
	}
	return fmt.Errorf("%s: %w: YAML records (%s) and Parquet (%s); keep the records and the Parquet files in separate directories (build --out another directory) and give --data the one you mean",
		dir, ErrAmbiguousData, listSome(records), listSome(parquet))
}

// RefuseRecordsDir refuses to write a Parquet dataset into dir when dir
// holds YAML records: the directory would then hold both kinds, and
// later reads of it would be ambiguous (ErrAmbiguousData). A directory
// that does not exist yet is fine.
func RefuseRecordsDir(dir string) error {
	records := recordFilesIn(dir)
	if len(records) == 0 {
		return nil
	}
	return fmt.Errorf("%s: %w: the directory holds YAML records (%s); writing Parquet beside them would hide them from later reads: choose another --out",
		dir, ErrAmbiguousData, listSome(records))
}

// recordFilesIn lists the YAML record files at the top of dir (a records
// directory always has its dataset.yaml there), hidden files aside.
func recordFilesIn(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") && slices.Contains(recordExtensions, strings.ToLower(path.Ext(e.Name()))) {
			names = append(names, e.Name())
		}
	}
	return names
}

// listSome joins up to five names and says how many more there are.
func listSome(names []string) string {
	const shown = 5
	s := strings.Join(names[:min(shown, len(names))], ", ")
	if len(names) > shown {
		s += fmt.Sprintf(" and %d more", len(names)-shown)
	}
	return s
}

// LoadFS reads and validates the YAML records in fsys. name is how the
// directory is named in messages (file paths are name/file.yaml).
//
// Every file is accounted for: record files (*.yaml and *.yml) are read
// in this directory and its subdirectories, in path order; any other file
// is an ErrNotRecordFile problem rather than skipped, because a record
// saved under another name would otherwise vanish from a dataset that
// validates. Hidden entries (a name starting with ".", such as .git or an
// editor's swap file) are not part of the dataset and are left alone.
func LoadFS(fsys fs.FS, name string) (*Dataset, error) {
	return loadFS(fsys, name, false)
}

// LoadUncoded reads and validates YAML records as Load does, except that
// a unit may leave blank the variables coders fill in (the codebook's
// coded variables: observed, organ, channel_type, strategies; for an
// accusation accuser_organ, instrument, evidence_disclosure): a case
// added for a coding round has its facts but not yet its codes. The
// coding commands read records this way; every other command, and the
// build, needs them coded. A Parquet directory is read as by Load.
func LoadUncoded(dir string) (*Dataset, error) {
	if IsParquetDir(dir) {
		return Load(dir)
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, err
	}
	return loadFS(os.DirFS(dir), dir, true)
}

func loadFS(fsys fs.FS, name string, uncoded bool) (*Dataset, error) {
	files, problems, err := recordFiles(fsys, name)
	if err != nil {
		return nil, err
	}
	ds := &Dataset{Codebook: schema.Default(), metaFile: path.Join(name, MetadataFile)}
	sawMeta, sawCase := false, false
	for _, rel := range files {
		file := path.Join(name, rel)
		data, err := YAMLLimit.ReadFile(fsys, rel, file)
		if err != nil {
			return nil, err
		}
		if isMetadataFile(rel) {
			if sawMeta {
				problems = append(problems, &schema.FieldError{File: file, Err: ErrNotRecordFile,
					Allowed: "one metadata file", Detail: "the dataset's metadata is read from " + ds.metaFile + "; merge the two"})
				continue
			}
			sawMeta, ds.metaFile = true, file
			problems = append(problems, decodeMetadata(file, data, &ds.Meta)...)
			continue
		}
		sawCase = true
		rf, errs := decodeCaseFile(file, data)
		problems = append(problems, errs...)
		if rf == nil {
			continue
		}
		if want := recordName(rel); rf.Case.CaseID != "" && rf.Case.CaseID != want {
			p := rf.Case.Pos.Field("case_id")
			problems = append(problems, &schema.FieldError{File: file, Line: p.Line, Column: p.Column, Table: schema.TableCases,
				ID: rf.Case.CaseID, Field: "case_id", Value: rf.Case.CaseID, Allowed: want + " (the file's name)",
				Err: schema.ErrInconsistent, Detail: "a case file is named after its case"})
		}
		problems = append(problems, checkSourceIDs(file, rf)...)
		ds.Cases = append(ds.Cases, rf.Case)
		ds.Sources = append(ds.Sources, rf.Sources...)
		ds.Accusations = append(ds.Accusations, rf.Accusations...)
		ds.Responses = append(ds.Responses, rf.Responses...)
	}
	if !sawMeta {
		problems = append(problems, &schema.FieldError{File: path.Join(name, MetadataFile), Err: schema.ErrMissing,
			Detail: "every records directory needs a dataset.yaml with name, title, version, license and citation"})
	}
	if !sawCase {
		problems = append(problems, &schema.FieldError{File: name, Err: schema.ErrMissing, Detail: "no case files (*.yaml or *.yml) found"})
	}
	problems = append(problems, ds.Validate()...)
	if uncoded {
		problems = withoutMissingCodes(ds.Codebook, problems)
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return ds, nil
}

// checkSourceIDs checks that the sources a case file lists have ids of
// its case (<case id>-s<n>): the validator tells a source's case by its
// id, to catch a record citing another case's source.
func checkSourceIDs(file string, rf *recordFile) schema.ErrorList {
	var problems schema.ErrorList
	caseID := rf.Case.CaseID
	for _, src := range rf.Sources {
		if caseID == "" || src.SourceID == "" || strings.HasPrefix(src.SourceID, caseID+"-s") {
			continue
		}
		p := src.Pos.Field("source_id")
		problems = append(problems, &schema.FieldError{File: file, Line: p.Line, Column: p.Column, Table: schema.TableSources,
			ID: src.SourceID, Field: "source_id", Value: src.SourceID, Allowed: caseID + "-s<number>",
			Err: schema.ErrInconsistent, Detail: "a source listed in the file of case " + caseID + " has an id of that case"})
	}
	return problems
}

// ErrNotRecordFile is a file in a records directory that is not a record
// file: the loader does not read it, and says so rather than skip it.
var ErrNotRecordFile = errors.New("not a record file")

// recordExtensions are the endings of the files LoadFS reads, compared
// without regard to case.
var recordExtensions = []string{".yaml", ".yml"}

// recordFiles lists the record files under fsys in path order, and a
// problem for each other file, so that nothing in the directory is
// silently passed over.
func recordFiles(fsys fs.FS, name string) ([]string, schema.ErrorList, error) {
	var files []string
	var problems schema.ErrorList
	stray := func(rel, detail string) {
		problems = append(problems, &schema.FieldError{File: path.Join(name, rel), Err: ErrNotRecordFile,
			Allowed: "dataset.yaml and <case_id>.yaml (or .yml) files, here or in subdirectories", Detail: detail})
	}
	err := fs.WalkDir(fsys, ".", func(rel string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if rel == "." {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
			return nil
		case isMetadataFile(d.Name()) && path.Dir(rel) != ".":
			stray(rel, "it is not read: the dataset's metadata file belongs at the top of the records directory")
		case d.Type()&fs.ModeSymlink != 0 && isDir(fsys, rel):
			stray(rel, "a link to a directory is not followed; move the records it holds into the records directory")
		case slices.Contains(recordExtensions, strings.ToLower(path.Ext(rel))):
			files = append(files, rel)
		default:
			stray(rel, "it is not read; move it out of the records directory")
		}
		return nil
	})
	return files, problems, err
}

// isDir reports whether rel is, or links to, a directory.
func isDir(fsys fs.FS, rel string) bool {
	info, err := fs.Stat(fsys, rel)
	return err == nil && info.IsDir()
}

// isMetadataFile reports whether a file is named as the metadata file
// (dataset.yaml, or dataset.yml).
func isMetadataFile(rel string) bool {
	return recordName(rel) == strings.TrimSuffix(MetadataFile, ".yaml") && slices.Contains(recordExtensions, strings.ToLower(path.Ext(rel)))
}

// recordName is a record file's name without its directory and extension:
// the case id it must hold.
func recordName(rel string) string {
	base := path.Base(rel)
	return base[:len(base)-len(path.Ext(base))]
}

// Validate checks the dataset against its codebook and its metadata for
// completeness, and returns every problem.
func (ds *Dataset) Validate() schema.ErrorList {
	cb := ds.Codebook
	if cb == nil {
		cb = schema.Default()
	}
	return append(schema.Validate(cb, &ds.Records), ds.metaProblems()...)
}

// metaProblems checks the dataset's metadata: a version, when given, is a
// semantic version.
func (ds *Dataset) metaProblems() schema.ErrorList {
	if ds.Meta.Version != "" && !semver.MatchString(ds.Meta.Version) {
		return schema.ErrorList{&schema.FieldError{File: cmp.Or(ds.metaFile, MetadataFile), Field: "version", Value: ds.Meta.Version,
			Allowed: "a semantic version such as 1.2.0", Err: schema.ErrBadValue}}
	}
	return nil
}

func decodeMetadata(file string, data []byte, m *Metadata) schema.ErrorList {
	root, perr := parseYAML(file, data)
	if perr != nil {
		return schema.ErrorList{perr}
	}
	d := &decoder{file: file}
	d.decode(root, reflect.ValueOf(m).Elem(), recCtx{table: "dataset"})
	for _, f := range schema.FieldsOf(reflect.TypeFor[Metadata]()) {
		if reflect.ValueOf(*m).Field(f.Index).String() == "" {
			d.problems = append(d.problems, &schema.FieldError{File: file, Line: 1, Table: "dataset", Field: f.Name, Err: schema.ErrMissing, Allowed: "non-empty text"})
		}
	}
	return d.problems
}

// Case returns the case with the given id.
func (ds *Dataset) Case(id string) (*schema.Case, error) {
	for i := range ds.Cases {
		if ds.Cases[i].CaseID == id {
			return &ds.Cases[i], nil
		}
	}
	const shown = 10
	var ids []string
	for _, c := range ds.Cases[:min(shown, len(ds.Cases))] {
		ids = append(ids, c.CaseID)
	}
	list := strings.Join(ids, ", ")
	if len(ds.Cases) > shown {
		list += fmt.Sprintf(", and %d more", len(ds.Cases)-shown)
	}
	return nil, fmt.Errorf("%w: %q (cases: %s)", ErrNoSuchCase, id, list)
}

// ErrNoSuchCase is returned when a case id is not in the dataset.
var ErrNoSuchCase = errors.New("no such case")

// AccusationsOf returns the case's accusations in record order.
func (ds *Dataset) AccusationsOf(caseID string) []*schema.Accusation {
	var out []*schema.Accusation
	for i := range ds.Accusations {
		if ds.Accusations[i].CaseID == caseID {
			out = append(out, &ds.Accusations[i])
		}
	}
	return out
}

// ResponsesOf returns the case's responses in record order.
func (ds *Dataset) ResponsesOf(caseID string) []*schema.Response {
	var out []*schema.Response
	for i := range ds.Responses {
		if ds.Responses[i].CaseID == caseID {
			out = append(out, &ds.Responses[i])
		}
	}
	return out
}

// Accusation returns the accusation with the given id, or nil.
func (ds *Dataset) Accusation(id string) *schema.Accusation {
	for i := range ds.Accusations {
		if ds.Accusations[i].AccusationID == id {
			return &ds.Accusations[i]
		}
	}
	return nil
}

// Response returns the response with the given id, or nil.
func (ds *Dataset) Response(id string) *schema.Response {
	for i := range ds.Responses {
		if ds.Responses[i].ResponseID == id {
			return &ds.Responses[i]
		}
	}
	return nil
}

// Source returns the source with the given id, or nil.
func (ds *Dataset) Source(id string) *schema.Source {
	for i := range ds.Sources {
		if ds.Sources[i].SourceID == id {
			return &ds.Sources[i]
		}
	}
	return nil
}

var semver = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`)

// withoutMissingCodes drops the problems that say a coded variable is
// blank: what LoadUncoded allows. A coded variable with a wrong value is
// still a problem.
func withoutMissingCodes(cb *schema.Codebook, problems schema.ErrorList) schema.ErrorList {
	kept := problems[:0:0]
	for _, p := range problems {
		if p.Err == schema.ErrMissing && p.Value == "" {
			if t, ok := cb.Table(p.Table); ok {
				if v, ok := t.Variable(p.Field); ok && v.Coded {
					continue
				}
			}
		}
		kept = append(kept, p)
	}
	return kept
}
