// Package textfile recognises text files in an encoding rejoinder does not
// read, so that each reader of CSV can say so once, for the whole file,
// instead of reporting a header that matches no column.
package textfile
