# Two commands: `make report` (run every notebook, write reports/) and `make test` (lint, tests, strict nbval).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
LOCK := requirements.lock
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))

.PHONY: install report test lab notebooks bench lock clean

# Installs with the pip that ships with the interpreter (no upgrade), every version pinned by the lock.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Re-resolve the lock after editing the dependencies in pyproject.toml (keeps the pins that still fit);
# `make lock LOCK_ARGS=--upgrade` moves every pin to the newest release. environment.yml takes the same pins.
LOCK_ARGS ?=
lock: install
	$(BIN)/python -m uv pip compile pyproject.toml --all-extras --universal --python-version 3.11 \
		--quiet -o $(LOCK) $(LOCK_ARGS)
	$(BIN)/python scripts/pin_environment.py

# Executes copies of the notebooks against CORPUS into reports/ (HTML, figures, CSV tables, index.html); the
# committed notebooks stay untouched. `make report CORPUS=/path/to/folder` reports on any folder of articles.
CORPUS ?= seeds
# The report goes to reports/ for the seeds and to reports/<folder name> for any other corpus, so the seeds
# report stays; `make report CORPUS=~/pages OUT=~/pages-report` writes where you say.
OUT ?=
report: install
	$(BIN)/python -m vnmigration report --corpus $(CORPUS) $(if $(OUT),--out $(OUT),)

test: install
	$(BIN)/ruff check lib tests benchmarks notebooks scripts
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
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e ".[dev,bench]"
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf reports benchmarks/out .pytest_cache .ruff_cache
