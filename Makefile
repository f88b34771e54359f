# tenantlint: build, test, bench. CI runs `bash .ci/run`, which runs `make test`.
GO ?= go
BIN := $(CURDIR)/bin

.PHONY: build test example bench vet clean golangci-custom

# CGO_ENABLED=0: tenantlint calls no C, but net (pflag, wazero) and
# os/user (glog, through vitess) link libc when cgo is on, and a
# dynamically linked process costs more to start: go vet starts one per
# package, dependencies included (docs/performance.md, "Per-process
# start-up").
build:
	CGO_ENABLED=0 $(GO) build -o $(BIN)/ ./cmd/...

# The test command of the README and of CI.
test:
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...

# Run tenantlint and tenantfix --dry-run on the example module in
# examples/shop. Findings are expected there (tenantlint exits 1).
example: build
	cd examples/shop && { $(BIN)/tenantlint ./... ; test $$? -le 1; }
	cd examples/shop && $(BIN)/tenantfix --dry-run ./...

# Benchmark tenantlint (standalone and as go vet's -vettool) against plain
# go vet on a generated module of BENCH_PKGS packages: scripts/bench.sh
# (also BENCH_FILES, BENCH_RUNS, BENCH_TOOLS, BENCH_DIR, BENCH_OUT).
BENCH_PKGS ?= 200
bench:
	GO=$(GO) BENCH_PKGS=$(BENCH_PKGS) bash scripts/bench.sh

# Opt-in, not part of test: build bin/golangci-lint-tenantlint with the
# plugin in plugin/golangci (.custom-gcl.yml), from golangci-lint's source
# on the module proxy, and check its findings on examples/shop.
golangci-custom:
	GO=$(GO) bash scripts/golangci-custom.sh

clean:
	rm -rf $(BIN)
