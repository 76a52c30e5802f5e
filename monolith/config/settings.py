"""Settings of the monolith, read from the environment with development defaults.

Every variable is listed with a comment in `.env.example` at the repository root.
"""

import os
from pathlib import Path

from chassis.env import env_bool, env_list, env_secret

BASE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BASE_DIR.parent


DEBUG = env_bool("DJANGO_DEBUG", default=True)

# Development values are harmless; a deployment must bring its own secrets.
SECRET_KEY = env_secret(
    "DJANGO_SECRET_KEY", debug=DEBUG, development="insecure-development-key"
)
# What other services send with the events they push here (/internal/events/).
EVENTS_SECRET = env_secret(
    "EVENTS_SECRET", debug=DEBUG, development="insecure-events-secret"
)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default="127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    # Before drf_spectacular: its templates override drf_spectacular's own.
    "chassis",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "users",
    "orders",
    "demo",
]

MIDDLEWARE = [
    # First, so it also sees the answers of the middleware below it.
    "chassis.middleware.JsonErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# One SQLite file by default. WAL lets readers run beside a writer, IMMEDIATE
# takes the write lock when a transaction starts (so two writers queue instead
# of failing half-way with "database is locked"), and the timeout is how long
# a writer waits in that queue. See docs/00-monolith.md, "Parallel writes".
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get(
            "DATABASE_PATH", str(REPO_DIR / "var" / "monolith.sqlite3")
        ),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
        },
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Branch by abstraction: the UsersClient orders asks about users, as a dotted
# path (like EMAIL_BACKEND). Checked at start-up. See docs/01-modular-monolith.md.
USERS_CLIENT = os.environ.get("USERS_CLIENT", "users.client.InProcessUsersClient")
# The observer: the event bus users publishes to and orders subscribes to.
EVENT_BUS = "config.events.bus"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# The largest request body read, in bytes: an order of 100 lines is far
# smaller. A larger body is answered 413 without being read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

STATIC_URL = "static/"
STATIC_ROOT = REPO_DIR / "var" / "static"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_PAGINATION_CLASS": "chassis.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["chassis.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exception_handler.domain_exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Shop API (monolith)",
    "DESCRIPTION": (
        "Users and orders of the tutorial shop. Stage 1: one Django project and "
        "one database, with a seam between users and orders. "
        "See docs/01-modular-monolith.md."
    ),
    "VERSION": "0.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "chassis.schema.document_transport_errors",
    ],
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and ReDoc are served from drf-spectacular-sidecar, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Swagger UI would otherwise send the schema to an online validator.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's own console handler prints only when DEBUG is on, and would print
    # every line twice beside the root handler; one handler, in every mode.
    "loggers": {"django": {"handlers": ["console"], "propagate": False}},
}
