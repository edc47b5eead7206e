# 美好家园 meihao — see README.md. `make run` and `make test` do all set-up.
BUILD ?= build
DB ?= data/meihao.db
LISTEN ?= 127.0.0.1:8080
# "Today" for the demo campaign 2023. `make run` loads the campaign walked through the whole year
# (demo --story) and opens it in the 总结推广 phase; `make run-base DEMO_TODAY=2023-06-15` starts from the
# campaign's first day instead (data/meihao-base.db) to walk the phases yourself. Only these targets
# set it: a real deployment never sets MEIHAO_TODAY (see src/common/date.h).
DEMO_TODAY ?= 2023-12-20
BASE_DB ?= data/meihao-base.db
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo
# Let ccache share objects between clones of the repository (CI builds a fresh clone).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all deps build native web run run-base test check-modules check-odr unit api e2e bench bench-province bench-survey bench-levels bench-reports clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

native: $(BUILD)/build.ninja
	cmake --build $(BUILD) --target meihao

web:
	cd web && npm run build
	rm -rf $(BUILD)/web && mkdir -p $(BUILD) && cp -r web/dist $(BUILD)/web

build: deps native web

$(DB):
	mkdir -p $(dir $(DB))
	$(BUILD)/meihao init --db $(DB)
	MEIHAO_TODAY=$(DEMO_TODAY) $(BUILD)/meihao demo --db $(DB) --story  # each step on its own day of 2023

$(BASE_DB):
	mkdir -p $(dir $(BASE_DB))
	$(BUILD)/meihao init --db $(BASE_DB)
	MEIHAO_TODAY=$(DEMO_TODAY) $(BUILD)/meihao demo --db $(BASE_DB)  # demo records carry the demo's days (campaign clock)

run: build $(DB)
	MEIHAO_TODAY=$(DEMO_TODAY) $(BUILD)/meihao serve --db $(DB) --listen $(LISTEN)

run-base: build $(BASE_DB)
	MEIHAO_TODAY=$(DEMO_TODAY) $(BUILD)/meihao serve --db $(BASE_DB) --listen $(LISTEN)

unit: $(BUILD)/build.ninja
	cmake --build $(BUILD) --target unit_tests
	cd $(BUILD) && ctest --output-on-failure --timeout 300 -j2

api:
	MEIHAO_BIN=$(abspath $(BUILD))/meihao node --test --test-concurrency=1 tests/api/

e2e:
	MEIHAO_BIN=$(abspath $(BUILD))/meihao node --test --test-concurrency=1 tests/e2e/

# Layers and modules as docs/architecture.md says (and the check refusing planted violations).
check-modules:
	node scripts/check-modules.mjs
	node --test scripts/check-modules.test.mjs

# One more build with LTO and -Werror=odr: a name defined two ways fails here, not at run time.
check-odr:
	scripts/check-odr.sh

test: build check-modules unit api e2e check-odr

bench: build
	bench/run.sh

bench-survey: build
	MEIHAO_BIN=$(abspath $(BUILD))/meihao bench/survey.sh

# Province scale (issue 3): minutes and several GB in /tmp; not part of `make test`.
bench-levels: $(BUILD)/build.ninja
	cmake --build $(BUILD) --target bench_level_results
	$(BUILD)/bench_level_results 5000 5 7

bench-reports: $(BUILD)/build.ninja
	cmake --build $(BUILD) --target bench_report_figures
	$(BUILD)/bench_report_figures 30000 7

bench-province: build
	MEIHAO_BIN=$(abspath $(BUILD))/meihao bench/province.sh

clean:
	rm -rf $(BUILD) build-odr web/dist
