package frame

import (
	"testing"

	"github.com/go-gota/gota/series"
)

func TestNew(t *testing.T) {
	df, err := New(series.New([]string{"a", "b"}, series.String, "x"), series.New([]int{1, 2}, series.Int, "n"))
	if err != nil || df.Nrow() != 2 || df.Ncol() != 2 || df.Elem(1, 1).String() != "2" {
		t.Fatalf("New = %v, %v", df, err)
	}
	// Columns of different lengths: gota sets Err; New returns it.
	if _, err := New(series.New([]string{"a"}, series.String, "x"), series.New([]int{1, 2}, series.Int, "n")); err == nil {
		t.Error("mismatched columns gave no error")
	}
	bad := series.New([]string{"a"}, series.String, "x")
	bad.Err = errTest
	if _, err := New(bad); err == nil || err.Error() != "column x: test" {
		t.Errorf("err = %v", err)
	}
}

type testErr struct{}

func (testErr) Error() string { return "test" }

var errTest = testErr{}
