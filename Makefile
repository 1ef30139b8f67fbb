# Bridger: the core, the `bridger` CLI and the desktop app (src-tauri + ui).
#   make run         build everything and open the app (needs a display)
#   make test        unit, integration and the real-window e2e test (headless, under Xvfb)
#   make screenshot  docs/screenshot.png of the app on a fresh demo plan
# Works on a fresh Debian 12 with Rust, Node/npm and git: `make deps` installs the rest.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build
MAKEFLAGS += --no-print-directory

# chromium: the UI's component tests (ui/test/component/, headless through playwright-core)
# dbus-daemon: the e2e test of a second start handing its plan to the running app (its own bus)
APT_PACKAGES := libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev \
	libsoup-3.0-dev libssl-dev pkg-config build-essential xvfb dbus-daemon webkit2gtk-driver imagemagick poppler-utils chromium \
	python3-venv openjdk-17-jre-headless
APP := target/debug/bridger-app
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
# `cargo install` puts tauri-driver here; the e2e harness finds it on PATH.
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
# WebKitGTK's DMABuf renderer is slow or blank on VMs and under Xvfb.
export WEBKIT_DISABLE_DMABUF_RENDERER := 1

.PHONY: bench-large deps apt-deps tauri-driver ui build run test e2e e2e-run bench bench-layout screenshot

## deps: system packages, tauri-driver and the UI's npm packages, each only when missing
deps: apt-deps tauri-driver ui/node_modules/.package-lock.json

apt-deps:
	@missing=$$(for p in $(APT_PACKAGES); do \
	  [ "$$(dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null)" = "install ok installed" ] || echo "$$p"; done); \
	if [ -n "$$missing" ]; then \
	  echo "apt: installing" $$missing; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi

tauri-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked

# npm ci when node_modules is missing or older than the lock file (npm ci writes this file).
ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	touch $@

## ui: the front end, built into ui/dist (embedded into the app binary by cargo)
ui: ui/node_modules/.package-lock.json
	cd ui && npm run build

## build: the core, the CLI and the app (debug)
build: deps ui
	cargo build --workspace

## run: the app on this machine's display, with the demo plan in the app data dir
run: build
	$(APP)

## test: every Rust test, then the real window through WebDriver, then the Debian package
## made of the debug build and checked (lintian, the menu entry, the MIME type, the CLI run
## from the unpacked package)
test: deps ui
	cd ui && npm test
	cargo test --workspace
	$(MAKE) e2e-run
	$(MAKE) test-package

## e2e: the real-window test only
e2e: deps ui
	$(MAKE) e2e-run

e2e-run:
	cargo build -p bridger-app
	node --test tests/e2e/

## bench: the core's benchmarks (release build)
bench:
	cargo run --release --bin bridger -- bench

## bench-large: one CLI edit, undo and redo on a 200,000-initiative plan file (time, memory)
bench-large:
	@command -v /usr/bin/time >/dev/null || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y time
	cargo build --release --bin bridger
	benches/large-plan.sh

## bench-rollout: a rollout of 1,000 sites x a 20-step template in 10 waves (issue 28): rollout,
## a template change to every site, schedule, check, simulate and brief as whole processes,
## each the median of RUNS runs, against their targets (release build; not part of `make test`)
.PHONY: bench-rollout
bench-rollout:
	@command -v /usr/bin/time >/dev/null || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y time
	cargo build --release --bin bridger
	benches/rollout-scale.sh

## bench-stop: what to stop on a generated 20,000-initiative plan with priorities (issue 29,
## target < 30 s), a whole `bridger level --propose` process (release build; not part of `make test`)
.PHONY: bench-stop
bench-stop:
	@command -v /usr/bin/time >/dev/null || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y time
	cargo build --release --bin bridger
	benches/what-to-stop.sh

## bench-layout: Bridger's layout against Graphviz dot and ELK layered on the same plans
## (installs graphviz and the pinned elkjs when missing; not part of `make test`)
bench-layout:
	@command -v dot >/dev/null || { $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y graphviz; }
	cd benches/peers && npm ci --no-audit --no-fund
	cargo build --release --bin bridger
	node benches/peers/bench.mjs target/release/bridger

## bench-simulate: `bridger simulate` against its NumPy peer (benches/simulate_numpy.py) on the
## same generated plan (10,000 initiatives, 500 risks, 10,000 iterations): both times, the ratio,
## and whether they agree (P50, P80, mean, criticality). NumPy goes in a venv under target/
## when missing; not part of `make test`
BENCH_VENV := target/bench-venv
.PHONY: bench-simulate
bench-simulate:
	@$(BENCH_VENV)/bin/python -c 'import numpy' 2>/dev/null || { \
	  python3 -m venv $(BENCH_VENV) 2>/dev/null || { $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv \
	    && python3 -m venv $(BENCH_VENV); }; \
	  $(BENCH_VENV)/bin/pip install --quiet numpy; }
	cargo build --release --bin bridger
	$(BENCH_VENV)/bin/python benches/simulate_numpy.py --bridger target/release/bridger

## fuzz: every cargo-fuzz target (fuzz/) for FUZZ_SECONDS each, one after the other, on
## stable Rust through RUSTC_BOOTSTRAP=1. New inputs go to fuzz/target/corpus (the committed
## seeds in fuzz/corpus are only read); a crash lands in fuzz/artifacts/<target>/: minimise it
## (cargo fuzz tmin) into fuzz/regressions/<target>/, which `make test` replays.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := json psplib edits mspdi csv
.PHONY: fuzz
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	cd fuzz && for t in $(FUZZ_TARGETS); do \
	  mkdir -p target/corpus/$$t; \
	  dict=; [ -f $$t.dict ] && dict=-dict=$$t.dict; \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run $$t target/corpus/$$t corpus/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 $$dict || exit 1; \
	done

## perf-ui: the window's speed on a generated 5,000-initiative plan (release build, under Xvfb):
## first paint, p95 frame of a scripted pan and zoom against a bare canvas, edit to new dates.
## Numbers to read, not a test (not part of `make test`)
.PHONY: perf-ui
perf-ui: deps ui
	cargo build --release -p bridger-app -p bridger
	node tests/e2e/perf.mjs 5000

## screenshot: docs/screenshot.png of the window on a fresh demo plan, under Xvfb
screenshot: build
	node tests/e2e/screenshot.mjs docs/screenshot.png

## bench-level: the leveling solver (bridger psplib bench) against OR-Tools CP-SAT (2 workers,
## benches/peers/cpsat_rcpsp.py, in a venv under target/) on PSPLIB j30 and j60, LEVEL_MS per
## instance: mean deviation from the optimum / best known, matched, mean time to the best.
## At 1 s that is about 8 minutes per set and solver; LEVEL_EVERY=10 runs every 10th instance
LEVEL_MS ?= 1000
LEVEL_EVERY ?= 1
PSPLIB ?= ../shared/benchmarks/psplib
CPSAT_VENV := target/cpsat-venv
.PHONY: bench-level
bench-level:
	@$(CPSAT_VENV)/bin/python -c 'import ortools' 2>/dev/null || \
	  { python3 -m venv $(CPSAT_VENV) && $(CPSAT_VENV)/bin/pip install --quiet ortools; }
	cargo build --release --bin bridger
	@mkdir -p target/bench-level
	@echo "load before: $$(uptime)"
	@for set in j30 j60; do \
	  target/release/bridger psplib bench $(PSPLIB)/$$set --time-limit-ms $(LEVEL_MS) --every $(LEVEL_EVERY) --json \
	    > target/bench-level/bridger-$$set.json; \
	  $(CPSAT_VENV)/bin/python benches/peers/cpsat_rcpsp.py bench $(PSPLIB)/$$set --time-limit-ms $(LEVEL_MS) \
	    --every $(LEVEL_EVERY) --json > target/bench-level/cpsat-$$set.json; \
	done
	@echo "load after: $$(uptime)"
	@$(CPSAT_VENV)/bin/python benches/peers/cpsat_rcpsp.py table target/bench-level/bridger-j30.json \
	  target/bench-level/cpsat-j30.json target/bench-level/bridger-j60.json target/bench-level/cpsat-j60.json

## check-mspdi: MPXJ (PyPI, on the machine's Java through JPype; installed into
## target/mpxj-venv when missing) reads Bridger's MS Project XML and writes its own for
## Bridger to read (also part of `make test`, as tests/mspdi_mpxj.rs)
.PHONY: check-mspdi
check-mspdi:
	cargo test --test mspdi_mpxj -- --nocapture

## package: the Debian package, target/deb/bundle/deb/Bridger_<version>_amd64.deb (release
## build, Cargo profile `deb`: stripped): the app, the `bridger` command with its man page
## and shell completions, the menu entry and icons, the MIME type application/x-bridger.
## Tauri's bundler is the Tauri CLI pinned in ui/package.json (npm: prebuilt, no compiling).
## Then checked as `make test-package` checks its debug twin, lintian strict (no tag spared).
TAURI := ui/node_modules/.bin/tauri
DEB_FILES := target/deb-files
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
.PHONY: package test-package deb-files
package: deps ui
	$(MAKE) apt-deps APT_PACKAGES="$(PACKAGE_TOOLS)"
	cargo build --profile deb --bin bridger
	$(MAKE) deb-files CLI=target/deb/bridger
	$(TAURI) build --ci --bundles deb -- --profile deb
	tests/package/check.sh target/deb/bundle/deb/Bridger_$(VERSION)_amd64.deb

## deb-files: what the package holds besides the app and its icons (tauri.conf.json's
## bundle.linux.deb.files): the CLI at CLI, bridger(1) and the completions made by it
## (`bridger manual`, from its own clap definition), bridger-app(1), the changelog
CLI ?= target/debug/bridger
deb-files:
	rm -rf $(DEB_FILES) && mkdir -p $(DEB_FILES)
	cp $(CLI) $(DEB_FILES)/bridger
	strip $(DEB_FILES)/bridger
	$(DEB_FILES)/bridger manual man | gzip -9n > $(DEB_FILES)/bridger.1.gz
	gzip -9n < src-tauri/package/bridger-app.1 > $(DEB_FILES)/bridger-app.1.gz
	$(DEB_FILES)/bridger manual bash > $(DEB_FILES)/bridger.bash
	$(DEB_FILES)/bridger manual zsh > $(DEB_FILES)/_bridger
	$(DEB_FILES)/bridger manual fish > $(DEB_FILES)/bridger.fish
	@{ echo "bridger ($(VERSION)) unstable; urgency=medium"; echo; \
	  echo "  * Bridger $(VERSION), packaged from its source tree (changes: its git history)."; echo; \
	  echo " -- $$(sed -n 's/^authors = \["\(.*\)"\]/\1/p' Cargo.toml | head -1)  $$(git log -1 --format=%cD 2>/dev/null || date -R)"; \
	} | gzip -9n > $(DEB_FILES)/changelog.gz

## test-package: the package of the debug build (the e2e test's binaries, not rebuilt in
## release), checked without installing it (tests/package/check.sh: lintian, the menu entry,
## the MIME type, bridger from the unpacked package). Installs the tools when missing
PACKAGE_TOOLS := lintian desktop-file-utils shared-mime-info xdg-utils libglib2.0-bin
test-package: deps ui
	$(MAKE) apt-deps APT_PACKAGES="$(PACKAGE_TOOLS)"
	cargo build -p bridger-app -p bridger --bin bridger --bin bridger-app
	$(MAKE) deb-files CLI=target/debug/bridger
	$(TAURI) bundle --ci --debug --bundles deb
	tests/package/check.sh target/debug/bundle/deb/Bridger_$(VERSION)_amd64.deb debug

## install-check: installs the package on this machine (sudo), checks the desktop's view of
## it under Xvfb (the default for application/x-bridger, xdg-open on a plan opens the app on
## it, a screenshot in docs/), then removes it. Not part of `make test`: it changes the machine
PACKAGE ?= target/deb/bundle/deb/Bridger_$(VERSION)_amd64.deb
.PHONY: install-check
install-check:
	tests/package/install-check.sh $(PACKAGE)
