# Two commands for a fresh machine with only python3: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CHROMIUM ?= /usr/bin/chromium
BUILD_FLAGS ?=           # e.g. make site BUILD_FLAGS=--strict (as the publish workflow does)

.PHONY: site test serve check browser lock clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
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

test: $(STAMP) browser
	$(BIN)/python -m pytest

# Re-pin every dependency to what is installed in .venv now.
lock: $(STAMP)
	{ echo "# Exact versions of every dependency (pip freeze of a working .venv, Python 3.11)."; \
	  echo "# Refresh deliberately: make lock"; \
	  $(BIN)/python -m pip freeze --all --exclude-editable | grep -vE '^(pip|fazhi-generator)=='; } > requirements.lock

clean:
	rm -rf build site
