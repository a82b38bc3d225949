# designdoc's one task runner: the README, CI and developers all use these targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian/Ubuntu packages the tool needs at run time: Graphviz's dot, and Pango for WeasyPrint.
APT_PACKAGES := graphviz libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig
# and for the tests only: Chromium and its WebDriver (the preview and HTML output in a browser),
# qpdf and poppler's tools (the PDFs must read in more than pypdf).
TEST_APT_PACKAGES := chromium chromium-driver qpdf poppler-utils

.PHONY: help setup system-deps test-deps example test lint typecheck pytest fuzz bench clean

help:
	@echo "make example  set everything up and build output/video_recommendation.pdf"
	@echo "make test     set everything up, then lint, type-check and run the tests"
	@echo "make bench    time builds and checks (numbers for the README)"
	@echo "make fuzz     thousands of fuzzed specs per strategy (FUZZ_EXAMPLES=3000)"

define apt_install
	if command -v apt-get >/dev/null 2>&1; then \
	  echo "installing system packages: $(1)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(1) >/dev/null; \
	else \
	  echo "please install $(2) with your package manager" >&2; exit 1; \
	fi
endef

system-deps:
	@if command -v dot >/dev/null 2>&1 && ldconfig -p 2>/dev/null | grep -q libpango-1.0; then \
	  echo "system packages: present"; \
	else $(call apt_install,$(APT_PACKAGES),Graphviz and Pango); fi

test-deps:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && \
	  command -v qpdf >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then \
	  echo "browser and PDF tools for the tests: present"; \
	else $(call apt_install,$(TEST_APT_PACKAGES),$(TEST_APT_PACKAGES)); fi

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "installing python3-venv"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv >/dev/null && \
	  rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $@

setup: system-deps $(VENV)/.installed

example: setup
	$(BIN)/designdoc build specs/video_recommendation.yaml -o output

lint: setup
	$(BIN)/ruff check designdoc tests bench
	$(BIN)/ruff format --check designdoc tests bench

typecheck: setup
	$(BIN)/mypy designdoc

pytest: setup test-deps
	$(BIN)/pytest -q -n auto

test: lint typecheck pytest

FUZZ_EXAMPLES ?= 3000
fuzz: setup
	DESIGNDOC_FUZZ=1 DESIGNDOC_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q \
	  tests/test_fuzz.py tests/test_hostile_input.py --hypothesis-show-statistics

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache
