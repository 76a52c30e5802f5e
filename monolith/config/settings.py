"""Settings of the monolith (the edge from stage 2), read from the environment.

What every Django project here shares comes from the chassis; this module
says what is the monolith's own. Every variable is listed with a comment in
`.env.example` at the repository root.
"""

import os
from pathlib import Path

from chassis.env import env_float, env_secret
from chassis.settings import *  # noqa: F403
from chassis.settings import (
    BASE_APPS,
    DEBUG,
    rest_framework,
    spectacular,
    sqlite_database,
)

BASE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BASE_DIR.parent

# Development values are harmless; a deployment must bring its own secrets.
SECRET_KEY = env_secret(
    "DJANGO_SECRET_KEY", debug=DEBUG, development="insecure-development-key"
)
# What other services send with the events they push here (/internal/events/).
EVENTS_SECRET = env_secret(
    "EVENTS_SECRET", debug=DEBUG, development="insecure-events-secret"
)

INSTALLED_APPS = [*BASE_APPS, "orders", "demo"]

DATABASES = {
    "default": sqlite_database(
        os.environ.get("DATABASE_PATH", str(REPO_DIR / "var" / "monolith.sqlite3"))
    )
}


# Branch by abstraction: the UsersClient orders asks about users, as a dotted
# path (like EMAIL_BACKEND) to a class or factory. Since stage 2 it is the
# HTTP client of the users service. See docs/02-users-service.md.
USERS_CLIENT = os.environ.get("USERS_CLIENT", "config.clients.http_users_client")
# Where the users service answers, and how long any step of a call may take.
USERS_SERVICE_URL = os.environ.get("USERS_SERVICE_URL", "http://127.0.0.1:8001")
USERS_SERVICE_TIMEOUT = env_float("USERS_SERVICE_TIMEOUT", default=2.0)
# The httpx.Client the edge forwards /api/users/ over, as a dotted path to a
# factory, so that tests can hand the proxy one over httpx.MockTransport.
USERS_PROXY_HTTP = "config.clients.users_proxy_http"
# The observer: the bus that events received at /internal/events/ are
# published on, and that orders subscribes to.
EVENT_BUS = "config.events.bus"

REST_FRAMEWORK = rest_framework(
    exception_handler="api.exception_handler.domain_exception_handler"
)

SPECTACULAR_SETTINGS = spectacular(
    title="Shop API",
    description=(
        "Users and orders of the tutorial shop, at the edge. Stage 2: users "
        "live in their own service, to which /api/users/ is forwarded. "
        "See docs/02-users-service.md."
    ),
    hooks=("api.schema.add_users_service_schema",),
)
