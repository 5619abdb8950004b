# Court Companion: `make run` starts the demo office, `make test` runs every test headless.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export QT_QPA_PLATFORM ?= offscreen

.PHONY: install bytecode run test lint typecheck bench system-deps catalogs extract-messages dist dist-smoke \
        update-catalogs compile-catalogs catalog-status screenshots guidance-review mutation clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	@touch $@

install: $(STAMP)

# System packages the tests use (poppler's pdftoppm, zbar for QR decoding, Qt's X/EGL libraries).
# Installs only what is missing, and only where we may (root with apt-get).
system-deps:
	@bash .ci/system-deps.sh

run: install
	@demo_dir=$$(mktemp -d -t court-companion-demo-XXXXXX); \
	echo "Demo office in $$demo_dir (passphrase: demo)"; \
	COMPANION_PASSPHRASE=demo $(BIN)/companion demo --data-dir "$$demo_dir" && \
	env -u QT_QPA_PLATFORM $(BIN)/companion --data-dir "$$demo_dir"

# Compiled once, as an installed copy is (pip and PyInstaller compile every module): where
# PYTHONDONTWRITEBYTECODE is set, as on CI, each command a test starts would compile them again.
bytecode: install
	$(BIN)/python -m compileall -q companion bench > /dev/null

test: install system-deps bytecode
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check companion tests bench .ci
	$(BIN)/ruff format --check companion tests bench .ci
	$(BIN)/mypy companion bench

# WeasyPrint (the `bench` extra) is the peer the packet process is measured against; without
# it (offline, or its system libraries missing) the table says so and the rest still runs.
bench: install bytecode
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[bench]' || echo "WeasyPrint could not be installed: the bench runs without the peer."
	$(BIN)/python -m bench

# Mutation testing (mutmut), one module at a time; writes bench/MUTATION.md. Slow (see there):
# on demand and before each release, not in CI. `make mutation MODULES=packets/datefmt` for one,
# MINUTES=20 to stop each module after 20 minutes (the report counts what was not run),
# SURVIVORS=1 to rerun only the last run's survivors against the current tests.
mutation: install
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[mutation]'
	$(BIN)/python -m bench.mutation $(if $(MINUTES),--minutes $(MINUTES)) $(if $(SURVIVORS),--survivors) $(MODULES)

# --- message catalogs (see translations/README.md) ---
extract-messages: install
	$(BIN)/python -m companion.i18n.tools extract

catalog-status: install
	$(BIN)/python -m companion.i18n.tools status

update-catalogs: extract-messages
	$(BIN)/python -m companion.i18n.tools update

compile-catalogs: install
	$(BIN)/python -m companion.i18n.tools compile

catalogs: update-catalogs compile-catalogs

screenshots: install
	$(BIN)/python -m companion.ui.dev.screenshots

guidance-review: install
	$(BIN)/python -m companion.guidance.review_export

# --- the one-folder app for office laptops (see README: "For IT staff") ---
dist: install
	@bash .ci/dist-deps.sh
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dist]'
	rm -rf build/build dist/CourtCompanion
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --workpath build/build --distpath dist build.spec
	@du -sb dist/CourtCompanion | awk '{printf "Bundle size (dist/CourtCompanion): %.1f MiB (%.1f MB); target <= 160 MiB\n", $$1 / 1048576, $$1 / 1e6}'

dist-smoke: install
	@test -x dist/CourtCompanion/CourtCompanion || { echo "Run make dist first."; exit 1; }
	$(BIN)/python .ci/dist_smoke.py dist/CourtCompanion/CourtCompanion

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
