# The two commands of the README's quick start are `make run` and `make test`.
# Every target creates .venv and installs, from the hash-locked requirements.lock, on first use.

PYTHON ?= python3
PACKAGES := lifecycle registry storage projections api seed ocop pages transparency bench tests
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
UV := $(VENV)/uv/bin/uv
COMPILE := $(UV) pip compile pyproject.toml --group build --generate-hashes --universal \
	--python-version 3.11 --quiet

.PHONY: run test lint bench lock clean

# Every package, build backend included, comes from the lock with its hashes checked; the
# project itself is then installed in place without resolving anything.
$(INSTALLED): pyproject.toml $(LOCK) $(DEV_LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(DEV_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(INSTALLED)

run: $(INSTALLED)
	$(BIN)/ocop serve --demo

test: $(INSTALLED)
	$(BIN)/ruff check $(PACKAGES)
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: $(INSTALLED)
	$(BIN)/ruff check $(PACKAGES)
	$(BIN)/ruff format --check $(PACKAGES)
	$(BIN)/mypy

# wrk is the loopback load generator; without it the bench falls back to a Python one.
bench: $(INSTALLED)
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk) \
		|| echo "wrk could not be installed: using the Python load generator"
	$(BIN)/python -m bench $(BENCH_ARGS)
	$(BIN)/python -m bench.log $(BENCH_LOG_ARGS)

# Refreshes both locks after a change to pyproject.toml's dependencies (needs the registry):
# the service's own (the image installs it) and, within it, the developers' (make installs it).
lock:
	test -x $(UV) || ($(PYTHON) -m venv $(VENV)/uv && $(VENV)/uv/bin/pip install --quiet uv)
	$(COMPILE) --output-file $(LOCK)
	$(COMPILE) --extra dev --constraint $(LOCK) --output-file $(DEV_LOCK)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis
