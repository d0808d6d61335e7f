# Populus — two commands do all the set-up on a fresh Debian machine with Swift:
#   make demo   install what is missing, build release, run the main job
#   make test   the same set-up, then the whole test suite
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libgsl-dev libopenblas-dev libbox2d-dev
BUILD_FLAGS := -c release
BIN := .build/release/populus
PYTHON ?= python3

.PHONY: all deps build demo test bench bench-peers clean

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

# The main job on the embedded default configuration.
demo: build
	@mkdir -p populations/demo
	$(BIN) bench engine --json populations/demo/bench-engine.json
	@echo "==> results: populations/demo/bench-engine.json"

# The whole suite, in release mode (the learning tests need the speed);
# -enable-testing keeps @testable imports working in release.
test: deps
	$(SWIFT) build $(BUILD_FLAGS) --product populus
	$(SWIFT) test $(BUILD_FLAGS) -Xswiftc -enable-testing

# Speed and memory figures, side by side with the peers that are installed
# (see `make bench-peers`). Results land in Benchmarks/results/.
bench: build
	@mkdir -p Benchmarks/results
	$(BIN) bench engine --json Benchmarks/results/engine.json
	$(BIN) bench envs --json Benchmarks/results/envs.json
	$(BIN) bench es --json Benchmarks/results/es.json
	$(BIN) bench ppo --json Benchmarks/results/ppo.json

# Installs the Python peers the benchmarks compare against (optional).
bench-peers:
	$(PYTHON) -m pip install -q jax jaxlib gymnasium gymnax evosax

clean:
	rm -rf .build
