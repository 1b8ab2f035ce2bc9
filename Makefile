# Two commands on a fresh machine: `make run` and `make test`. Each installs what it needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PYTEST_ARGS ?=

.PHONY: run test fuzz lint unit integration e2e browser bench chromium vendor clean deploy-check screenshots

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade "pip>=25.1"
	$(PY) -m pip install -q --disable-pip-version-check -e . --group dev
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

run: $(STAMP) vendor
	$(PY) scripts/run.py

chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# The web client's third-party assets (pinned in package.json/package-lock.json) into web/vendor/: see NOTICE.md.
vendor: $(STAMP)
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq npm >/dev/null; }
	$(PY) scripts/vendor_web.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# Two workers (the CI machine's two cores); tests/conftest.py groups what must share a worker (a stack, a module).
test: $(STAMP) chromium vendor lint
	$(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

# The long fuzzing run (make test fuzzes with FUZZ_EXAMPLES per operation and role; this, with many more).
fuzz: $(STAMP) vendor
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-200} $(PY) -m pytest tests/e2e/test_fuzz_api.py $(PYTEST_ARGS)

# What CloudFormation and Lambda would refuse, offline: dependency cycles, IAM versus calls, cfn-lint, the layer
# built for Lambda importing every handler, sizes (also run by `make test`: tests/unit/test_deployable.py).
deploy-check: $(STAMP)
	$(PY) -m infra.deploycheck

# docs/screenshots: the main pages at 1366 and 390 px with the demo data (infra/screenshots.py lists them).
screenshots: $(STAMP) chromium vendor
	$(PY) scripts/screenshots

unit integration e2e browser bench: $(STAMP) vendor
	$(PY) -m pytest tests/$@ $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules web/vendor .hromada .pytest_cache .ruff_cache .hypothesis test-artifacts
