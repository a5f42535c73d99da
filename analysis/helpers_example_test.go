package analysis_test

import "github.com/go-gota/gota/dataframe"

// dataframeEq is the gota filter "column == value".
func dataframeEq(col, value string) dataframe.F {
	return dataframe.F{Colname: col, Comparator: "==", Comparando: value}
}
