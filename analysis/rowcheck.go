package analysis

import (
	"path/filepath"
	"strings"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// rowCheck applies to the responses an analysis reads validate's own
// per-value rules (schema.CheckField, CheckReference, CheckObserved) on
// the columns it reads, so that it counts no row validate would reject.
// A value that passed is remembered, so that each distinct value (a code,
// a country, a case id, an observed code with a set of strategies) is
// checked once, not once per row: in the file's own memo first (no lock),
// then in the one its scan's files share.
type rowCheck struct {
	cb       *schema.Codebook
	table    string
	ids      map[string]map[string]bool // table → ids, for references (cases; accusations when read)
	path     string
	local    checkMemo
	shared   *sharedMemo
	problems schema.ErrorList
}

// checkMemo holds the values that passed.
type checkMemo struct {
	passed map[string]map[string]struct{} // field → values that passed
	coded  map[codedKey]struct{}          // observed with strategies that passed
}

func newCheckMemo() checkMemo {
	return checkMemo{passed: map[string]map[string]struct{}{}, coded: map[codedKey]struct{}{}}
}

func (m checkMemo) hasValue(field, v string) bool {
	_, ok := m.passed[field][v]
	return ok
}

// addValue remembers v (a copy: v may alias an Arrow buffer).
func (m checkMemo) addValue(field, v string) {
	if m.passed[field] == nil {
		m.passed[field] = map[string]struct{}{}
	}
	m.passed[field][strings.Clone(v)] = struct{}{}
}

func (m checkMemo) hasCoded(k codedKey) bool {
	_, ok := m.coded[k]
	return ok
}

func (m checkMemo) addCoded(k codedKey) {
	k.observed = strings.Clone(k.observed)
	m.coded[k] = struct{}{}
}

// sharedMemo is the memo the files of one scan share, scanned on all
// cores: a partitioned table has many small files with the same values.
type sharedMemo struct {
	sync.Mutex
	checkMemo
}

func newSharedMemo() *sharedMemo { return &sharedMemo{checkMemo: newCheckMemo()} }

// inShared reports whether the scan's shared memo holds what has looks
// for, and if so copies it into the file's own memo with add.
func (c *rowCheck) inShared(has func(checkMemo) bool, add func(checkMemo)) bool {
	c.shared.Lock()
	ok := has(c.shared.checkMemo)
	c.shared.Unlock()
	if ok {
		add(c.local)
	}
	return ok
}

// remember records what passed, in the file's memo and the shared one.
func (c *rowCheck) remember(add func(checkMemo)) {
	add(c.local)
	c.shared.Lock()
	add(c.shared.checkMemo)
	c.shared.Unlock()
}

// codedKey identifies an observed code with a list of known strategy
// codes: the set of codes and the list's length (a longer list repeats
// a code).
type codedKey struct {
	observed string
	set      uint32
	n        int64
}

func newRowCheck(cb *schema.Codebook, table string, ids map[string]map[string]bool, path string, shared *sharedMemo) *rowCheck {
	return &rowCheck{cb: cb, table: table, ids: ids, path: path, local: newCheckMemo(), shared: shared}
}

// position locates row (0-based; -1 for the partition's directory value).
func (c *rowCheck) position(row int) *schema.Position {
	return &schema.Position{File: c.path, Line: row + 1}
}

// value checks one value of a column of the checker's table (a reference
// against the ids of its table too) and reports whether it passed.
func (c *rowCheck) value(row int, field, v string) bool {
	has := func(m checkMemo) bool { return m.hasValue(field, v) }
	add := func(m checkMemo) { m.addValue(field, v) }
	if has(c.local) || c.inShared(has, add) {
		return true
	}
	vr := c.cb.MustVariable(c.table, field)
	pos := c.position(row)
	p := schema.CheckField(c.table, "", pos, vr, v)
	if vr.Type == schema.TypeRef && v != "" {
		p = append(p, schema.CheckReference(c.table, "", pos, field, v, c.ids, refTargets(vr)...)...)
	}
	if len(p) > 0 {
		c.problems = append(c.problems, p...)
		return false
	}
	c.remember(add)
	return true
}

// field checks one value of a row without the memo (a date, a list, an
// id: values that rarely repeat), a reference against the ids of its
// table too, and reports whether it passed. value is a string, a
// []string or a schema.Date, as schema.CheckField takes it.
func (c *rowCheck) field(row int, field string, value any) bool {
	vr := c.cb.MustVariable(c.table, field)
	pos := c.position(row)
	p := schema.CheckField(c.table, "", pos, vr, value)
	if v, ok := value.(string); ok && vr.Type == schema.TypeRef && v != "" {
		p = append(p, schema.CheckReference(c.table, "", pos, field, v, c.ids, refTargets(vr)...)...)
	}
	c.problems = append(c.problems, p...)
	return len(p) == 0
}

// refTargets lists the tables a reference may point to: a quote's
// unit_id names "responses|accusations".
func refTargets(vr *schema.Variable) []string { return strings.Split(vr.Ref, "|") }

// unique checks a row's id as field does, and that no earlier row read
// (seen, across the scan's files) has it, as
// validate does.
func (c *rowCheck) unique(row int, field, id string, seen map[string]bool) bool {
	if !c.field(row, field, id) {
		return false
	}
	if _, dup := seen[id]; dup {
		c.problems = append(c.problems, &schema.FieldError{File: c.path, Line: row + 1, Table: c.table, ID: id, Field: field,
			Value: id, Allowed: "each id once", Err: schema.ErrDuplicateID})
		return false
	}
	seen[strings.Clone(id)] = true
	return true
}

// partition checks the values a partition's directory names give its
// rows (the derived year is no column). A bad one is reported once.
func (c *rowCheck) partition(part dataset.Partition) bool {
	ok := true
	for _, k := range part.Keys {
		if k != dataset.PartitionYear {
			ok = c.value(-1, k, part.Vals[k]) && ok
		}
	}
	return ok
}

// strategies checks a row's strategies, as a list and against its
// observed code: item i of the batch, row of the file; set is the row's
// known codes as bits and known whether every code was known (set is
// then the whole list).
func (c *rowCheck) strategies(row, i int, observed string, list *array.List, set uint32, known bool) bool {
	start, end := list.ValueOffsets(i)
	key := codedKey{observed, set, end - start}
	has := func(m checkMemo) bool { return m.hasCoded(key) }
	add := func(m checkMemo) { m.addCoded(key) }
	if known && (has(c.local) || c.inShared(has, add)) {
		return true
	}
	values := list.ListValues().(*array.String)
	items := make([]string, 0, end-start)
	for j := start; j < end; j++ {
		items = append(items, values.Value(int(j)))
	}
	pos := c.position(row)
	p := schema.CheckField(schema.TableResponses, "", pos, c.cb.MustVariable(schema.TableResponses, "strategies"), items)
	p = append(p, schema.CheckObserved(c.cb, "", pos, observed, items)...)
	if len(p) > 0 {
		c.problems = append(c.problems, p...)
		return false
	}
	if known {
		c.remember(add)
	}
	return true
}

// readIDs reads the key column of a small table (cases), for references.
func readIDs(dir, table, key string) (map[string]bool, error) {
	ids := map[string]bool{}
	path := filepath.Join(dir, dataset.ParquetFile(table))
	err := dataset.ScanColumns(path, table, []string{key}, func(cols []arrow.Array, _ int, n int) error {
		a := cols[0].(*array.String)
		for i := 0; i < n; i++ {
			ids[strings.Clone(a.Value(i))] = true
		}
		return nil
	})
	return ids, err
}
