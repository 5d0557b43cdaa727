# Newsroom on a fresh machine, in two commands:
#   make run    the whole product on SQLite with the demo content, served by gunicorn at
#               http://127.0.0.1:8000/
#   make test   install what the tests need and run every test

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# make run serves with production settings (DEBUG off) and a secret key kept in var/.
RUN_ENV = SECRET_KEY="$$(cat var/secret_key)" ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(HOST),localhost}"
# manage.py needs a key to start; these commands sign nothing.
CHECK_ENV = SECRET_KEY="$${SECRET_KEY:-checks-only-not-a-secret-but-as-long-as-production-wants}" ALLOWED_HOSTS=localhost

AXE := tests/browser/node_modules/axe-core/axe.min.js

.PHONY: run test lint format

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

# axe-core, which the browser tests inject into pages to check their accessibility, from the npm
# registry; without npm those checks skip and say why.
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm is not installed: the accessibility checks will be skipped"; fi

var/secret_key:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

run: $(VENV)/.installed var/secret_key
	@$(RUN_ENV) $(BIN)/python manage.py compile_translations --verbosity 0
	@$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@$(RUN_ENV) $(BIN)/python manage.py migrate --noinput --verbosity 0
	@$(RUN_ENV) $(BIN)/python manage.py load_demo
	@$(RUN_ENV) $(BIN)/python manage.py ensure_admin
	@echo "Newsroom is at http://$(HOST):$(PORT)/ and the editors' desk at http://$(HOST):$(PORT)/$${NEWSROOM_ADMIN_PATH:-admin/}"
	@$(RUN_ENV) HOST=$(HOST) PORT=$(PORT) WEB_CONCURRENCY="$${WEB_CONCURRENCY:-2}" \
		$(BIN)/gunicorn --config config/gunicorn.py config.wsgi

test: $(VENV)/.installed-dev $(AXE)
	$(CHECK_ENV) $(BIN)/python manage.py check --fail-level WARNING
	$(CHECK_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
