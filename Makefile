# Run `make` on its own to list the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run demo migrate worker serve test lint format check lock clean bench loadtest throughput

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the locked dependencies

migrate: install ## Apply database migrations (a SQLite file from the old one-app layout is set aside)
	$(MANAGE) check_database_layout
	$(MANAGE) migrate --no-input

demo: migrate ## Load the demo content from the seed pages (safe to repeat)
	$(MANAGE) load_demo_content

# Links in emails and printed addresses follow HOST and PORT.
demo run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: demo ## Set up everything and serve the site at http://127.0.0.1:8000 (admin at /admin/)
	@echo "Serving the site at http://$(HOST):$(PORT)/ and the admin at http://$(HOST):$(PORT)/admin/"
	$(MANAGE) runserver $(HOST):$(PORT)

worker: install ## Run the task worker (emails); needs TASKS_BACKEND=django_tasks_db.DatabaseBackend
	$(MANAGE) db_worker

# `make serve`: the production settings, as a deployment runs them, on this machine over plain
# HTTP. Everything can be overridden from the environment.
serve: export DJANGO_SETTINGS_MODULE = goodpractice.settings.production
serve: export ALLOW_PLAIN_HTTP = true
serve: export ALLOWED_HOSTS ?= $(HOST),localhost
serve: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
serve: export HOST := $(HOST)
serve: export PORT := $(PORT)
serve: install ## Run the production configuration locally: PostgreSQL (DATABASE_URL), static files, gunicorn and the worker
	@if [ -z "$$DATABASE_URL" ] || [ "$${DATABASE_URL#postgres}" = "$$DATABASE_URL" ]; then \
		echo "make serve runs on PostgreSQL: createdb -h 127.0.0.1 -U postgres goodpractice"; \
		echo "then: DATABASE_URL=postgres://postgres@127.0.0.1:5432/goodpractice make serve"; \
		exit 1; fi
	@test -s .dev-secret-key || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > .dev-secret-key
	SECRET_KEY=$${SECRET_KEY:-$$(cat .dev-secret-key)} $(MANAGE) collectstatic --no-input -v0
	SECRET_KEY=$${SECRET_KEY:-$$(cat .dev-secret-key)} $(MANAGE) migrate --no-input
	SECRET_KEY=$${SECRET_KEY:-$$(cat .dev-secret-key)} $(MANAGE) load_demo_content
	@echo "Serving the production configuration at $$WAGTAILADMIN_BASE_URL/ (admin at $$WAGTAILADMIN_BASE_URL/admin/)"
	@export SECRET_KEY=$${SECRET_KEY:-$$(cat .dev-secret-key)}; trap 'kill 0' EXIT INT TERM; \
		$(MANAGE) db_worker --no-reload & \
		$(BIN)/gunicorn -c goodpractice/gunicorn.py goodpractice.wsgi

test: install ## Run the whole test suite (DATABASE_URL picks PostgreSQL; SQLite otherwise)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install ## Time search and listings on PostgreSQL at 1k, 10k and 100k items (slow; BENCH_ARGS=...)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

loadtest: install ## 50 users for 2 minutes against the production stack on 127.0.0.1 (PostgreSQL gp_loadtest, Redis)
	bash bench/loadtest.sh

throughput: install ## Requests per second, cached and built afresh, beside a static file (needs wrk)
	bash bench/throughput.sh

lint: install ## Check code style, the direction of imports, Django system checks and missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=goodpractice.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=goodpractice.settings.test $(MANAGE) makemigrations --check --dry-run

format: install ## Fix what ruff can fix and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock: install ## Re-resolve requirements.lock after changing pyproject.toml
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
		--quiet --output-file requirements.lock

clean: ## Remove the virtual environment, the SQLite database and uploaded files
	rm -rf $(VENV) db.sqlite3 media private-media collected-static
