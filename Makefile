# Two entry points for a fresh machine: `make run` and `make test`.
# Everything installs from this repo's own files: requirements.lock pins the
# Python packages that were tested; Debian's chromium serves the browser tests.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: setup run test test-fast browser bench bench-quick lock clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

run: setup
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

# Debian's chromium for the browser tests; installed only when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@chromium --version

test: setup browser
	$(PY) -m pytest

# Everything but the browser tests: for a quick loop while editing.
test-fast: setup
	$(PY) -m pytest -m "not browser"

bench: setup browser
	$(PY) -m bench

# A shorter pass of every benchmark, for a quick look.
bench-quick: setup browser
	$(PY) -m bench --quick

# Re-pin after changing dependencies in pyproject.toml.
lock:
	rm -rf /tmp/byo-lock && python3 -m venv /tmp/byo-lock
	/tmp/byo-lock/bin/pip install -q -e '.[test]'
	/tmp/byo-lock/bin/pip freeze --exclude-editable | grep -v '^byo-key-planner' > requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis artifacts
