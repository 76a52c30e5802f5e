# The two commands a learner needs are `make run` and `make test`.
# Everything else here supports them or the stage history (`make tags`).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCKED := $(VENV)/.installed-from-lock
STAMP := $(VENV)/.installed-packages
MANAGE := $(BIN)/python manage.py
# `make run PORT=8010` and `PORT=8010 make run` both work. HOST is taken only
# from make's command line (`make run HOST=0.0.0.0`): some shells set HOST to
# the machine's name.
HOST := 127.0.0.1
PORT ?= 8000
USERS_PORT ?= 8001
ORDERS_PORT ?= 8002

.DEFAULT_GOAL := help
.PHONY: help venv run test test-browser lint typecheck typecheck-edge typecheck-users \
	typecheck-orders typecheck-strict imports checks checks-edge checks-users \
	checks-orders schemas pytest pytest-chassis pytest-edge pytest-users pytest-orders \
	pytest-postgres pytest-cross tags stages lock lab-start lab-check verify-stages \
	reset-data clean run-edge run-users run-orders run-redis redis-check \
	run-users-worker run-orders-worker run-beat prepare-users prepare-orders bench \
	sync-status demo-2pc

# A description may name $(PORT), $(USERS_PORT) or $(ORDERS_PORT): help shows the port that
# `make run` would use with the same arguments (`make help PORT=8010`).
help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) \
		| sed -e 's/$$(PORT)/$(PORT)/g' -e 's/$$(USERS_PORT)/$(USERS_PORT)/g' \
			-e 's/$$(ORDERS_PORT)/$(ORDERS_PORT)/g' \
		| awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

# The virtual environment is rebuilt from scratch whenever the lock changes,
# so what runs is exactly what requirements.lock pins. Then the root project
# is installed in editable mode, which puts `chassis` and `shared` on every
# project's import path as packages (pyproject.toml).
$(LOCKED): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))."; exit 1; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(LOCKED)

$(STAMP): $(LOCKED) pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# The processes of `make run` run in an environment of their own, holding the
# project's dependencies and none of the test tools', as a deployment would:
# DRF imports psycopg, requests and pygments wherever they are installed,
# about 18 MB in each Django process. requirements-run.lock pins the same
# versions as requirements.lock. See docs/04-celery-sync.md, "Processes and
# memory".
RUN_VENV := .venv-run
RUN_BIN := $(RUN_VENV)/bin
RUN_STAMP := $(RUN_VENV)/.installed-packages

$(RUN_STAMP): $(STAMP) requirements-run.lock
	rm -rf $(RUN_VENV)
	$(PYTHON) -m venv $(RUN_VENV)
	$(RUN_BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-run.lock
	$(RUN_BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(RUN_STAMP)

venv: $(STAMP) $(RUN_STAMP) ## Create or refresh .venv (requirements.lock) and make run's .venv-run.

EDGE := http://$(HOST):$(PORT)
USERS_URL := http://$(HOST):$(USERS_PORT)
ORDERS_URL := http://$(HOST):$(ORDERS_PORT)
# The clock's schedule (chassis/clock.py): how often beat sends each
# service's periodic task. `make run RECONCILE_SECONDS=5` reconciles faster.
SWEEP_SECONDS ?= 5
RECONCILE_SECONDS ?= 15
PRUNE_SECONDS ?= 3600
# How often the credit saga's sweep looks for steps gone quiet (stage 5).
SAGA_SWEEP_SECONDS ?= 15
PERIODIC_TASKS := users.relay_outbox=$(SWEEP_SECONDS) \
	orders.reconcile_users=$(RECONCILE_SECONDS) users.prune_outbox=$(PRUNE_SECONDS) \
	orders.resume_credit_sagas=$(SAGA_SWEEP_SECONDS) \
	users.prune_idempotency_keys=$(PRUNE_SECONDS) \
	orders.prune_idempotency_keys=$(PRUNE_SECONDS)
# One gunicorn worker per web project keeps the whole stack small
# (docs/04-celery-sync.md, "Processes and memory"); `make run
# WEB_CONCURRENCY=2` starts two, as stage 3 did.
WEB_CONCURRENCY ?= 1
# What the processes of `make run` are told about each other: where each
# service answers, and what the clock sends when.
RUN_ENV := HOST=$(HOST) EDGE_PORT=$(PORT) USERS_PORT=$(USERS_PORT) \
	ORDERS_PORT=$(ORDERS_PORT) USERS_SERVICE_URL=$(USERS_URL) \
	ORDERS_SERVICE_URL=$(ORDERS_URL) PERIODIC_TASKS="$(PERIODIC_TASKS)" \
	WEB_CONCURRENCY=$(WEB_CONCURRENCY) GUNICORN_RELOAD=true
# $(call start,<process>...): tools/run.py starts the Procfile's processes
# (all of them when none is named) in make's own child (`exec`), so a
# Ctrl-C, or a TERM make passes on, stops every process and make sees a
# clean end.
start = exec env $(RUN_ENV) $(RUN_BIN)/python -m tools.run $(1)
# $(call service_urls,<name>,<url>): where a service's own pages are.
define service_urls
	@printf "  %-15s%s\n" "$(1) service" "$(2)/api/"
	@echo "    Swagger UI     $(2)/api/docs/"
	@echo "    ReDoc          $(2)/api/redoc/"
	@echo "    Schema         $(2)/api/schema/"
	@echo "    Admin          $(2)/admin/  (user admin, password admin)"
endef

run: $(RUN_STAMP) redis-check prepare-users prepare-orders ## Start Redis if needed, the edge ($(PORT)), users ($(USERS_PORT)), orders ($(ORDERS_PORT)), their Celery workers and beat; Ctrl-C stops all.
	@echo ""
	@echo "  The shop, stage 5: the edge on $(EDGE), two services behind it,"
	@echo "  users' changes carried to orders by Celery over Redis, a credit saga"
	@echo "  between them, ETags and idempotency keys in the API"
	@echo "    API root       $(EDGE)/api/"
	@echo "    Swagger UI     $(EDGE)/api/docs/  (both services' APIs, merged)"
	@echo "    ReDoc          $(EDGE)/api/redoc/"
	@echo "    Schema         $(EDGE)/api/schema/"
	$(call service_urls,Users,$(USERS_URL))
	$(call service_urls,Orders,$(ORDERS_URL))
	@echo "  Celery's state    make sync-status  (outbox, queues, cursor, dead letters)"
	@echo "    Outbox         $(USERS_URL)/admin/users/outboxevent/"
	@echo "    Replica        $(ORDERS_URL)/admin/orders/customer/"
	@echo "    Workers        .venv/bin/celery --workdir services/orders -A config inspect active"
	@echo "  Credit sagas     .venv/bin/python services/orders/manage.py orders_credit_sagas"
	@echo "    Sagas          $(ORDERS_URL)/admin/orders/creditsaga/"
	@echo "    Reservations   $(USERS_URL)/admin/users/creditreservation/"
	@echo "  Each process also runs alone, in its own terminal: make run-redis,"
	@echo "  run-edge, run-users, run-orders, run-users-worker, run-orders-worker,"
	@echo "  run-beat. Stop one to watch the others carry on."
	@echo "  Press Ctrl-C to stop them all."
	@echo ""
	@$(call start)

run-edge: $(RUN_STAMP) ## Start the edge alone on $(PORT); it forwards to users and orders.
	@echo "  The edge on $(EDGE)/api/ (docs /api/docs/); Ctrl-C stops it."
	@$(call start,edge)

run-users: $(RUN_STAMP) prepare-users ## Start the users service alone on $(USERS_PORT).
	@echo "  Users service on $(USERS_URL)/api/ (docs /api/docs/, admin /admin/); Ctrl-C stops it."
	@$(call start,users)

run-orders: $(RUN_STAMP) prepare-orders ## Start the orders service alone on $(ORDERS_PORT); it reads customers from its replica.
	@echo "  Orders service on $(ORDERS_URL)/api/ (docs /api/docs/, admin /admin/); Ctrl-C stops it."
	@$(call start,orders)

run-redis: $(RUN_STAMP) redis-check ## Find or start Redis alone (REDIS_URL, else 127.0.0.1:6379, else a private one).
	@$(call start,redis)

# Before anything starts: which Redis the processes use (the one at
# REDIS_URL, the one answering at 127.0.0.1:6379, or a private one to start),
# or why none can be used, and then make stops. See docs/04-celery-sync.md,
# "Redis, found or started".
redis-check: $(STAMP)
	@$(BIN)/python -m tools.redis check

run-users-worker: $(RUN_STAMP) prepare-users ## Start the users service's Celery worker alone: it relays the outbox.
	@echo "  The users worker: it publishes the outbox's events; Ctrl-C stops it."
	@$(call start,users-worker)

run-orders-worker: $(RUN_STAMP) prepare-orders ## Start the orders service's Celery worker alone: it applies users' events and reconciles.
	@echo "  The orders worker: it keeps the replica of customers; Ctrl-C stops it."
	@$(call start,orders-worker)

run-beat: $(RUN_STAMP) ## Start the one clock (Celery beat) alone: the outbox sweep, reconciliation, pruning.
	@echo "  Beat sends: $(PERIODIC_TASKS) (seconds); Ctrl-C stops it."
	@$(call start,beat)

sync-status: $(STAMP) ## Show how the sync stands: outbox backlog, queues, cursor and lag, last reconciliation, dead letters.
	@$(BIN)/python -m tools.sync_status

# Each service's database: migrated, what the monolith's database still
# holds moved in (verified; nothing to do the second time), and demo data.
# When the orders service starts (Procfile), once the users service
# answers, it builds its replica of customers (verified) and seeds its demo
# orders. See docs/03-orders-service.md, "One mover, two moves", and
# docs/04-celery-sync.md, "Backfill".
prepare-users: $(STAMP)
	@mkdir -p var
	$(USERS_MANAGE) migrate --noinput
	$(USERS_MANAGE) users_move_from_monolith
	$(USERS_MANAGE) seed_demo

prepare-orders: $(STAMP)
	@mkdir -p var
	$(ORDERS_MANAGE) migrate --noinput
	$(ORDERS_MANAGE) orders_move_from_monolith

test: lint typecheck imports checks pytest ## Lint, type-check, import contracts, Django checks, schema and every test suite.

lint: $(STAMP) ## ruff: lint and format check.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Each Django project is checked on its own: its settings module, its own
# `config` package on the path (the edge's or a service's), its own mypy
# cache. See docs/02-users-service.md, "One toolchain, several projects".
USERS := services/users
USERS_MANAGE := $(BIN)/python $(USERS)/manage.py
ORDERS := services/orders
ORDERS_MANAGE := $(BIN)/python $(ORDERS)/manage.py

typecheck: typecheck-edge typecheck-users typecheck-orders typecheck-strict ## mypy per Django project (Django and DRF plugins); --strict on shared/ and tools/.

typecheck-edge: $(STAMP)
	MYPYPATH=monolith $(BIN)/mypy --cache-dir .mypy_cache/edge manage.py monolith tests

typecheck-users: $(STAMP)
	MYPYPATH=$(USERS) $(BIN)/mypy --cache-dir .mypy_cache/users $(USERS) chassis

typecheck-orders: $(STAMP)
	MYPYPATH=$(ORDERS) $(BIN)/mypy --cache-dir .mypy_cache/orders $(ORDERS) chassis

typecheck-strict: $(STAMP)
	MYPYPATH=monolith $(BIN)/mypy --strict --cache-dir .mypy_cache/strict shared tools/*.py
	@for checker in labs/*/checks/lab.py; do \
		MYPYPATH=monolith $(BIN)/mypy --strict --cache-dir .mypy_cache/strict $$checker || exit 1; done

imports: $(STAMP) ## import-linter: each project's boundaries (its importlinter.ini).
	PYTHONPATH=monolith $(BIN)/lint-imports monolith/importlinter.ini
	PYTHONPATH=$(USERS) $(BIN)/lint-imports $(USERS)/importlinter.ini
	PYTHONPATH=$(ORDERS) $(BIN)/lint-imports $(ORDERS)/importlinter.ini

checks: checks-edge checks-users checks-orders ## Django checks, missing migrations and OpenAPI validation, per project.

checks-edge: $(STAMP)
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) spectacular --validate --fail-on-warn --file /dev/null

checks-users: $(STAMP)
	@mkdir -p var
	$(USERS_MANAGE) check --fail-level WARNING
	$(USERS_MANAGE) makemigrations --check --dry-run
	$(USERS_MANAGE) spectacular --validate --fail-on-warn --file /dev/null

checks-orders: $(STAMP)
	@mkdir -p var
	$(ORDERS_MANAGE) check --fail-level WARNING
	$(ORDERS_MANAGE) makemigrations --check --dry-run
	$(ORDERS_MANAGE) spectacular --validate --fail-on-warn --file /dev/null

schemas: $(STAMP) ## Refresh the services' schemas that the edge's schema merges.
	$(USERS_MANAGE) spectacular --format openapi-json --file monolith/api/schemas/users.json
	$(ORDERS_MANAGE) spectacular --format openapi-json --file monolith/api/schemas/orders.json

pytest: pytest-chassis pytest-edge pytest-users pytest-orders pytest-postgres pytest-cross ## Every pytest suite: each project's, then the cross-project ones (real processes).

pytest-chassis: $(STAMP)
	$(BIN)/pytest --ds=chassis.tests.settings chassis

pytest-edge: $(STAMP)
	$(BIN)/pytest --ds=config.settings -o pythonpath=monolith monolith

pytest-users: $(STAMP)
	$(BIN)/pytest --ds=config.settings_test -o pythonpath=$(USERS) $(USERS)

pytest-orders: $(STAMP)
	$(BIN)/pytest --ds=config.settings_test -o pythonpath=$(ORDERS) $(ORDERS)

# The tests marked `postgres`, in users and orders, show how PostgreSQL
# locks; without a server they are skipped, saying so. See
# docs/02-users-service.md, "The race one database prevented".
POSTGRES_HOST ?= 127.0.0.1
POSTGRES_PORT ?= 5432
POSTGRES_USER ?= postgres
pytest-postgres: $(STAMP) ## The lock tests on PostgreSQL, if one answers at POSTGRES_HOST:POSTGRES_PORT.
	@if $(BIN)/python -c 'import psycopg, sys; psycopg.connect(host=sys.argv[1], port=sys.argv[2], user=sys.argv[3], dbname="postgres", connect_timeout=3).close()' \
		$(POSTGRES_HOST) $(POSTGRES_PORT) $(POSTGRES_USER) 2>/dev/null; then \
		export POSTGRES_HOST=$(POSTGRES_HOST) POSTGRES_PORT=$(POSTGRES_PORT) POSTGRES_USER=$(POSTGRES_USER); \
		$(BIN)/pytest --ds=config.settings_test_postgres -o pythonpath=$(USERS) -m postgres $(USERS) \
		&& $(BIN)/pytest --ds=config.settings_test_postgres -o pythonpath=$(ORDERS) -m postgres $(ORDERS); \
	else echo "No PostgreSQL answers at $(POSTGRES_HOST):$(POSTGRES_PORT) as $(POSTGRES_USER): the lock tests on PostgreSQL are skipped."; fi

pytest-cross: $(STAMP)
	$(BIN)/pytest shared tools tests

test-browser: $(STAMP) ## Load the docs pages in headless Chromium: no request leaves this server.
	$(BIN)/pytest -m browser tests/browser

lab-start: tags ## Start lab LAB=N: a git worktree on branch lab-N at the lab's start.
	@test -n "$(LAB)" || { echo "Which lab? make lab-start LAB=1"; exit 2; }
	$(PYTHON) -m tools.labs start $(LAB)

lab-check: $(STAMP) ## Check lab LAB=N in its worktree (or in LAB_DIR=path).
	@test -n "$(LAB)" || { echo "Which lab? make lab-check LAB=1"; exit 2; }
	$(BIN)/python -m tools.labs check $(LAB) $(if $(LAB_DIR),--dir $(LAB_DIR))

verify-stages: $(STAMP) ## Every stage tag's make test in a clean worktree, every lab at its start and done.
	$(BIN)/python -m tools.verify_stages

# `make bench ROUNDS=9 SECONDS=3 CLIENTS=1`: each read round measures every
# scenario on every stack for SECONDS. Then SYNC_ROUNDS sync rounds: each
# style of sync (push, notification then fetch, pull) gets users' changes
# for SYNC_SECONDS per rate, from 50 a second and doubling while it keeps
# up; the pull stack reconciles every PULL_SECONDS. SYNC_ROUNDS=0 leaves the
# sync out; NAIVE=1 adds this checkout with the client that asks for each
# customer on its own. The defaults take six to eight minutes on two cores,
# two of them for the compared stage's virtual environment, more the more
# rates the stacks keep up with.
# `make bench ROUNDS=1 SECONDS=1 SYNC_ROUNDS=1 SYNC_SECONDS=1` is a quick
# smoke run. SECONDS is taken only from make's command line, like HOST:
# bash counts seconds in a variable of that name.
COMPARE ?= stage-3-orders-service
ROUNDS ?= 5
SECONDS := 2
CLIENTS ?= 8
SYNC_ROUNDS ?= 3
SYNC_SECONDS ?= 4
PULL_SECONDS ?= 1
NAIVE ?=
demo-2pc: $(STAMP) ## Two-phase commit on PostgreSQL: a move, its coordinator killed between the phases, the recovery.
	$(BIN)/python -m tools.demo_2pc

bench: $(STAMP) ## Measure this checkout against COMPARE=<tag> (default stage 3) in alternating rounds, and its sync's lag.
	$(BIN)/python -m tools.bench --compare $(COMPARE) --rounds $(ROUNDS) \
		--seconds $(SECONDS) --clients $(CLIENTS) --sync-rounds $(SYNC_ROUNDS) \
		--sync-seconds $(SYNC_SECONDS) --pull-seconds $(PULL_SECONDS) $(if $(NAIVE),--naive)

tags: ## Create or move the stage-<n>-<slug> tags from the Stage: trailers.
	$(PYTHON) tools/stages.py tags

stages: ## List the stages with their commits and titles.
	$(PYTHON) tools/stages.py list

lock: $(STAMP) ## Re-pin requirements.lock and requirements-run.lock after editing pyproject.toml.
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url \
		--no-emit-find-links --allow-unsafe --output-file requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		--allow-unsafe --constraint requirements.lock --output-file requirements-run.lock \
		pyproject.toml

reset-data: ## Delete the local databases (your users and orders); keep .venv.
	rm -f var/*.sqlite3*

clean: reset-data ## Remove the virtual environment, databases and caches.
	rm -rf $(VENV) $(RUN_VENV) .mypy_cache .pytest_cache .ruff_cache .schemathesis
