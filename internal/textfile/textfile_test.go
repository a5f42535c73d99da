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

// FuzzUTF16 checks the encoding detection on arbitrary file heads: it
// never panics, names UTF-16 exactly when the head starts with a UTF-16
// byte-order mark or holds a NUL byte, and so never for UTF-8 text
// (which holds no NUL) unless it starts with such a mark.
func FuzzUTF16(f *testing.F) {
	for _, s := range []string{"", "\xff", "\xff\xfe", "\xfe\xffx", "u\x00n\x00", "\uFEFFunit", "unit,coder\n", "\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, head []byte) {
		got := UTF16(head)
		bom := len(head) >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))
		nul := strings.IndexByte(string(head), 0) >= 0
		if (got != "") != (bom || nul) {
			t.Fatalf("UTF16(%q) = %q; byte-order mark %v, NUL %v", head, got, bom, nul)
		}
	})
}
