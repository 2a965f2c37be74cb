# The two commands of the README's quick start are `make run` and `make test`.
# Every target creates .venv and installs the project into it on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test lint bench clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

run: $(INSTALLED)
	$(BIN)/ocop serve --demo

test: $(INSTALLED)
	$(BIN)/ruff check lifecycle projections api bench tests
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: $(INSTALLED)
	$(BIN)/ruff check lifecycle projections api bench tests
	$(BIN)/ruff format --check lifecycle projections api bench tests
	$(BIN)/mypy

# wrk is the loopback load generator; without it the bench falls back to a Python one.
bench: $(INSTALLED)
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk) \
		|| echo "wrk could not be installed: using the Python load generator"
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis
