"""Settings of the users service, read from the environment.

What every Django project here shares comes from the chassis; this module
says what is the users service's own. Every variable is listed with a
comment in `.env.example` at the repository root.
"""

import os
from pathlib import Path

from chassis.env import env_float, env_int, env_secret
from chassis.settings import *  # noqa: F403
from chassis.settings import (
    BASE_APPS,
    DEBUG,
    rest_framework,
    spectacular,
    sqlite_database,
)

BASE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BASE_DIR.parent.parent

# Development values are harmless; a deployment must bring its own secrets.
SECRET_KEY = env_secret(
    "USERS_SECRET_KEY", debug=DEBUG, development="insecure-users-development-key"
)
# What another service sends to read the changes feed (/internal/changes/).
EVENTS_SECRET = env_secret(
    "EVENTS_SECRET", debug=DEBUG, development="insecure-events-secret"
)

INSTALLED_APPS = [*BASE_APPS, "chassis.idempotency", "users"]

# A relative path is taken from the repository's root, as make run reads
# it, whatever folder gunicorn runs in.
DATABASES = {
    "default": sqlite_database(
        str(REPO_DIR / os.environ.get("USERS_DATABASE_PATH", "var/users.sqlite3"))
    )
}


# The edge forwards /api/users/ here and says, in X-Forwarded-Host, which
# address the client used; links this service builds (next, previous,
# Location) must name that address. Only the edge can reach this service,
# and ALLOWED_HOSTS still checks the forwarded host.
USE_X_FORWARDED_HOST = True

# Celery over Redis (stage 4). Each change's event waits in the outbox until
# the relay, run by this service's worker from its own queue, publishes it
# to the direct exchange subscribers bind their queues to. Published events
# are pruned after OUTBOX_RETENTION_SECONDS, but never a user's newest, which
# the changes feed serves. See docs/04-celery-sync.md, "The outbox".
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_DEFAULT_QUEUE = "users"
OUTBOX_BATCH = env_int("OUTBOX_BATCH", default=100)
OUTBOX_RETENTION_SECONDS = env_float("OUTBOX_RETENTION_SECONDS", default=7 * 24 * 3600)

REST_FRAMEWORK = rest_framework(
    exception_handler="api.exception_handler.domain_exception_handler"
)

SPECTACULAR_SETTINGS = spectacular(
    title="Users service",
    description=(
        "The users of the tutorial shop, served by their own service with "
        "their own database since stage 2. Clients reach it through the "
        "edge at /api/users/. See docs/02-users-service.md."
    ),
)
