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

.PHONY: deps build run test test-llvm19 test-mpi integration aot-example fuzz fuzz-diff test-tsan test-asan bench clean check-generated check-docs docs lint

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

# The same tests (same build: LLVM is chosen at run time) against LLVM 19, except those
# that never load LLVM, whose second run would repeat the first exactly: the targets whose
# dependencies include no Kern, KernLLVM or KernJIT (front end, IR and interpreter, the C
# runtime, the MPI wrapper, the plugin's generator), and the file tests' interpreter and
# compile-error halves (the interpreter half is most of `make test`'s time).
LLVM_FREE_TESTS = KernSyntaxTests|KernSemaTests|KernIRTests|KernCompilerTests|KernSwiftGenTests|KernRuntimeTests|KernMPITests|KernFileTests\.FileTests/(interpreter|compileErrors)
test-llvm19:
	@KERN_LLVM_VERSION=19 ./scripts/install-deps.sh
	KERN_LLVM_LIBRARY= LLVM_CONFIG=llvm-config-19 KERN_EXPECT_LLVM_MAJOR=19 $(SWIFT) test --no-parallel \
		--skip "$(LLVM_FREE_TESTS)"

# Kern on MPI ranks (LANGUAGE.md §12): the examples in Examples/mpi under mpirun -np 1..4,
# compared with the single-process run; a failing rank; no libmpi link. Installs Open MPI.
test-mpi: deps
	@KERN_WITH_MPI=1 ./scripts/install-deps.sh
	LLVM_CONFIG=$(LLVM_CONFIG) ./scripts/test-mpi.sh

integration: deps
	LLVM_CONFIG=$(LLVM_CONFIG) ./scripts/integration-test.sh

# An app using ahead-of-time compiled kernels, built and run without LLVM (README).
aot-example: deps
	LLVM_CONFIG=$(LLVM_CONFIG) ./scripts/aot-example.sh

# Regenerates the generated Swift sources into a temporary folder and fails if they differ
# from the checked-in ones (edit the generator, then rerun it without arguments).
check-generated:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	python3 scripts/gen-call-overloads.py "$$tmp/KernFunction+CallInout.swift" && \
	diff -u Sources/Kern/KernFunction+CallInout.swift "$$tmp/KernFunction+CallInout.swift" && \
	echo "generated sources are up to date"

# swift-format with the checked-in .swift-format over Sources: any finding fails (CI).
lint:
	$(SWIFT) format lint --strict --recursive Sources

# Fails when a public symbol of the Kern module (or a type it re-exports) has no doc
# comment: SwiftPM dumps the symbol graphs (building the debug package first, as `make
# test` does) and scripts/check-doc-comments.py lists and counts the undocumented ones.
check-docs:
	SWIFT=$(SWIFT) ./scripts/check-doc-comments.sh

# The DocC documentation of Kern (Sources/Kern/Kern.docc and the doc comments) as a static
# web site in .build-docs/site, with swift-docc-plugin. Package.swift adds the plugin only
# when KERN_DOCS=1, in its own build folder, so ordinary builds and clients never see it.
docs:
	KERN_DOCS=1 $(SWIFT) package --scratch-path .build-docs \
		--allow-writing-to-directory .build-docs/site \
		generate-documentation --target Kern --disable-indexing \
		--transform-for-static-hosting --output-path .build-docs/site
	@echo "documentation written to .build-docs/site (open index.html through a web server)"

fuzz:
	./Fuzz/build.sh && ./Fuzz/run.sh $${SECONDS_TO_RUN:-60}

# The differential program fuzzer (docs/fuzzing.md): random programs through the
# interpreter and the JIT (checked/unchecked, 1/2/3/8 threads) for SECONDS seconds.
# SEED defaults to the clock (printed, so a run can be repeated); findings are minimized
# into Tests/FuzzDiffCorpus/new/ and the exit status is 1. PROGRAMS=N stops after N
# programs: with a fixed SEED, every machine checks the same programs (CI does this).
# JOBS worker processes (default: one per core); OTHER_OPT_LEVEL is the level of the
# compile per module that is not at -O3 (default 0; 3 compiles both at -O3). START=K
# resumes a seed at program K. Each run appends a line to LEDGER (seed, programs checked,
# findings, commit; `kern-fuzz-diff --ledger-summary FILE` adds them up; LEDGER= for none).
SECONDS ?= 60
SEED ?= $(shell date +%s)
PROGRAMS ?=
JOBS ?=
OTHER_OPT_LEVEL ?=
START ?=
LEDGER ?= Tests/FuzzDiffCorpus/ledger.tsv
FUZZ_COMMIT = $(shell git describe --always --dirty 2>/dev/null || echo unknown)
fuzz-diff: deps
	LLVM_CONFIG=$(LLVM_CONFIG) $(SWIFT) build -c release --product kern-fuzz-diff
	$$(LLVM_CONFIG=$(LLVM_CONFIG) $(SWIFT) build -c release --show-bin-path)/kern-fuzz-diff \
		--seconds $(SECONDS) --seed $(SEED) $(if $(PROGRAMS),--programs $(PROGRAMS)) \
		$(if $(START),--start $(START)) \
		$(if $(JOBS),--jobs $(JOBS)) $(if $(OTHER_OPT_LEVEL),--other-opt-level $(OTHER_OPT_LEVEL)) \
		$(if $(LEDGER),--ledger $(LEDGER) --commit $(FUZZ_COMMIT))

# Sanitizers (separate build folders). ThreadSanitizer over the parallel runtime's
# tests; AddressSanitizer over the test targets whose code touches memory unchecked: C
# (runtime, libffi and LLVM shims) or Swift's unsafe pointers (host API, JIT, codegen
# bindings, REPL storage, MPI wrapper, the parser's stack-depth guard, the fuzz differ).
# Skipped: the file and report tests (they repeat the same code paths over many
# programs) and the targets whose code is safe Swift only (Sema, IR and interpreter, the
# compiler driver without a back end, the plugin's generator). Leak detection is off:
# compiled modules are known to leave memory behind (issue 15 item 6).
TSAN_FILTER = ParallelTests|ParallelForTests|ParallelPoolTests|RandomNumberTests
test-tsan: deps
	LLVM_CONFIG=$(LLVM_CONFIG) $(SWIFT) test --no-parallel --sanitize=thread \
		--scratch-path .build-tsan --filter "$(TSAN_FILTER)"
ASAN_SKIP = KernFileTests|KernReportTests|KernSemaTests|KernIRTests|KernCompilerTests|KernSwiftGenTests
test-asan: deps
	ASAN_OPTIONS=detect_leaks=0 LLVM_CONFIG=$(LLVM_CONFIG) $(SWIFT) test --no-parallel \
		--sanitize=address --scratch-path .build-asan --skip "$(ASAN_SKIP)"

bench: build
	$(MAKE) -C Benchmarks bench

clean:
	rm -rf .build .build-tsan .build-asan
