package frame

import (
	"fmt"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// New builds a DataFrame from columns, returning the first column's or
// the frame's error instead of leaving it in Err.
func New(cols ...series.Series) (dataframe.DataFrame, error) {
	for _, c := range cols {
		if c.Err != nil {
			return dataframe.DataFrame{}, fmt.Errorf("column %s: %w", c.Name, c.Err)
		}
	}
	df := dataframe.New(cols...)
	if df.Err != nil {
		return dataframe.DataFrame{}, df.Err
	}
	return df, nil
}
