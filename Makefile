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
	$(BIN)/ruff check lifecycle projections api tests
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: $(INSTALLED)
	$(BIN)/ruff check lifecycle projections api tests
	$(BIN)/ruff format --check lifecycle projections api tests
	$(BIN)/mypy

bench: $(INSTALLED)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis
