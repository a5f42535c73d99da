//go:build tools

// Package gopls pins the Go language server that GoNB uses for
// auto-completion and inspection in the notebook. It needs the
// golang.org/x/tools version it was released with, so it has a module of
// its own beside ../go.mod (which holds goimports at another x/tools).
package gopls

import _ "golang.org/x/tools/gopls"
