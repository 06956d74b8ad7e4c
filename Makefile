# Kern — the two commands of the README, plus a few helpers.
#   make run    installs what is missing, builds kernelc (release) and runs the showcase kernel
#   make test   installs what is missing and runs every test (debug build)
# LLVM is found through llvm-config: set LLVM_CONFIG to pick a version, otherwise the
# newest llvm-config-NN on PATH is used.

SWIFT ?= swift
LLVM_VERSION ?= 22
LLVM_CONFIG ?= llvm-config-$(LLVM_VERSION)

.PHONY: deps build run test test-llvm19 fuzz bench clean check-generated

deps:
	@KERN_LLVM_VERSION=$(LLVM_VERSION) ./scripts/install-deps.sh

build: deps
	LLVM_CONFIG=$(LLVM_CONFIG) $(SWIFT) build -c release --product kernelc

run: build
	LLVM_CONFIG=$(LLVM_CONFIG) $$(LLVM_CONFIG=$(LLVM_CONFIG) $(SWIFT) build -c release --show-bin-path)/kernelc run Kernels/showcase.kern

# Tests run one at a time: some observe process-wide state (the runtime's print sink,
# the thread pool's idle CPU use) that tests running alongside would disturb.
test: deps
	LLVM_CONFIG=$(LLVM_CONFIG) $(SWIFT) test --no-parallel

# The same tests against LLVM 19, in a separate build folder.
test-llvm19:
	@KERN_LLVM_VERSION=19 ./scripts/install-deps.sh
	LLVM_CONFIG=llvm-config-19 $(SWIFT) test --no-parallel --scratch-path .build-llvm19

# Regenerates the generated Swift sources into a temporary folder and fails if they differ
# from the checked-in ones (edit the generator, then rerun it without arguments).
check-generated:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	python3 scripts/gen-call-overloads.py "$$tmp/KernFunction+CallInout.swift" && \
	diff -u Sources/Kern/KernFunction+CallInout.swift "$$tmp/KernFunction+CallInout.swift" && \
	echo "generated sources are up to date"

fuzz:
	./Fuzz/build.sh && ./Fuzz/run.sh $${SECONDS_TO_RUN:-60}

bench: build
	$(MAKE) -C Benchmarks bench

clean:
	rm -rf .build .build-llvm19
