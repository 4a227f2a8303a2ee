# errdocs: two entry points. `make site` builds the site, `make test` runs every test.
# Both create the virtual environment and install pinned dependencies when needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test check system-deps clean

site: $(STAMP)
	$(BIN)/errdocs check
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/errdocs check
	$(BIN)/mkdocs serve --dirty

check: $(STAMP)
	$(BIN)/errdocs check

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

# Debian's chromium and a CJK font for the browser tests (never `playwright install`).
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi wqy; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-wqy-zenhei; \
		else \
			echo "browser tests need /usr/bin/chromium and fonts-wqy-zenhei: run as root or install them (apt-get install chromium fonts-wqy-zenhei)" >&2; exit 1; \
		fi; \
	fi

clean:
	rm -rf site $(VENV) .pytest_cache .cache
