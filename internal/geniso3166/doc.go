// Command geniso3166 writes schema/iso3166.go, the table of ISO 3166-1
// alpha-3 codes the validator checks country codes against, from Debian's
// iso-codes data (the iso-codes package's iso_3166-1.json), so that the
// table can be regenerated rather than edited by hand. schema's go:generate
// line runs it:
//
//	go generate ./schema
//
// Usage: geniso3166 -in iso_3166-1.json -version 4.15.0 -out iso3166.go
package main
