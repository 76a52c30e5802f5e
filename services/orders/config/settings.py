"""Settings of the orders service, read from the environment.

What every Django project here shares comes from the chassis; this module
says what is the orders service's own. Every variable is listed with a
comment in `.env.example` at the repository root.
"""

import os
from pathlib import Path

from kombu import Exchange, Queue, binding

from chassis.env import env_choice, env_float, env_int, env_secret
from chassis.settings import *  # noqa: F403
from chassis.settings import (
    BASE_APPS,
    DEBUG,
    rest_framework,
    spectacular,
    sqlite_database,
)
from shared.events import USER_ROUTING_KEYS, USERS_EXCHANGE, USERS_EXCHANGE_TYPE

BASE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BASE_DIR.parent.parent

# Development values are harmless; a deployment must bring its own secrets.
SECRET_KEY = env_secret(
    "ORDERS_SECRET_KEY", debug=DEBUG, development="insecure-orders-development-key"
)
# What this service sends to read the users service's changes feed.
EVENTS_SECRET = env_secret(
    "EVENTS_SECRET", debug=DEBUG, development="insecure-events-secret"
)

INSTALLED_APPS = [*BASE_APPS, "chassis.idempotency", "orders", "demo"]

# A relative path is taken from the repository's root, as make run reads
# it, whatever folder gunicorn runs in.
DATABASES = {
    "default": sqlite_database(
        str(REPO_DIR / os.environ.get("ORDERS_DATABASE_PATH", "var/orders.sqlite3"))
    )
}

# The edge forwards /api/orders/ here and says, in X-Forwarded-Host, which
# address the client used; links this service builds (next, previous,
# Location) must name that address.
USE_X_FORWARDED_HOST = True

# Branch by abstraction: the UsersClient orders reads users through, as a
# dotted path (like EMAIL_BACKEND): since stage 4 the replica, which asks
# the users service (USERS_LOOKUP_CLIENT, over HTTP) only about a user it
# has never heard of. See docs/04-celery-sync.md, "The replica".
USERS_CLIENT = os.environ.get("USERS_CLIENT", "config.clients.replica_users_client")
USERS_LOOKUP_CLIENT = os.environ.get(
    "USERS_LOOKUP_CLIENT", "config.clients.http_users_client"
)
# Where the users service answers. One lookup has USERS_SERVICE_DEADLINE
# seconds for everything, its retries included: up to USERS_SERVICE_ATTEMPTS
# tries of a GET that failed in a way that may pass. After
# USERS_BREAKER_FAILURES failed lookups in a row the breaker opens: lookups
# fail at once until, after USERS_BREAKER_RESET_SECONDS, one is let through
# to try. See docs/03-orders-service.md, "The timeout budget".
USERS_SERVICE_URL = os.environ.get("USERS_SERVICE_URL", "http://127.0.0.1:8001")
USERS_SERVICE_DEADLINE = env_float("USERS_SERVICE_DEADLINE", default=2.0)
USERS_SERVICE_ATTEMPTS = env_int("USERS_SERVICE_ATTEMPTS", default=3)
USERS_BREAKER_FAILURES = env_int("USERS_BREAKER_FAILURES", default=5)
USERS_BREAKER_RESET_SECONDS = env_float("USERS_BREAKER_RESET_SECONDS", default=10.0)

# Celery over Redis (stage 4). This service's worker takes its own tasks
# from the `orders` queue and users' events from its subscriber queue, which
# it binds to users' exchange: subscribing is this service's configuration,
# and the users service does not know it. USER_EVENTS chooses what an event
# is: `state` applies the user it carries, `notify` takes it as a notice and
# asks the users service for the user, `off` leaves the replica to
# reconciliation alone. Reconciliation reads users' changes feed (USERS_FEED)
# RECONCILE_PAGE_SIZE changes at a time; beat says how often
# (chassis/clock.py). See docs/04-celery-sync.md, "Push: the event's state,
# or a notice" and "Pull: reconciliation".
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_DEFAULT_QUEUE = "orders"
USER_EVENTS = env_choice(
    "USER_EVENTS", choices=("state", "notify", "off"), default="state"
)
# Orders' own queue on users' exchange, bound with the key of each change.
# The queue's own exchange and key are the first binding's: without them
# Celery would bind it to the default exchange too, where the
# reconciliation task goes.
USERS_EVENTS = Exchange(USERS_EXCHANGE, type=USERS_EXCHANGE_TYPE)
USER_EVENTS_QUEUE = Queue(
    "orders.user-events",
    exchange=USERS_EVENTS,
    routing_key=USER_ROUTING_KEYS[0],
    bindings=[binding(USERS_EVENTS, routing_key=key) for key in USER_ROUTING_KEYS],
)
CELERY_TASK_QUEUES = [
    Queue("orders"),
    *([USER_EVENTS_QUEUE] if USER_EVENTS != "off" else []),
]
USERS_FEED = os.environ.get("USERS_FEED", "config.clients.users_changes_feed")
RECONCILE_PAGE_SIZE = env_int("RECONCILE_PAGE_SIZE", default=200)

# The credit saga (stage 5): where its steps go (the users service's credit
# endpoints, as a dotted path like USERS_CLIENT); how many times a step that
# met a failure that may pass is tried, waiting 2, 4, 8... seconds but never
# more than CREDIT_SAGA_RETRY_CAP_SECONDS between tries, before a try is
# compensated or another step parked (the defaults give about five minutes);
# and after how many quiet seconds the sweep (orders.resume_credit_sagas)
# sends a running step again. See docs/05-consistency.md, "The saga".
CREDIT_CLIENT = os.environ.get("CREDIT_CLIENT", "config.clients.http_credit_client")
CREDIT_SAGA_ATTEMPTS = env_int("CREDIT_SAGA_ATTEMPTS", default=14)
CREDIT_SAGA_RETRY_CAP_SECONDS = env_float("CREDIT_SAGA_RETRY_CAP_SECONDS", default=30.0)
CREDIT_SAGA_QUIET_SECONDS = env_float("CREDIT_SAGA_QUIET_SECONDS", default=60.0)

REST_FRAMEWORK = rest_framework(
    exception_handler="api.exception_handler.domain_exception_handler"
)

SPECTACULAR_SETTINGS = spectacular(
    title="Orders service",
    description=(
        "The orders of the tutorial shop, served by their own service with "
        "their own database since stage 3. Clients reach it through the "
        "edge at /api/orders/. See docs/03-orders-service.md."
    ),
)
