"""The settings every Django project of the repository shares, as building blocks.

A project's own settings module starts with `from chassis.settings import *`
and then says only what is its own: its apps, its database file, its URLs,
its exception handler, its schema's title, its collaborators.
"""

import os

from chassis.env import env_bool, env_float, env_list

DEBUG = env_bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default="127.0.0.1,localhost")

# Every service's apps start with these; the edge, which stores nothing,
# keeps only the last five (monolith/config/settings.py). "chassis" comes
# before drf_spectacular, whose templates it overrides.
BASE_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "chassis",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    # First, so it also sees the answers of the middleware below it.
    "chassis.middleware.JsonErrorsMiddleware",
    "chassis.middleware.LengthRequiredMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # gunicorn serves no files: WhiteNoise serves the admin's and the API
    # docs' static files from the apps (collectstatic comes with stage 7).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Idempotency keys (stage 5, chassis/idempotency): how long a key and the
# answer it got are kept, and how long a request may hold a key before a
# retry takes it over, which must outlast the slowest write.
IDEMPOTENCY_KEY_TTL_SECONDS = env_float(
    "IDEMPOTENCY_KEY_TTL_SECONDS", default=24 * 3600
)
IDEMPOTENCY_CLAIM_SECONDS = env_float("IDEMPOTENCY_CLAIM_SECONDS", default=60)

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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
WHITENOISE_USE_FINDERS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's own console handler prints only when DEBUG is on, and would print
    # every line twice beside the root handler; one handler, in every mode.
    "loggers": {
        "django": {"handlers": ["console"], "propagate": False},
        # httpx logs every request at INFO; the access logs already say it.
        "httpx": {"level": "WARNING"},
    },
}


def sqlite_database(path: str) -> dict[str, object]:
    """Return a SQLite database that lets writers queue instead of failing.

    WAL lets readers run beside a writer, IMMEDIATE takes the write lock when a
    transaction starts (so two writers queue instead of failing half-way with
    "database is locked"), and the timeout is how long a writer waits in that
    queue. See docs/00-monolith.md, "Parallel writes".
    """
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
        },
    }


def rest_framework(*, exception_handler: str) -> dict[str, object]:
    """Return DRF's settings: strict JSON in, JSON out, the chassis' pagination."""
    return {
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
        "EXCEPTION_HANDLER": exception_handler,
    }


def spectacular(
    *, title: str, description: str, hooks: tuple[str, ...] = ()
) -> dict[str, object]:
    """Return drf-spectacular's settings: offline docs, the error shapes added."""
    return {
        "TITLE": title,
        "DESCRIPTION": description,
        "VERSION": "0.0.0",
        "SERVE_INCLUDE_SCHEMA": False,
        "POSTPROCESSING_HOOKS": [
            "drf_spectacular.hooks.postprocess_schema_enums",
            "chassis.schema.document_transport_errors",
            *hooks,
        ],
        "COMPONENT_SPLIT_REQUEST": True,
        # Tags come from the path after /api/ (users, orders), in every project.
        "SCHEMA_PATH_PREFIX": "/api/",
        # Swagger UI and ReDoc are served from drf-spectacular-sidecar, never a CDN.
        "SWAGGER_UI_DIST": "SIDECAR",
        "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
        "REDOC_DIST": "SIDECAR",
        # Swagger UI would otherwise send the schema to an online validator.
        "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    }


def postgres_test_database(*, prefix: str) -> dict[str, object]:
    """Return the PostgreSQL database of a project's lock tests (make pytest-postgres).

    The server is the one POSTGRES_HOST, POSTGRES_PORT and POSTGRES_USER name;
    the database's name carries the process id, so two runs on one server
    do not share a test database.
    """
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": f"{prefix}_{os.getpid()}",
        "HOST": os.environ.get("POSTGRES_HOST", "127.0.0.1"),
        "PORT": os.environ.get("POSTGRES_PORT", "5432"),
        "USER": os.environ.get("POSTGRES_USER", "postgres"),
        "PASSWORD": os.environ.get("POSTGRES_PASSWORD", ""),
    }
