//go:build tools

// Package tools pins the developer tools the notebook needs — the GoNB
// Jupyter kernel and the goimports it calls — so that `make tools` builds
// them into bin/ at known versions (gopls, which GoNB also calls, lives in
// the gopls/ module beside this one: it needs its own golang.org/x/tools).
// It is a module of its own so that these tools never become dependencies
// of rejoinder.
package tools

import (
	_ "github.com/janpfeifer/gonb"
	_ "golang.org/x/tools/cmd/goimports"
)
