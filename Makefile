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

.PHONY: all deps build demo test test-debug example bench bench-peers clean

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
# Then the debug lane (below) and the library example.
TEST_FLAGS := $(BUILD_FLAGS) -Xswiftc -enable-testing
test: deps
	$(SWIFT) build $(TEST_FLAGS) --build-tests
	$(SWIFT) test $(TEST_FLAGS) --skip-build
	$(MAKE) test-debug example

# The libraries' unit tests in a debug build: assertions on, no optimiser
# (its own build folder, so it never invalidates the release one).
DEBUG_TESTS := RandomTests|AutodiffTests|EnvironmentsTests|EvolutionTests|CheckpointTests|ConfigTests|RunsTests|ReportTests|AgentsTests
test-debug: deps
	$(SWIFT) build --scratch-path .build-debug --build-tests
	$(SWIFT) test --scratch-path .build-debug --skip-build --filter '^($(DEBUG_TESTS))\.' --skip 'LearningTests'

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
	rm -rf .build .build-debug Examples/SphereES/.build
