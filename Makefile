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

# Run the tools on the example module shipped in examples/shop.
example: build
	cd examples/shop && $(BIN)/tenantlint ./... ; test $$? -le 1

clean:
	rm -rf $(BIN)
