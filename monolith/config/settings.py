"""Settings of the edge (the monolith, strangled), read from the environment.

Since stage 3 the edge keeps no data: it forwards each public path prefix to
the service that owns it (EDGE_ROUTES), serves the merged API docs and
answers its own errors. So it has no database, no admin and no sessions;
what every project shares still comes from the chassis. Every variable is
listed with a comment in `.env.example` at the repository root. See
docs/03-orders-service.md, "What the edge is".
"""

import os
from pathlib import Path

from chassis.env import env_float, env_int, env_secret
from chassis.settings import *  # noqa: F403
from chassis.settings import DEBUG, MIDDLEWARE, rest_framework, spectacular

BASE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BASE_DIR.parent

# Development values are harmless; a deployment must bring its own secrets.
SECRET_KEY = env_secret(
    "DJANGO_SECRET_KEY", debug=DEBUG, development="insecure-development-key"
)

# No admin, auth, sessions or messages: the edge stores nothing and logs
# nobody in. What is left serves JSON, static files and the docs.
INSTALLED_APPS = [
    "django.contrib.staticfiles",
    "rest_framework",
    "chassis",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]
STATEFUL_MIDDLEWARE = {
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
}
MIDDLEWARE = [name for name in MIDDLEWARE if name not in STATEFUL_MIDDLEWARE]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": ["django.template.context_processors.request"]
        },
    },
]
DATABASES: dict[str, dict[str, object]] = {}

# The route table: each public path prefix, and the service that answers it
# and everything below it. One proxy forwards them all (api/proxy.py). See
# docs/03-orders-service.md, "The route table".
EDGE_ROUTES = {
    "/api/users": os.environ.get("USERS_SERVICE_URL", "http://127.0.0.1:8001"),
    "/api/orders": os.environ.get("ORDERS_SERVICE_URL", "http://127.0.0.1:8002"),
}
# How long the edge waits for a service's whole answer. Longer than the
# orders service waits for users (USERS_SERVICE_DEADLINE), so that a slow
# users service is answered by orders' own 503, not by the edge giving up.
# See docs/03-orders-service.md, "The timeout budget".
EDGE_DEADLINE = env_float("EDGE_DEADLINE", default=10.0)
# How many times a forwarded read whose connection failed is sent, within
# the deadline. A write is sent once.
EDGE_ATTEMPTS = env_int("EDGE_ATTEMPTS", default=3)
# The httpx.Client the edge forwards over, one per service, as a dotted path
# to a factory taking `base_url`, so tests can give it httpx.MockTransport.
EDGE_HTTP = "config.clients.service_http"

REST_FRAMEWORK = rest_framework(
    exception_handler="chassis.errors.plain_exception_handler"
)

SPECTACULAR_SETTINGS = spectacular(
    title="Shop API",
    description=(
        "Users and orders of the tutorial shop, at the edge. Stage 3: users "
        "and orders each live in their own service; the edge forwards "
        "/api/users/ and /api/orders/ to them. See docs/03-orders-service.md."
    ),
    hooks=("api.schema.add_service_schemas",),
)
