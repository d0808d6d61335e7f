# Populus — two commands do all the set-up on a fresh Debian machine with Swift:
#   make demo   install what is missing, build release, evolve PPO's objective (LPO) and compare it with PPO
#   make test   the same set-up, then the whole test suite
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libgsl-dev libopenblas-dev libbox2d-dev
PYTHON ?= python3

# The release build's speed flags live here, not in Package.swift, so the
# package stays importable by others. The binary targets x86-64-v3 (AVX2 and
# FMA: every x86-64 machine of the last decade); `make build NATIVE=1` tunes it
# to this machine instead. C math without errno lets `squareRoot()` vectorise.
# None of them changes a result: the kernels' multiply–adds are explicit fused
# ones and Swift never reassociates or fuses the rest (docs/benchmarks.md).
# (swiftc spells the x86-64-v3 level `haswell`: the same AVX2/FMA/BMI set.)
ifeq ($(NATIVE),1)
SWIFT_CPU := native
C_CPU := native
else
SWIFT_CPU := haswell
C_CPU := x86-64-v3
endif
ifeq ($(shell uname -m),x86_64)
CPU_FLAGS := -Xswiftc -target-cpu -Xswiftc $(SWIFT_CPU) -Xcc -march=$(C_CPU)
endif
SPEED_FLAGS := $(CPU_FLAGS) -Xswiftc -Xcc -Xswiftc -fno-math-errno -Xcc -fno-math-errno
BUILD_FLAGS := -c release $(SPEED_FLAGS)
BIN := .build/release/populus

.PHONY: all deps build demo test test-debug example fuzz fuzz-replay sanitize bench bench-peers clean

all: build

# Installs the apt packages that are missing (apt-get update once first).
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "==> installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	else echo "==> system packages present: $(APT_PACKAGES)"; fi

build: deps
	$(SWIFT) build $(BUILD_FLAGS) --product populus

# The main job: evolve PPO's drift with LPO (Configs/lpo-demo.yaml: 3.5
# minutes on 2 free cores), then compare it on 16 held-out tasks with PPO,
# DPO and vanilla PG under the same budget (10 s). A previous demo run is
# replaced.
demo: build
	$(BIN) evolve Configs/lpo-demo.yaml --overwrite
	$(BIN) compare populations/lpo-demo
	@echo "==> report: populations/lpo-demo/report/index.html (also summary.md, summary.json, curves.csv, *.svg)"

# The whole suite, in release mode (the learning tests need the speed);
# -enable-testing keeps @testable imports working in release. One build
# serves both the test bundles and the `populus` binary the CLI tests run.
# Then the fuzz corpus replayed (`fuzz-replay`), the debug lane (below), the
# library example, the sanitizers (`sanitize`) and every fuzz target for
# CI_FUZZ_SECONDS (0 skips it). Measured on 2 idle cores: replay 0.5 s,
# sanitize 3.6 min from scratch, fuzz 1.6 min to build and 1.5 min to run.
TEST_FLAGS := $(BUILD_FLAGS) -Xswiftc -enable-testing
CI_FUZZ_SECONDS ?= 10
test: deps
	$(SWIFT) build $(TEST_FLAGS) --build-tests
	$(SWIFT) test $(TEST_FLAGS) --skip-build
	$(MAKE) fuzz-replay test-debug example sanitize
	[ "$(CI_FUZZ_SECONDS)" = 0 ] || $(MAKE) fuzz FUZZ_SECONDS=$(CI_FUZZ_SECONDS)

# The libraries' unit tests in a debug build: assertions on, no optimiser
# (its own build folder, so it never invalidates the release one).
DEBUG_TESTS := RandomTests|AutodiffTests|EnvironmentsTests|EvolutionTests|CheckpointTests|ConfigTests|RunsTests|ReportTests|AgentsTests
test-debug: deps
	$(SWIFT) build --scratch-path .build-debug --build-tests
	$(SWIFT) test --scratch-path .build-debug --skip-build --filter '^($(DEBUG_TESTS))\.' --skip 'LearningTests'

# Fuzzing (docs/reliability.md): every parser of a file the program reads
# (configs with --set, checkpoints and each section, policy files, .phi
# files, lineage, schedules, a PBT run's files) under libFuzzer for
# FUZZ_SECONDS each, starting from the committed corpus Fuzz/corpus/<target>.
# New inputs collect in .build-fuzz/corpus/<target>, crashing ones in
# .build-fuzz/artifacts/; each target's log is .build-fuzz/<target>.log.
# A normal build replays the committed corpus instead (`make fuzz-replay`, in `make test`).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := config checkpoint section policy objective lineage schedule pbt-files
FUZZ_BUILD := -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
	-Xcc -fsanitize=fuzzer-no-link,address -Xswiftc -use-ld=lld
FUZZ_BIN := .build-fuzz/release/populus-fuzz
fuzz: deps
	$(SWIFT) build $(FUZZ_BUILD) --product populus-fuzz
	@mkdir -p .build-fuzz/artifacts
	@failed=""; for t in $(FUZZ_TARGETS); do \
	  mkdir -p .build-fuzz/corpus/$$t; \
	  dict=""; [ -f Fuzz/dict/$$t.dict ] && dict="-dict=Fuzz/dict/$$t.dict"; \
	  echo "==> fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 $(FUZZ_BIN) $$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $$dict \
	    -artifact_prefix=.build-fuzz/artifacts/$$t- .build-fuzz/corpus/$$t Fuzz/corpus/$$t \
	    > .build-fuzz/$$t.log 2>&1; status=$$?; \
	  grep -aE "^#[0-9]+[[:space:]]+DONE|^stat::number_of_executed_units|SUMMARY" .build-fuzz/$$t.log | tail -3; \
	  [ $$status = 0 ] || { echo "==> $$t: a finding (see .build-fuzz/$$t.log and .build-fuzz/artifacts/)"; failed="$$failed $$t"; }; \
	done; [ -z "$$failed" ] || { echo "==> findings in:$$failed"; exit 1; }

# The committed corpus through the test build's parsers (under a second):
# every input must be parsed or refused with an error, never trap or hang.
fuzz-replay: deps
	$(SWIFT) build $(TEST_FLAGS) --product populus-fuzz
	.build/release/populus-fuzz replay all Fuzz/corpus

# Sanitizers (docs/reliability.md), each in a debug build of its own:
# ThreadSanitizer over the tests that run work on several threads (parallel
# lifetimes, population evaluation, PBT's asynchronous mode, the backend,
# POET, EPG's outer loop), and AddressSanitizer with UndefinedBehaviorSanitizer
# (swiftc has no -sanitize=undefined: it instruments the C/C++ targets) over
# the Box2D walker shim's tests. A report fails the run. Leak checking is off:
# XCTest never frees its test cases and Swift's lazy globals read as leaked.
TSAN_TESTS := RunsTests|EvolutionTests|AutodiffTests\.ConcurrencyTests|AgentsTests\.LifetimeTests|AgentsTests\.LossTests
TSAN_TESTS := $(TSAN_TESTS)|ESTests\.PairTests|ESTests\.ResumeTests|EPGTests\.OuterLoopTests|PBTTests\.PBTRunTests
TSAN_TESTS := $(TSAN_TESTS)|POETTests\.DeterminismTests
ASAN_TESTS := WalkerTests|POETTests\.WalkerLoopTests
# Wall-clock bounds, not memory errors: meaningless under a sanitizer.
ASAN_SKIP := testAnEpisodeTakesWellUnderAMillisecond|WalkerSpeedTests
sanitize: deps
	$(SWIFT) build --scratch-path .build-tsan --build-tests --sanitize=thread
	SWIFT_BACKTRACE=enable=no TSAN_OPTIONS=second_deadlock_stack=1 \
	  $(SWIFT) test --scratch-path .build-tsan --sanitize=thread --skip-build --filter '^($(TSAN_TESTS))[./]'
	$(SWIFT) build --scratch-path .build-asan --build-tests --sanitize=address \
	  -Xcc -fsanitize=undefined -Xcxx -fsanitize=undefined
	SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  $(SWIFT) test --scratch-path .build-asan --sanitize=address --skip-build --filter '^($(ASAN_TESTS))[./]' \
	  --skip '$(ASAN_SKIP)'

# A package of its own that depends on Populus by path (Examples/SphereES):
# proof the libraries import from outside. Built and run.
example: deps
	cd Examples/SphereES && $(SWIFT) run -c release SphereES

# Speed and memory figures, side by side with the peers that are installed
# (see `make bench-peers`). Results land in Benchmarks/results/.
bench: build
	@mkdir -p Benchmarks/results
	$(BIN) bench engine --json Benchmarks/results/engine.json
	$(BIN) bench envs --json Benchmarks/results/envs.json
	$(BIN) bench es --json Benchmarks/results/es.json
	$(BIN) bench ppo --json Benchmarks/results/ppo.json
	$(BIN) bench epg --json Benchmarks/results/epg.json
	$(BIN) bench lpo --json Benchmarks/results/lpo.json

# Installs the Python peers the benchmarks compare against (optional).
bench-peers:
	$(PYTHON) -m pip install -q jax jaxlib flax optax gymnasium gymnax evosax stable-baselines3

clean:
	rm -rf .build .build-debug .build-fuzz .build-tsan .build-asan Examples/SphereES/.build
