# rejoinder: the two commands a fresh machine needs are `make run` and `make test`.
GO      ?= go
OUT     ?= out
BIN     ?= bin/rejoinder
FUZZTIME ?= 30s
# The fuzz targets that write a file per input run a few per second; with a short time Go's fuzzer can stop
# one mid-input and report "context deadline exceeded". CI gives them a count of inputs instead.
SLOWFUZZTIME ?= $(FUZZTIME)

.PHONY: run test build interop vet fmt fuzz docs bench clean tools notebook examples figures render site site-screenshots

## run: validate the embedded dataset, then write Parquet files and the workbook to $(OUT)/
run: build
	$(BIN) validate
	$(BIN) build --out $(OUT)

## build: compile the rejoinder binary to $(BIN)
build:
	$(GO) build -o $(BIN) ./cmd/rejoinder

## test: vet, then every test (the DuckDB interop test needs `make interop` first; CI runs it). Tests skipped
## for a missing reader leave a line in a scratch directory (REJOINDER_SKIP_DIR, see internal/interoptest);
## one line at the end names them and how to install each reader. The exit status is go test's.
test: vet
	@skips=$$(mktemp -d) || exit 1; \
	echo "$(GO) test -timeout 30m ./..."; \
	REJOINDER_SKIP_DIR="$$skips" $(GO) test -timeout 30m ./...; status=$$?; \
	if [ -n "$$(ls -A "$$skips")" ]; then $(GO) run ./internal/interoptest/skipsummary "$$skips"; fi; \
	rm -rf "$$skips"; exit $$status

## interop: install the independent readers the interop tests use (DuckDB via npm)
interop:
	npm ci --prefix interop --no-audit --no-fund

## docs: regenerate DATASET.md, README's compare sample, EVALUATION.md, docs/commands/, docs/codebook.md, docs/adding-a-case.md, the tutorial's
## outputs and figures, the golden files that follow the data (figures, examples, notebook) and the Output comments of the
## Go Example functions that print real results (internal/exampleoutput); tests fail while
## they are stale. Every step rewrites, so it works after any valid change to the records (the notebook step skips,
## leaving its golden file, where GoNB is not installed: `make tools`).
docs:
	$(GO) test ./exports -run TestDatasetDocUpToDate -update
	$(GO) test . -run TestREADMESamples -update
	$(GO) run ./cmd/rejoinder suggest --evaluate --out EVALUATION.md
	$(GO) test ./cmd/rejoinder -run 'TestCommandDocsUpToDate|TestCodebookDocUpToDate|TestAddingACaseDocUpToDate|TestTutorial' -update-docs
	$(GO) test ./plot -run TestFigures -update
	$(GO) test ./examples -run TestExamples -update
	$(GO) run ./internal/exampleoutput
	$(GO) test ./notebooks -run TestNotebook -update

## examples: run every program under examples/ and check its output
examples:
	$(GO) test ./examples -run TestExamples -v

## render: build the workbook and a coding template, render both with LibreOffice to PDF and PNG pages in $(OUT)/render/ (look at every page)
render:
	RENDER_OUT=$(OUT)/render interop/render.sh

## site: write the static website of the embedded dataset to $(OUT)/site/ (open $(OUT)/site/index.html)
site: build
	$(BIN) site --out $(OUT)/site

## site-screenshots: drive Chromium through the site (the browser test) and save screenshots of every kind of page at
## desktop and phone widths in $(OUT)/site-screenshots/ (needs Debian's chromium and `make interop`)
site-screenshots:
	REJOINDER_SITE_SCREENSHOTS=$(abspath $(OUT))/site-screenshots $(GO) test ./site -run TestSiteInBrowser -count=1 -v

## figures: draw the figures the tutorial shows into docs/figures/
figures:
	mkdir -p docs/figures
	$(GO) run ./cmd/rejoinder plot profile --out docs/figures/profile.png
	$(GO) run ./cmd/rejoinder plot timeline --out docs/figures/timeline.png
	$(GO) run ./cmd/rejoinder plot similarity --out docs/figures/similarity.svg
	$(GO) run ./cmd/rejoinder plot coverage --out docs/figures/coverage.png

## tools: build the notebook's Go kernel GoNB, goimports and gopls into bin/ (pinned in tools/go.mod)
tools:
	cd tools && $(GO) build -o ../bin/gonb github.com/janpfeifer/gonb
	cd tools && $(GO) build -o ../bin/goimports golang.org/x/tools/cmd/goimports
	cd tools/gopls && $(GO) build -o ../../bin/gopls golang.org/x/tools/gopls

## notebook: open notebooks/ in Jupyter with the GoNB kernel (needs jupyter-notebook from Debian)
notebook: tools
	PATH="$(CURDIR)/bin:$$PATH" bin/gonb --install
	REJOINDER_ROOT="$(CURDIR)" PATH="$(CURDIR)/bin:$$PATH" jupyter notebook notebooks/

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

## bench: run the side-by-side benchmarks (rejoinder against DuckDB, pandas) and rewrite BENCHMARKS.md
bench:
	bench/run.sh

## fuzz: run each fuzz target for $(FUZZTIME)
fuzz:
	$(GO) test ./dataset -run '^$$' -fuzz FuzzDecodeRecordFile -fuzztime $(FUZZTIME)
	$(GO) test ./internal/exampleoutput -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME)
	$(GO) test ./internal/geniso3166 -run '^$$' -fuzz FuzzGenerate -fuzztime $(FUZZTIME)
	$(GO) test ./dataset -run '^$$' -fuzz FuzzPartitionValue -fuzztime $(FUZZTIME)
	$(GO) test ./dataset -run '^$$' -fuzz FuzzReadCSV -fuzztime $(SLOWFUZZTIME)
	$(GO) test ./dataset -run '^$$' -fuzz FuzzImportCSV -fuzztime $(SLOWFUZZTIME)
	$(GO) test ./dataset -run '^$$' -fuzz FuzzListCell -fuzztime $(FUZZTIME)
	$(GO) test ./dataset -run '^$$' -fuzz FuzzReadParquet -fuzztime $(SLOWFUZZTIME)
	$(GO) test ./schema -run '^$$' -fuzz FuzzParseDate -fuzztime $(FUZZTIME)
	$(GO) test ./reliability -run '^$$' -fuzz FuzzReadCSV -fuzztime $(FUZZTIME)
	$(GO) test ./coding -run '^$$' -fuzz FuzzImportWorkbook -fuzztime $(SLOWFUZZTIME)
	$(GO) test ./coding -run '^$$' -fuzz FuzzCodingSheetXML -fuzztime $(SLOWFUZZTIME)
	$(GO) test ./events -run '^$$' -fuzz FuzzParseLine -fuzztime $(FUZZTIME)
	$(GO) test ./dataset -run '^$$' -fuzz FuzzExcelCell -fuzztime $(FUZZTIME)
	$(GO) test ./dataset -run '^$$' -fuzz FuzzYAMLSyntaxError -fuzztime $(FUZZTIME)
	$(GO) test ./dataset -run '^$$' -fuzz FuzzInputLimitMax -fuzztime $(FUZZTIME)
	$(GO) test ./coding -run '^$$' -fuzz FuzzCheckPackage -fuzztime $(SLOWFUZZTIME)
	$(GO) test ./coding -run '^$$' -fuzz FuzzSharedStrings -fuzztime $(SLOWFUZZTIME)
	$(GO) test ./coding -run '^$$' -fuzz FuzzCodingsCSV -fuzztime $(FUZZTIME)
	$(GO) test ./internal/textfile -run '^$$' -fuzz FuzzUTF16 -fuzztime $(FUZZTIME)
	$(GO) test ./events -run '^$$' -fuzz FuzzIngest -fuzztime $(SLOWFUZZTIME)

clean:
	rm -rf $(OUT) bin
