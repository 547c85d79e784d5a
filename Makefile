# The commands the README names. Each installs what is missing first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NPM := node_modules/.package-lock.json
VENDOR := static/vendor/socket.io.min.js
SIGNATURE := static/vendor/signature_pad.umd.min.js
FONTS := static/vendor/fonts/noto-sans.css
CATALOGS := $(wildcard workshop/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGS:.po=.mo)

.PHONY: run test lint format install browser services office translations extract bench screenshots clean dist

run: install
	$(BIN)/python app.py

# Two test processes (pytest-xdist), each taking whole files, so that a
# module's servers and fixtures are made once: on 2 cores the suite takes
# about 5 minutes instead of 8. `$(BIN)/python -m pytest FILE` runs one file alone.
test: install browser services office
	node --test tests/js/
	$(BIN)/python -m pytest --numprocesses auto --maxprocesses 4 --dist loadfile

# The wheel a laptop installs (README: Install on a laptop), in dist/: setup.py
# puts templates, static, the npm client and typeface, and the compiled
# translations inside the package. tests/install/test_wheel.py builds it the same way.
dist: install
	rm -rf build
	$(BIN)/python -m pip wheel --no-deps --wheel-dir dist .

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

install: $(STAMP) $(VENDOR) $(SIGNATURE) $(FONTS) $(COMPILED)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Browser dependencies come from npm, pinned by package-lock.json, and are
# served from static/: nothing is fetched from a CDN at run time.
$(NPM): package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

$(VENDOR): $(NPM)
	mkdir -p static/vendor
	cp node_modules/socket.io-client/dist/socket.io.min.js $@

# The finger signature of the attendance list (issue 28), a classic script.
$(SIGNATURE): $(NPM)
	mkdir -p static/vendor
	cp node_modules/signature_pad/dist/signature_pad.umd.min.js $@

# The pages' typeface (Noto Sans, variable weight, Latin and Latin Extended),
# so that every laptop, projector and test browser lays the screens out alike.
$(FONTS): $(NPM) tools/vendor_fonts.py
	$(PYTHON) tools/vendor_fonts.py node_modules/@fontsource-variable/noto-sans $(@D)

workshop/translations/%/LC_MESSAGES/messages.mo: workshop/translations/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -d workshop/translations -l $* -f

# Installs Debian's package $(2) unless the check $(1) already holds: each
# thing the tests need is checked by itself, never brought as a side effect.
need = @$(1) >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; }

# Debian's Chromium for the end-to-end tests (Playwright drives it; no browser
# download), and fonts for the glyphs the bundled typeface lacks (symbols).
browser:
	$(call need,command -v chromium,chromium)
	$(call need,test -f /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf,fonts-noto-core)

# PostgreSQL, Redis and nginx for the scale-out tests; the tests start their
# own servers on free ports (the packages' own services are not used).
services:
	$(call need,command -v redis-server,redis-server)
	$(call need,ls /usr/lib/postgresql/*/bin/initdb,postgresql)
	$(call need,test -x /usr/sbin/nginx,nginx-light)

# LibreOffice, which the export tests print the Word report and the workbook
# with (to PDF), as a user's office program would, with fonts of the same widths
# as Arial and Calibri; poppler draws the README's pictures of the pages.
office:
	$(call need,test -f /usr/lib/libreoffice/program/libswlo.so,libreoffice-writer-nogui)
	$(call need,test -f /usr/lib/libreoffice/program/libsclo.so,libreoffice-calc-nogui)
	$(call need,test -f /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf,fonts-liberation2)
	$(call need,test -f /usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf,fonts-crosextra-carlito)
	$(call need,command -v pdftoppm,poppler-utils)

extract: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -o workshop/translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i workshop/translations/messages.pot -d workshop/translations --no-fuzzy-matching --ignore-obsolete

translations: extract $(COMPILED)

clean:
	rm -rf $(VENV) node_modules static/vendor build dist

# The README's screenshots, from the demo workshop in Chromium, and a page of
# its report and of its matrix as LibreOffice prints them.
screenshots: install browser office
	$(BIN)/python tools/screenshots.py
	$(BIN)/python tools/document_pages.py

bench: install browser
	$(BIN)/python bench/exports.py
	$(BIN)/python bench/weight.py
	$(BIN)/python bench/scale.py
