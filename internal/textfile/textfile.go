package textfile

import (
	"bytes"
	"fmt"
)

// SaveAsUTF8 tells a user how to save a CSV file as UTF-8 in the
// spreadsheet programs they are likely to use.
const SaveAsUTF8 = "save it as UTF-8 (\"CSV UTF-8\" in Excel, character set Unicode (UTF-8) in LibreOffice)"

// UTF16 reports whether head, the first bytes of a file, are UTF-16 text
// ("Unicode text" in Excel), recognised by the byte-order mark or by a NUL
// byte, which UTF-8 text does not hold, and says why; "" when they are not.
func UTF16(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return fmt.Sprintf("the file is UTF-16 (it starts with the byte-order mark %X)", head[:2])
	case bytes.IndexByte(head, 0) >= 0:
		return fmt.Sprintf("the file has a NUL byte at byte %d, as UTF-16 text has", bytes.IndexByte(head, 0)+1)
	}
	return ""
}
