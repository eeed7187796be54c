# Two commands for a fresh machine with only python3: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
TEST_STAMP := $(VENV)/.installed-test-stamp
CHROMIUM ?= /usr/bin/chromium
BUILD_FLAGS ?=           # e.g. make site BUILD_FLAGS=--strict (as the publish workflow does)

.PHONY: site test serve check browser lock clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# The test tools (pytest, Playwright, ruff, mypy, actionlint) only for `make test`:
# a publisher's `make site` installs what the build needs and nothing else.
$(TEST_STAMP): $(STAMP) requirements-test.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	touch $@

site: $(STAMP)
	$(BIN)/fazhi build $(BUILD_FLAGS)

check: $(STAMP)
	$(BIN)/fazhi check

serve: $(STAMP)
	$(BIN)/fazhi serve

# Browser tests drive Debian's Chromium (Playwright never downloads a browser here).
# A CJK font makes screenshots legible (the site itself uses the reader's fonts).
browser:
	@if [ ! -x $(CHROMIUM) ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian's chromium and fonts-noto-cjk for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else \
	    echo "error: install Debian's chromium and fonts-noto-cjk (sudo apt-get install chromium fonts-noto-cjk)" >&2; exit 1; \
	  fi; \
	fi

# Lint and types first (seconds), then every test: one worker per core, each
# test file whole on one worker (its module fixtures, such as a built site, made once).
test: $(TEST_STAMP) browser
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder

# Re-pin every dependency to what is installed in .venv now: the packages already
# named in requirements-test.lock stay there, every other one goes to requirements.lock.
lock: $(TEST_STAMP)
	tools=$$(grep -vE '^(#|-r)' requirements-test.lock | cut -d= -f1 | paste -sd'|'); \
	frozen=$$($(BIN)/python -m pip freeze --all --exclude-editable | grep -vE '^(pip|fazhi-generator)=='); \
	{ echo "# Exact versions of what the site build needs (pip freeze of a working .venv, Python 3.11)."; \
	  echo "# Refresh deliberately: make lock"; \
	  echo "$$frozen" | grep -viE "^($$tools)=="; } > requirements.lock; \
	{ echo "# Exact versions of the tools \`make test\` adds to requirements.lock (tests, browser, lint, types)."; \
	  echo "# Refresh deliberately: make lock"; echo "-r requirements.lock"; \
	  echo "$$frozen" | grep -iE "^($$tools)=="; } > requirements-test.lock

clean:
	rm -rf build site
