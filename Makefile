# One place for every command: `make demo`, `make test`, `make check`.
VENV ?= .venv
PY := $(VENV)/bin/python
COUNCIL ?= 938

.PHONY: demo test check lint typecheck system-deps test-system-deps bench eval

system-deps:
	bash scripts/system-deps.sh

test-system-deps:
	bash scripts/system-deps.sh --test

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

demo: system-deps $(VENV)/.installed
	$(PY) examples/generate.py examples/bundle
	$(VENV)/bin/reviewpack run examples/bundle --out out/example --council $(COUNCIL)
	@echo "The pack is in out/example/: pack.pdf, pack.pptx, data.xlsx, extraction.json, review.json"

test: test-system-deps $(VENV)/.installed
	$(PY) -m pytest -q

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy

# The whole suite with a coverage floor (measured 95% on 2026-11-24; subprocess-only
# entry points such as workers/worker_entry.py and workers/web/server.py count as uncovered).
check: lint typecheck test-system-deps
	$(PY) -m pytest -q --cov=ingest --cov=extract --cov=analyse --cov=render --cov=workers --cov-fail-under=90

eval: $(VENV)/.installed
	$(VENV)/bin/reviewpack eval --shared ../shared

bench: $(VENV)/.installed
	$(VENV)/bin/reviewpack bench --shared ../shared
