# Populus — two commands do all the set-up on a fresh Debian machine with Swift:
#   make demo   install what is missing, build release, evolve a loss (EPG) and compare it with PPO
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

# The main job: evolve a loss function with EPG (Configs/epg-demo.yaml:
# ≈ 1 min on 2 free cores), then compare it on held-out tasks with PPO and
# vanilla PG under the same budget (≈ 1 s). A previous demo run is replaced.
demo: build
	$(BIN) evolve Configs/epg-demo.yaml --overwrite
	$(BIN) compare populations/epg-demo
	@echo "==> report: populations/epg-demo/report/index.html (also summary.md, summary.json, curves.csv, *.svg)"

# The whole suite, in release mode (the learning tests need the speed);
# -enable-testing keeps @testable imports working in release. One build
# serves both the test bundles and the `populus` binary the CLI tests run.
TEST_FLAGS := $(BUILD_FLAGS) -Xswiftc -enable-testing
test: deps
	$(SWIFT) build $(TEST_FLAGS) --build-tests
	$(SWIFT) test $(TEST_FLAGS) --skip-build

# Speed and memory figures, side by side with the peers that are installed
# (see `make bench-peers`). Results land in Benchmarks/results/.
bench: build
	@mkdir -p Benchmarks/results
	$(BIN) bench engine --json Benchmarks/results/engine.json
	$(BIN) bench envs --json Benchmarks/results/envs.json
	$(BIN) bench es --json Benchmarks/results/es.json
	$(BIN) bench ppo --json Benchmarks/results/ppo.json
	$(BIN) bench epg --json Benchmarks/results/epg.json

# Installs the Python peers the benchmarks compare against (optional).
bench-peers:
	$(PYTHON) -m pip install -q jax jaxlib gymnasium gymnax evosax stable-baselines3

clean:
	rm -rf .build
