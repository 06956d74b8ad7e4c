# Kern — the two commands of the README, plus a few helpers.
#   make run    installs what is missing, builds kernelc (release) and runs the showcase kernel
#   make test   installs what is missing and runs every test (debug build)
#   make integration  a client package depending on Kern by version (scripts/integration-test.sh)
# Building needs no LLVM; kernels compile with the libLLVM found at run time (README, "Use
# Kern in your package"): KERN_LLVM_LIBRARY, else LLVM_CONFIG, else the newest
# llvm-config-NN on PATH, else the usual install locations. The targets below pick the
# version with LLVM_CONFIG, and the tests check that this version is the one loaded.

SWIFT ?= swift
LLVM_VERSION ?= 22
LLVM_CONFIG ?= llvm-config-$(LLVM_VERSION)

.PHONY: deps build run test test-llvm19 integration fuzz bench clean

deps:
	@KERN_LLVM_VERSION=$(LLVM_VERSION) ./scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product kernelc

run: build
	LLVM_CONFIG=$(LLVM_CONFIG) $$($(SWIFT) build -c release --show-bin-path)/kernelc run Kernels/showcase.kern

# Tests run one at a time: some observe process-wide state (the runtime's print sink,
# the thread pool's idle CPU use) that tests running alongside would disturb.
test: deps
	KERN_LLVM_LIBRARY= LLVM_CONFIG=$(LLVM_CONFIG) KERN_EXPECT_LLVM_MAJOR=$(LLVM_VERSION) $(SWIFT) test --no-parallel

# The same tests (same build: LLVM is chosen at run time) against LLVM 19.
test-llvm19:
	@KERN_LLVM_VERSION=19 ./scripts/install-deps.sh
	KERN_LLVM_LIBRARY= LLVM_CONFIG=llvm-config-19 KERN_EXPECT_LLVM_MAJOR=19 $(SWIFT) test --no-parallel

integration: deps
	LLVM_CONFIG=$(LLVM_CONFIG) ./scripts/integration-test.sh

fuzz:
	./Fuzz/build.sh && ./Fuzz/run.sh $${SECONDS_TO_RUN:-60}

bench: build
	$(MAKE) -C Benchmarks bench

clean:
	rm -rf .build .build-llvm19 .build-integration
