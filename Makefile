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
# Every build goes through sitebuild: Pelican with every warning fatal, one `file:line: message`
# per problem, and output/ replaced only when the whole build succeeded.
SITEBUILD := $(PYTHON) -m sitebuild

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
	$(SITEBUILD) --settings $(CONFFILE) --output $(OUTPUTDIR)

clean: ## Remove output/, output-offline/, dist/ and build caches (keeps .venv)
	rm -rf $(OUTPUTDIR) output-offline dist cache __pycache__ .pytest_cache

regenerate: $(VENV)/.installed ## Rebuild output/ whenever a source file changes
	$(PYTHON) -m sitebuild.devserver --settings $(CONFFILE) --output $(OUTPUTDIR) --no-serve

serve: $(VENV)/.installed ## Serve output/ at http://127.0.0.1:8000/index.html (PORT=… to change)
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -b 127.0.0.1 -p $(PORT)

devserver: $(VENV)/.installed ## Rebuild on every change, serve at http://127.0.0.1:8000/index.html and reload the page (PORT=…)
	$(PYTHON) -m sitebuild.devserver --settings $(CONFFILE) --output $(OUTPUTDIR) --port $(PORT)

publish: $(VENV)/.installed ## Build the hosted site into output/: absolute URLs, feed, sitemap, hashed CSS/JS, .gz/.br (SITEURL=… to change)
	$(SITEBUILD) --settings $(PUBLISHCONF) --output $(OUTPUTDIR)

test: $(VENV)/.installed ## Run every test
	$(PYTHON) -m pytest

.PHONY: review readability new-article
review: $(VENV)/.installed ## List every article's review dates, marking OVERDUE and DUE SOON (60 days)
	@$(PYTHON) -m sitebuild.review --settings $(CONFFILE)

readability: $(VENV)/.installed ## Reading grade (Flesch-Kincaid, SMOG), words, sentences and long sentences per article
	@$(PYTHON) -m sitebuild.readability --settings $(CONFFILE)

CATEGORY ?= Treatments
new-article: $(VENV)/.installed ## Start content/articles/NN-slug.md: make new-article TITLE="…" [CATEGORY=Support]
	@$(PYTHON) -m sitebuild.new_article "$(TITLE)" --category "$(CATEGORY)" --settings $(CONFFILE)

# --- Offline bundle for clinics -----------------------------------------------------------------
.PHONY: offline
offline: $(VENV)/.installed ## Build the offline copy for clinics (details from clinic.ini), with the booklet PDF, into dist/*-offline.zip
	$(SITEBUILD) --settings offlineconf.py --output output-offline
	$(PYTHON) -m offline_bundle

# --- Printed booklet (booklet/, bookletconf.py) -------------------------------------------------
.PHONY: booklet
PAPER ?= a4
booklet: $(VENV)/.installed ## Build the whole guide as one PDF to print, dist/liver-metastases-guide.pdf (PAPER=letter for US Letter)
	$(PYTHON) -m booklet --paper $(PAPER)

# --- Link checker -------------------------------------------------------------------------------
.PHONY: check
# The built site to check, and options for it: the offline bundle needs --offline, the hosted
# build its own address (make check CHECKOPTS="--site-url https://…").
OUTPUT ?= $(OUTPUTDIR)
CHECKOPTS ?=
check: $(VENV)/.installed ## Check every link, id and page of a built site (OUTPUT=…, CHECKOPTS=--offline); builds output/ if missing
	@test -f $(OUTPUT)/index.html || $(MAKE) --no-print-directory html OUTPUTDIR=$(OUTPUT)
	$(PYTHON) -m linkcheck $(OUTPUT) $(CHECKOPTS)

# --- Benchmark (bench/) -------------------------------------------------------------------------
.PHONY: bench
ARTICLES ?= 100
RUNS ?= 3
bench: $(VENV)/.installed ## Time our build against plain Pelican on a generated corpus (ARTICLES=1000 for the target, RUNS=3)
	$(PYTHON) bench/run_bench.py --articles $(ARTICLES) --runs $(RUNS)
