# Two commands: `make run` and `make test`. Each sets up everything it needs first:
# Debian libraries (when root), the virtual environment, the package, the message catalogs.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DIST_STAMP := $(VENV)/.dist-stamp
CATALOGS := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))
export QT_QPA_PLATFORM ?= offscreen
PYTEST_ARGS ?=

.PHONY: run test test-all setup system-deps catalogs extract lint typecheck clean bench bench-full \
	screenshots samples

run: setup
	env -u QT_QPA_PLATFORM $(if $(DISPLAY)$(WAYLAND_DISPLAY),,QT_QPA_PLATFORM=offscreen) \
		$(PY) -m complaint_desk

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

test-all: setup
	$(PY) -m pytest -m "" $(PYTEST_ARGS)

setup: system-deps $(STAMP) catalogs

system-deps:
	@bash .ci/system-deps.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,postgres]'
	touch $(STAMP)

catalogs: $(CATALOGS)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(STAMP)
	$(VENV)/bin/pybabel compile -d translations -l $* -D messages --statistics 2>&1 | tail -n 1

# Refresh the template and the catalogs from the code (then translate what is new).
extract: $(STAMP)
	$(VENV)/bin/pybabel extract -F translations/babel.cfg -k N_ -k _ -k ngettext:1,2 \
		--sort-by-file --no-wrap --project "Complaint Desk" -o translations/messages.pot .
	$(VENV)/bin/pybabel update -i translations/messages.pot -d translations -D messages \
		--no-wrap --ignore-obsolete

# The main screens and the dashboard, Thai and English, offscreen from demo data (docs/screenshots/).
screenshots: setup
	$(PY) -m complaint_desk.gui.screenshots docs/screenshots
	$(PY) -m complaint_desk.gui.dashboard.screenshots

# Every printed document from demo data, with a PNG of its first page: look at them.
samples: setup
	$(PY) -m complaint_desk.reports.samples docs/samples

lint: $(STAMP)
	$(PY) -m pip install --quiet ruff
	$(VENV)/bin/ruff check complaint_desk tests bench

clean:
	rm -rf $(VENV) build dist .pytest_cache
	find translations -name '*.mo' -delete

# Benchmarks (not tests): figures against raw baselines, written to bench/results/.
# DB=postgres runs them on PostgreSQL ($$BENCH_PG_URL's server, else a throwaway local cluster).
DB ?= sqlite
bench: setup
	$(PY) -m bench.run --size 100000 --db $(DB)

bench-full: setup
	$(PY) -m bench.run --size 1000000 --db $(DB)

typecheck: $(STAMP)
	$(PY) -m pip install --quiet mypy
	$(VENV)/bin/mypy

# The program an office installs: one folder, dist/ComplaintDesk/ (build.spec, docs/install-windows.md).
# Not part of `make test`: the build takes a few minutes. `make dist-test` runs the built program.
.PHONY: dist dist-test icons
$(DIST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[dist]'
	touch $(DIST_STAMP)

dist: setup $(DIST_STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
	@du -sh dist/ComplaintDesk

dist-test:
	CHECK_PYTHON=$(PY) bash .ci/dist-test.sh dist/ComplaintDesk

# Redraw resources/icons/complaint-desk.{png,ico} (committed; only when the design changes).
icons: $(STAMP)
	$(PY) -m complaint_desk.gui.draw_icon
