package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/frame"
	"github.com/rejoinder/rejoinder/schema"
)

// Table returns one of the dataset's tables (cases, accusations,
// responses, quotes, sources) as a DataFrame with the columns of its Arrow
// schema, in that order: what a Parquet reader of `rejoinder build`'s
// files sees. Conventions, the same in every frame the package returns:
//   - codes, ids, country codes and CAMEO codes are strings (CAMEO "016"
//     stays "016", never the number 16);
//   - a list (strategies, sources, a quote's codes) is one string, its items
//     joined with "; " (dataset.JoinList: a ";" or "\" inside an item is
//     escaped with a backslash), "" for an empty list; a record's quotes
//     are their quote ids;
//   - a date is a string to its known precision (2018-09-14, 2018-09 or
//     2018; "" when unknown), followed by its <name>_precision column;
//   - true/false columns are booleans.
func Table(ds *dataset.Dataset, table string) (dataframe.DataFrame, error) {
	if !slices.Contains(dataset.Tables, table) {
		return dataframe.DataFrame{}, fmt.Errorf("%w: no table %q (tables: %s)", ErrBadFilter, table, strings.Join(dataset.Tables, ", "))
	}
	if err := ds.Complete(); err != nil {
		return dataframe.DataFrame{}, err
	}
	cols := ds.Codebook.Columns(table)
	text := make([][]string, len(cols))
	flags := make([][]bool, len(cols))
	err := ds.Scan(table, func(row []any) error {
		for i, c := range cols {
			switch v := row[i].(type) {
			case bool:
				flags[i] = append(flags[i], v)
			case []string:
				text[i] = append(text[i], dataset.JoinList(v))
			case schema.Date:
				if c.Precision {
					text[i] = append(text[i], v.Precision.String())
				} else {
					text[i] = append(text[i], v.String())
				}
			case string:
				text[i] = append(text[i], v)
			default:
				return fmt.Errorf("%s.%s: a value of type %T", table, c.Field.Name, v)
			}
		}
		return nil
	})
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	out := make([]series.Series, len(cols))
	for i, c := range cols {
		if c.Variable.Type == schema.TypeBool && !c.Precision {
			out[i] = series.New(flags[i], series.Bool, c.Field.Name)
			continue
		}
		out[i] = series.New(text[i], series.String, c.Field.Name)
	}
	return frame.New(out...)
}

// TableParquet is Table over a Parquet directory that `rejoinder build`
// wrote. The whole directory is read and checked (a table's references
// reach into the others).
func TableParquet(dir, table string) (dataframe.DataFrame, error) {
	ds, err := dataset.ReadParquet(dir)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	return Table(ds, table)
}
