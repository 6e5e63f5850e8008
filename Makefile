# The site's commands. `make` alone lists them. Every target first makes sure .venv exists and
# is no older than the pinned requirements it needs, building it with nothing but the machine's
# python3: requirements/build.txt for the site and the editors' commands, requirements/test.txt
# on top for `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
PYTHON := $(BIN)/python

INPUTDIR := content
# Each build in its own folder, so one never mixes with or overwrites another: the editors'
# build (relative links, opens from disk), the hosted build (absolute links), the offline
# bundle's site, and the devserver's preview (drafts shown).
OUTPUTDIR := output
PUBLISHDIR := output-publish
OFFLINEDIR := output-offline
PREVIEWDIR := output-preview
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
PORT ?= 8000
# Warnings are errors: a broken link or a bad field must stop the build, not scroll past.
PELICANOPTS ?= --fatal warnings
# Every build goes through liverguide.build: Pelican with every warning fatal, one
# `file:line: message` per problem, and output/ replaced only when the whole build succeeded.
SITEBUILD := $(PYTHON) -m liverguide.build
BUILD_DEPS := $(VENV)/.installed-build
BOOKLET_DEPS := $(VENV)/.installed-booklet
TEST_DEPS := $(VENV)/.installed-test

.DEFAULT_GOAL := help
.PHONY: help html clean regenerate serve devserver publish test

# Every package pinned with its hashes (pip refuses anything else); then the site's own package,
# liverguide/, installed in place so an edit to it needs no reinstall.
$(BUILD_DEPS): requirements/build.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --require-hashes --no-deps -r requirements/build.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# The booklet's PDF renderer (WeasyPrint) for make booklet and make offline, not for make html.
$(BOOKLET_DEPS): $(BUILD_DEPS) requirements/booklet.txt
	$(BIN)/python -m pip install --disable-pip-version-check --require-hashes --no-deps -r requirements/booklet.txt
	touch $@

$(TEST_DEPS): $(BOOKLET_DEPS) requirements/test.txt
	$(BIN)/python -m pip install --disable-pip-version-check --require-hashes --no-deps -r requirements/test.txt
	touch $@

help: ## Show every target with what it does
	@echo "Usage: make <target>"
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-zA-Z_-]+):.*## (.*)/  \1|\2/' | awk -F'|' '{ printf "  %-14s %s\n", $$1, $$2 }'

html: $(BUILD_DEPS) ## Build the site into output/ (relative links: opens from disk too)
	$(SITEBUILD) --settings $(CONFFILE) --output $(OUTPUTDIR)

clean: ## Remove every build folder (output/, output-publish/, output-offline/, output-preview/), dist/ and caches (keeps .venv)
	rm -rf $(OUTPUTDIR) $(PUBLISHDIR) $(OFFLINEDIR) $(PREVIEWDIR) dist cache __pycache__ .pytest_cache

regenerate: $(BUILD_DEPS) ## Rebuild output/ whenever a source file changes (no server, no drafts)
	$(PYTHON) -m liverguide.build.devserver --settings $(CONFFILE) --output $(OUTPUTDIR) --no-serve

serve: $(BUILD_DEPS) ## Serve output/ at http://127.0.0.1:8000/index.html (PORT=… to change)
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -b 127.0.0.1 -p $(PORT)

devserver: $(BUILD_DEPS) ## Preview with drafts at http://127.0.0.1:8000/index.html: rebuilds on every save, reloads the page, shows errors in it (PORT=…)
	$(PYTHON) -m liverguide.build.devserver --settings $(CONFFILE) --output $(PREVIEWDIR) --port $(PORT) --drafts

publish: $(BUILD_DEPS) ## Build the hosted site into output-publish/: absolute URLs, feed, sitemap, hashed CSS/JS, .gz/.br (SITEURL=… to change)
	$(SITEBUILD) --settings $(PUBLISHCONF) --output $(PUBLISHDIR)

test: $(TEST_DEPS) ## Run every test
	$(PYTHON) -m pytest

.PHONY: review readability new-article
review: $(BUILD_DEPS) ## Every article's review dates and newest cited study, marking OVERDUE, DUE SOON (60 days), OLD EVIDENCE and drafts
	@$(PYTHON) -m liverguide.editors.review --settings $(CONFFILE)

readability: $(BUILD_DEPS) ## Reading grade (Flesch-Kincaid, SMOG), words and sentences per article, and long sentences as file:line
	@$(PYTHON) -m liverguide.editors.readability --settings $(CONFFILE)

# TITLE and CATEGORY reach Python in the environment (make puts variables given on its command
# line there), never through the shell: quotes, $ or ` in a title are only text.
new-article: $(BUILD_DEPS) ## Start a draft article at the end of its category: make new-article TITLE="…" [CATEGORY=Support]
	@$(PYTHON) -m liverguide.editors.new_article --settings $(CONFFILE)

# --- Offline bundle for clinics -----------------------------------------------------------------
.PHONY: offline
offline: $(BOOKLET_DEPS) ## Build the offline copy for clinics (details from clinic.ini), with the booklet PDF, into dist/*-offline.zip
	$(SITEBUILD) --settings offlineconf.py --output $(OFFLINEDIR)
	$(PYTHON) -m liverguide.build.offline_bundle

# --- Printed booklet (liverguide/booklet/, bookletconf.py) --------------------------------------
.PHONY: booklet
PAPER ?= a4
booklet: $(BOOKLET_DEPS) ## Build the whole guide as one PDF to print, dist/liver-metastases-guide.pdf (PAPER=letter for US Letter)
	$(PYTHON) -m liverguide.booklet --paper $(PAPER)

# --- Link checker -------------------------------------------------------------------------------
.PHONY: check
# Which build to check, and what each needs: the hosted build's links are absolute, so the
# checker takes its address from publishconf.py (SITEURL=… as for make publish); the offline
# bundle opens from disk, where a link starting with / leads to the disk's root.
# EXTERNAL=1 also fetches every link to another site (needs the network; never by default).
BUILD ?= html
CHECK_DIR_html := $(OUTPUTDIR)
CHECK_DIR_publish := $(PUBLISHDIR)
CHECK_DIR_offline := $(OFFLINEDIR)
CHECK_VAR_html := OUTPUTDIR
CHECK_VAR_publish := PUBLISHDIR
CHECK_VAR_offline := OFFLINEDIR
CHECK_OPTS_html :=
CHECK_OPTS_publish := --site-url-from $(PUBLISHCONF)
CHECK_OPTS_offline := --offline
OUTPUT ?= $(CHECK_DIR_$(BUILD))
CHECKOPTS ?= $(CHECK_OPTS_$(BUILD))
EXTERNAL ?=
check: $(BUILD_DEPS) ## Check every link, id and page of output/ (BUILD=publish or BUILD=offline for those; EXTERNAL=1 also fetches links to other sites); builds it if missing
	@test -n "$(CHECK_DIR_$(BUILD))" || { echo "make check: BUILD must be html, publish or offline (got '$(BUILD)')"; exit 2; }
	@test -f $(OUTPUT)/index.html || $(MAKE) --no-print-directory $(BUILD) $(CHECK_VAR_$(BUILD))=$(OUTPUT)
	$(PYTHON) -m liverguide.checks.linkcheck $(OUTPUT) $(CHECKOPTS)$(if $(EXTERNAL), --external)

# --- Benchmark (bench/) -------------------------------------------------------------------------
.PHONY: bench
ARTICLES ?= 100
RUNS ?= 3
bench: $(BUILD_DEPS) ## Time our build against plain Pelican on a generated corpus (ARTICLES=1000 for the target, RUNS=3)
	$(PYTHON) -m bench.run_bench --articles $(ARTICLES) --runs $(RUNS)
