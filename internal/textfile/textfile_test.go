package textfile

import (
	"strings"
	"testing"
	"unicode/utf16"
)

// UTF-16 in either byte order, with or without a byte-order mark, is
// recognised; UTF-8 (with its own byte-order mark too) is not.
func TestUTF16(t *testing.T) {
	le := func(s string) []byte {
		var b []byte
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	tests := []struct {
		name string
		head []byte
		want string // in the detail; "" for none
	}{
		{"little-endian with BOM", append([]byte{0xFF, 0xFE}, le("unit,coder")...), "byte-order mark FFFE"},
		{"big-endian with BOM", []byte{0xFE, 0xFF, 0, 'u'}, "byte-order mark FEFF"},
		{"little-endian without BOM", le("unit,coder"), "NUL byte at byte 2"},
		{"UTF-8", []byte("unit,coder,value\n"), ""},
		{"UTF-8 with BOM", []byte("\uFEFFunit,coder"), ""},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		got := UTF16(tt.head)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%s: UTF16 = %q, want %q", tt.name, got, tt.want)
		}
	}
}
