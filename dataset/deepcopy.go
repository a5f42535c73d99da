package dataset

import (
	"reflect"

	"github.com/rejoinder/rejoinder/schema"
)

// positionType is shared, not copied: where a record was read is read-only
// and large (a map of every field's position), and copying it on every
// Default would cost more than the records.
var positionType = reflect.TypeFor[*schema.Position]()

// deepCopy returns a copy of v that shares no memory with it: slices,
// pointers and maps are copied all the way down. Default hands each caller
// such a copy of the embedded dataset, so that a script that edits its
// records (a strategy, a quote, the codebook) changes nobody else's.
func deepCopy[T any](v T) T {
	var out T
	copyValue(reflect.ValueOf(&out).Elem(), reflect.ValueOf(v))
	return out
}

func copyValue(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() || src.Type() == positionType {
			dst.Set(src)
			return
		}
		p := reflect.New(src.Elem().Type())
		copyValue(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			copyValue(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		iter := src.MapRange()
		for iter.Next() {
			val := reflect.New(iter.Value().Type()).Elem()
			copyValue(val, iter.Value())
			m.SetMapIndex(iter.Key(), val)
		}
		dst.Set(m)
	case reflect.Struct:
		for i := 0; i < src.NumField(); i++ {
			copyValue(dst.Field(i), src.Field(i)) // records and codebook have exported fields only
		}
	default:
		dst.Set(src)
	}
}
