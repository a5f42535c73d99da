// Package site writes the dataset as a static website: an index, a page
// per case with every response in time order and each quote beside its
// source and the codes it evidences, the codebook with its examples linked
// to the quotes they cite, an Explore page that filters and searches every
// response in the browser, a comparison of two cases with the plot
// package's figures, and a downloads page.
//
// The site needs no server, no external CDN and no tracking: it opens
// from the file system as well as from any static host. Cases and the
// codebook read without JavaScript; Explore uses a little vanilla
// JavaScript and a compact index (explore-data.js, a script rather than
// JSON so that it loads from file:// too; the searched text follows in
// explore-text-N.js files after the first view, so a 200,000-response
// site stays usable) and keeps its filters in the URL fragment, so a
// filtered view can be linked and cited; Compare reads compare-data.js to
// set any two cases side by side. Every response
// and quote has a permanent id used as its fragment
// (case-prk-park-2018.html#prk-park-2018-r1). Pages go through
// html/template, so quoted text is always escaped.
//
// The same dataset always gives the same bytes: everything is sorted and
// the only dates printed are the dataset's own.
//
// # Where it fits
//
// site comes after exports in the flow (schema → dataset → analysis →
// exports, plot → site); only cmd/rejoinder imports it. Write fills a
// directory; the command writes into a staging directory and swaps it in
// whole (internal/outdir), so an interrupted run leaves the previous site.
package site
