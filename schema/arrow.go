package schema

import (
	"github.com/apache/arrow-go/v18/arrow"
)

// PrecisionSuffix is appended to a date variable's name to name the column
// that holds its precision: date → date_precision.
const PrecisionSuffix = "_precision"

// Column is one Arrow column of a table and the codebook variable it
// stores. A date variable has two columns: the date itself and its
// precision.
type Column struct {
	Variable  *Variable
	Field     arrow.Field
	Precision bool // the precision column of a date variable
}

// Columns returns the Arrow columns of the named table, generated from the
// codebook in its variable order. Each field carries the variable's
// definition as the metadata key "description", which pandas, polars and R
// users see beside the data.
func (c *Codebook) Columns(table string) []Column {
	t, ok := c.Table(table)
	if !ok {
		return nil
	}
	var cols []Column
	for i := range t.Variables {
		v := &t.Variables[i]
		md := arrow.NewMetadata([]string{"description"}, []string{v.Definition})
		f := arrow.Field{Name: v.Name, Nullable: true, Metadata: md}
		switch {
		case v.List:
			f.Type = arrow.ListOfNonNullable(arrow.BinaryTypes.String)
			f.Nullable = false
		case v.Type == TypeDate:
			f.Type = arrow.FixedWidthTypes.Date32
		case v.Type == TypeBool:
			f.Type = arrow.FixedWidthTypes.Boolean
			f.Nullable = false
		case v.Type == TypeInt:
			f.Type = arrow.PrimitiveTypes.Int64
		case v.Name == t.Key:
			f.Type = arrow.BinaryTypes.String
			f.Nullable = false
		default:
			f.Type = arrow.BinaryTypes.String
		}
		cols = append(cols, Column{Variable: v, Field: f})
		if v.Type == TypeDate {
			pmd := arrow.NewMetadata([]string{"description"}, []string{"Precision of " + v.Name + ": day, month or year (empty when the date is unknown)."})
			cols = append(cols, Column{Variable: v, Precision: true,
				Field: arrow.Field{Name: v.Name + PrecisionSuffix, Type: arrow.BinaryTypes.String, Nullable: true, Metadata: pmd}})
		}
	}
	return cols
}

// ArrowSchema returns the Arrow schema of the named table, with the given
// schema-level metadata (versions, content hash).
func (c *Codebook) ArrowSchema(table string, md map[string]string) *arrow.Schema {
	cols := c.Columns(table)
	fields := make([]arrow.Field, len(cols))
	for i, col := range cols {
		fields[i] = col.Field
	}
	m := arrow.MetadataFrom(md)
	return arrow.NewSchema(fields, &m)
}
