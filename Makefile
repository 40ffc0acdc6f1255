# launchgate's tasks. `make demo` and `make test` work on a machine with Python, git and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export SEMGREP_ENABLE_VERSION_CHECK := 0
export SEMGREP_SEND_METRICS := off

.PHONY: demo test lint typecheck rules-test unit self-scan container-test bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/launchgate demo

test: lint typecheck rules-test unit self-scan

lint: $(VENV)/.installed
	$(BIN)/ruff check .

typecheck: $(VENV)/.installed
	$(BIN)/mypy

rules-test: $(VENV)/.installed
	$(BIN)/semgrep --test --metrics=off --disable-version-check rules/

unit: $(VENV)/.installed
	$(BIN)/pytest

# launchgate's own secrets scan on this repository (see launchgate.yml), as CI's last test.
self-scan: $(VENV)/.installed
	$(BIN)/launchgate scan --only secrets --no-comment --output - . > /dev/null

container-test: $(VENV)/.installed
	bash tests/container/run.sh

bench: $(VENV)/.installed
	$(BIN)/python bench/secrets_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
