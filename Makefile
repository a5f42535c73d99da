# rejoinder: the two commands a fresh machine needs are `make run` and `make test`.
GO      ?= go
OUT     ?= out
BIN     ?= bin/rejoinder
FUZZTIME ?= 30s

.PHONY: run test build interop vet fmt fuzz docs bench clean

## run: validate the embedded dataset, then write Parquet files and the workbook to $(OUT)/
run: build
	$(BIN) validate
	$(BIN) build --out $(OUT)

## build: compile the rejoinder binary to $(BIN)
build:
	$(GO) build -o $(BIN) ./cmd/rejoinder

## test: vet, then every test (the DuckDB interop test needs `make interop` first; CI runs it)
test: vet
	$(GO) test ./...

## interop: install the independent readers the interop tests use (DuckDB via npm)
interop:
	npm ci --prefix interop --no-audit --no-fund

## docs: regenerate DATASET.md and EVALUATION.md from the data (tests fail while they are stale)
docs:
	$(GO) test ./exports -run TestDatasetDocUpToDate -update
	$(GO) run ./cmd/rejoinder suggest --evaluate --out EVALUATION.md

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
	$(GO) test ./dataset -run '^$$' -fuzz FuzzPartitionValue -fuzztime $(FUZZTIME)
	$(GO) test ./dataset -run '^$$' -fuzz FuzzReadCSV -fuzztime $(FUZZTIME)
	$(GO) test ./dataset -run '^$$' -fuzz FuzzListCell -fuzztime $(FUZZTIME)
	$(GO) test ./schema -run '^$$' -fuzz FuzzParseDate -fuzztime $(FUZZTIME)
	$(GO) test ./reliability -run '^$$' -fuzz FuzzReadCSV -fuzztime $(FUZZTIME)

clean:
	rm -rf $(OUT) bin
