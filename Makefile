# Makefile — the two commands (make run, make test) plus bench, for a fresh Debian 12.
# SPDX-License-Identifier: GPL-3.0-or-later

BUILD ?= _build
MESON_OPTS ?=
ifneq ($(CI),)
MESON_OPTS += -Dwerror=true
endif
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PACKAGES := $(shell grep -v '^\#' packages.txt | grep -v '^$$')

.PHONY: all deps locales build run test soak bench clean

all: build

# Installs only what is missing, from packages.txt, without recommends.
deps:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@$(MAKE) --no-print-directory locales

# The Hindi test needs its locale generated.
locales:
	@if ! locale -a 2>/dev/null | grep -qi '^hi_IN'; then \
	  $(SUDO) sed -i 's/^# *\(hi_IN UTF-8\)/\1/; s/^# *\(en_IN UTF-8\)/\1/' /etc/locale.gen; \
	  grep -q '^hi_IN UTF-8' /etc/locale.gen || echo 'hi_IN UTF-8' | $(SUDO) tee -a /etc/locale.gen >/dev/null; \
	  grep -q '^en_IN UTF-8' /etc/locale.gen || echo 'en_IN UTF-8' | $(SUDO) tee -a /etc/locale.gen >/dev/null; \
	  $(SUDO) locale-gen >/dev/null; \
	fi

$(BUILD)/build.ninja:
	meson setup $(BUILD) $(MESON_OPTS)

build: deps $(BUILD)/build.ninja
	meson compile -C $(BUILD)

run: build
	@./tools/run.sh $(BUILD)

test: build
	meson test -C $(BUILD) --print-errorlogs --num-processes 2; status=$$?; \
	python3 tools/test-summary.py $(BUILD)/meson-logs/testlog.json; exit $$status

# The sync convergence test over many seeds: make soak SEEDS=500. A failure
# names its seed; CC_CONVERGENCE_SEED=N $(BUILD)/tests/sync/test-sync-convergence
# runs that one again.
SEEDS ?= 200
soak: build
	meson compile -C $(BUILD) craftchain-sync test-sync-convergence
	CC_SYNC_SERVER_PROGRAM=$(BUILD)/server-sync/craftchain-sync CC_CONVERGENCE_SEEDS=$(SEEDS) \
	  G_DEBUG=gc-friendly,fatal-warnings LANG=C.UTF-8 $(BUILD)/tests/sync/test-sync-convergence

# Each benchmark prints its figures against DESIGN.md's targets; none fails on time.
# bench-search makes _bench/shop-100k.db, which bench-startup opens (on Xvfb if needed).
bench: build
	meson compile -C $(BUILD) bench-search bench-startup
	$(BUILD)/bench/bench-search
	bench/run-bench-startup.sh $(BUILD)
	meson compile -C $(BUILD) bench-orders && $(BUILD)/bench/bench-orders
	meson compile -C $(BUILD) bench-import && $(BUILD)/bench/bench-import
	meson compile -C $(BUILD) bench-photo && $(BUILD)/bench/bench-photo
	meson compile -C $(BUILD) craftchain-sync bench-sync-pull bench-sync-ingest && bench/run-bench-sync.sh $(BUILD)

clean:
	rm -rf $(BUILD)
