// Package elsewhere has its comment outside doc.go.
package elsewhere
