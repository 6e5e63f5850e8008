# The site's commands. `make` alone lists them. Every target first makes sure .venv exists and
# is no older than requirements.txt, building it with nothing but the machine's python3.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
PYTHON := $(BIN)/python

INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
PORT ?= 8000
# Warnings are errors: a broken link or a bad field must stop the build, not scroll past.
PELICANOPTS ?= --fatal warnings

.DEFAULT_GOAL := help
.PHONY: help html clean regenerate serve devserver publish test

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

help: ## Show every target with what it does
	@echo "Usage: make <target>"
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-zA-Z_-]+):.*## (.*)/  \1|\2/' | awk -F'|' '{ printf "  %-14s %s\n", $$1, $$2 }'

html: $(VENV)/.installed ## Build the site into output/ (relative links: opens from disk too)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

clean: ## Remove output/, output-offline/, dist/ and build caches (keeps .venv)
	rm -rf $(OUTPUTDIR) output-offline dist cache __pycache__ .pytest_cache

regenerate: $(VENV)/.installed ## Rebuild output/ whenever a source file changes
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

serve: $(VENV)/.installed ## Serve output/ at http://127.0.0.1:8000/index.html (PORT=… to change)
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -b 127.0.0.1 -p $(PORT)

devserver: $(VENV)/.installed ## Rebuild on every change and serve at http://127.0.0.1:8000/index.html (PORT=… to change)
	$(PELICAN) -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -b 127.0.0.1 -p $(PORT) $(PELICANOPTS)

publish: $(VENV)/.installed ## Build the hosted site (absolute URLs, feeds) into output/
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

test: $(VENV)/.installed ## Run every test
	$(PYTHON) -m pytest

# --- Offline bundle for clinics -----------------------------------------------------------------
.PHONY: offline
offline: $(VENV)/.installed ## Build the offline copy for clinics (details from clinic.ini) into dist/*-offline.zip
	$(PELICAN) $(INPUTDIR) -s offlineconf.py $(PELICANOPTS)
	$(PYTHON) -m offline_bundle
