# sitrep: `make demo` and `make test` work on a fresh machine with nothing installed by hand.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test test-fast bench fuzz stress install clean browser

install: $(STAMP)

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

# Long fuzzing profile (>= 10,000 generated cases over every ingest format and the pipeline).
fuzz: install
	SITREP_FUZZ=long $(PY) -m pytest -q -p no:cacheprovider tests/test_fuzz.py

# Hardening (issue 11): 20 kill -9 cycles, schemathesis, 8 clients x 60 s, SQLite and PostgreSQL.
stress: install
	$(PY) benchmarks/bench_hardening.py

bench: install
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
