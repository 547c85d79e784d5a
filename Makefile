# The commands the README names. Each installs what is missing first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VENDOR := static/vendor/socket.io.min.js
CATALOGS := $(wildcard workshop/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGS:.po=.mo)

.PHONY: run test lint format install browser services office translations extract bench screenshots clean

run: install
	$(BIN)/python app.py

test: install browser services office
	node --test tests/js/
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

install: $(STAMP) $(VENDOR) $(COMPILED)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# The browser's Socket.IO client comes from npm, pinned by package-lock.json,
# and is served from static/: nothing is fetched from a CDN at run time.
$(VENDOR): package-lock.json
	npm ci --no-audit --no-fund --silent
	mkdir -p static/vendor
	cp node_modules/socket.io-client/dist/socket.io.min.js $@

workshop/translations/%/LC_MESSAGES/messages.mo: workshop/translations/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -d workshop/translations -l $* -f

# Debian's Chromium for the end-to-end tests (Playwright drives it; no browser download).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; }

# PostgreSQL, Redis and nginx for the scale-out tests; the tests start their
# own servers on free ports (the packages' own services are not used).
services:
	@command -v redis-server >/dev/null && test -x /usr/sbin/nginx && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server postgresql nginx-light >/dev/null; }

# LibreOffice, which the export tests print the Word report and the workbook
# with (to PDF), as a user's office program would, with fonts of the same widths
# as Arial and Calibri; poppler draws the README's pictures of the pages.
office:
	@command -v soffice >/dev/null && command -v pdftoppm >/dev/null && test -f /usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2 fonts-crosextra-carlito poppler-utils >/dev/null; }

extract: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -o workshop/translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i workshop/translations/messages.pot -d workshop/translations --no-fuzzy-matching --ignore-obsolete

translations: extract $(COMPILED)

clean:
	rm -rf $(VENV) node_modules static/vendor

# The README's screenshots, from the demo workshop in Chromium.
screenshots: install browser
	$(BIN)/python tools/screenshots.py

bench: install browser
	$(BIN)/python bench/exports.py
	$(BIN)/python bench/weight.py
	$(BIN)/python bench/scale.py
