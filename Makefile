# tenantlint: build, test, bench. CI runs `bash .ci/run`, which runs `make test`.
GO ?= go
BIN := $(CURDIR)/bin

.PHONY: build test example bench vet clean

build:
	$(GO) build -o $(BIN)/ ./cmd/...

# The test command of the README and of CI.
test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

# Run tenantlint and tenantfix --dry-run on the example module in
# examples/shop. Findings are expected there (tenantlint exits 1).
example: build
	cd examples/shop && { $(BIN)/tenantlint ./... ; test $$? -le 1; }
	cd examples/shop && $(BIN)/tenantfix --dry-run ./...

clean:
	rm -rf $(BIN)
