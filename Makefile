# Two commands: `make report` (run every notebook, write reports/) and `make test` (lint, tests, strict nbval).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))

.PHONY: install report test lab notebooks bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Executes copies of the notebooks against CORPUS into reports/ (HTML, figures, CSV tables, index.html); the
# committed notebooks stay untouched. `make report CORPUS=/path/to/folder` reports on any folder of articles.
CORPUS ?= seeds
report: install
	$(BIN)/python -m vnmigration report --corpus $(CORPUS) --out reports

test: install
	$(BIN)/ruff check lib tests benchmarks notebooks
	$(BIN)/python -m pytest tests/
	$(BIN)/python -m pytest --doctest-modules lib -p no:cacheprovider
	$(BIN)/python -m pytest --nbval notebooks/ --nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider

# Containers and Binder run as root, which JupyterLab refuses without --allow-root.
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root,)
lab: install
	$(BIN)/jupyter lab notebooks/ $(LAB_ARGS)

# For maintainers: re-execute the committed notebooks in place, top to bottom, from a clean kernel.
notebooks: install
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False \
		--ExecutePreprocessor.timeout=600 $(NOTEBOOKS)

bench: install
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf reports benchmarks/out .pytest_cache .ruff_cache
