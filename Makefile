# sitrep: `make demo` and `make test` work on a fresh machine with nothing installed by hand.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

NPM_STAMP := node_modules/.installed-stamp

.PHONY: demo test test-fast bench fuzz stress install clean browser assets

install: $(STAMP) assets

# The web map's npm packages (Leaflet, leaflet.markercluster, topojson-client, world-atlas), fetched
# once from package-lock.json into node_modules/ (git-ignored; sitrep serves them itself). Without
# npm the UI falls back to its plain canvas map.
assets:
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "npm not found: the web UI will use its plain canvas map (install Node.js and npm, then make install, for the Leaflet map)" >&2; \
	elif [ ! -f $(NPM_STAMP) ] || [ package-lock.json -nt $(NPM_STAMP) ]; then \
	  npm ci --no-audit --no-fund --loglevel=error && touch $(NPM_STAMP) \
	  || echo "npm ci failed: the web UI will use its plain canvas map until make install succeeds" >&2; \
	fi

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "sitrep needs Python >= 3.11")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

demo: install
	$(VENV)/bin/sitrep demo

# Debian's chromium + chromedriver for the headless-browser UI test (tests/web skips without them).
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  (apt-get update -qq && apt-get install -y -qq chromium chromium-driver) \
	  || echo "chromium not installed: tests/web will skip" >&2; fi

# pytest exits 5 when it collects nothing: that is a failure here, never a silent pass.
test: install browser
	@$(PY) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; exit $$rc

test-fast: install
	$(MAKE) test PYTEST_ARGS='-m "not slow"'

# Long fuzzing profile (>= 10,000 generated cases over every ingest format and the pipeline, and
# 10,500 generated inputs through `sitrep extract --db` into SQLite and PostgreSQL, each accounted).
fuzz: install
	SITREP_FUZZ=long $(PY) -m pytest -q -p no:cacheprovider tests/test_fuzz.py

# Hardening (issues 11, 20): 20 kill -9 cycles, schemathesis, 8 clients x 60 s, 20 runs of merge
# writers and of plain + merge writers, disk-full / I/O-error injection at each write, both databases.
stress: install
	$(PY) benchmarks/bench_hardening.py

bench: install
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache node_modules
