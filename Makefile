# The two commands a newcomer needs: `make run` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Chinese glyphs on screen and in PDFs, PDF tools for tests, Qt's X/offscreen libraries, PostgreSQL.
DEBIAN_PACKAGES := fonts-wqy-zenhei poppler-utils xvfb libxcb-icccm4 libxcb-keysyms1 \
	libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 postgresql
LINTED := fieldapp tests db docs packaging

.PHONY: run test venv system-deps lint screenshots notice-samples package clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

venv: $(STAMP)

run: venv
	$(BIN)/fieldapp demo

system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' \
			|| missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
		echo "make test needs these Debian packages, not installed here:$$missing"; \
		echo "install them with: sudo apt-get install$$missing"; \
	fi

lint: venv
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy
	$(BIN)/lint-imports

test: venv system-deps lint
	$(BIN)/python -m pytest

screenshots: venv
	$(BIN)/python docs/make_screenshots.py

notice-samples: venv
	$(BIN)/python docs/make_notice_samples.py

# The client as field laptops get it: dist/fieldapp (PyInstaller, one folder) and its .deb.
package: venv
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/fieldapp.spec
	$(BIN)/python packaging/build_deb.py --bundle dist/fieldapp --out dist

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist
