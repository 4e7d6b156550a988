# One entry point for people and CI. `make site` and `make test` work on a fresh clone.
VENV ?= .venv
PY := $(VENV)/bin/python
RDKB := $(VENV)/bin/rdkb
STAMP := $(VENV)/.installed

.PHONY: site test check format bench demo-site clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; fi
	touch $(STAMP)

## site: import the bundled samples into docs/ and build the study site into site/
site: $(STAMP)
	@echo "1/2 the bundled sample pages (samples/) into the archive (docs/articles/)"
	$(RDKB) import samples/
	@echo "2/2 the study site from docs/ into site/"
	$(RDKB) build
	@echo "done: look at it with \`$(RDKB) serve\` (http://127.0.0.1:8000/); rdkb is in $(VENV)/bin (README)"

## check: lint, format check and type check
check: $(STAMP)
	$(VENV)/bin/ruff check scraper hooks tests bench
	$(VENV)/bin/ruff format --check scraper hooks tests bench
	$(VENV)/bin/mypy

## test: the whole suite (check first)
test: check
	$(VENV)/bin/pytest -q

format: $(STAMP)
	$(VENV)/bin/ruff format scraper hooks tests bench
	$(VENV)/bin/ruff check --fix scraper hooks tests bench

## bench: every benchmark, each reporting ratios against a baseline measured in the same run
bench: $(STAMP)
	$(PY) -m bench.extraction
	$(PY) -m bench.crawl_throughput
	$(PY) -m bench.build 200 2000 --repeat 2
	$(PY) -m bench.analysis 10000
	$(PY) -m bench.search.run 2000 10000

demo-site: $(STAMP)
	$(RDKB) demo-site

clean:
	rm -rf site .pytest_cache .mypy_cache
