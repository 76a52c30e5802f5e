"""Test settings on PostgreSQL, for the tests whose point is how a database locks.

`make pytest-postgres` runs the tests marked `postgres` with these settings
when a PostgreSQL server answers (POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER),
and says it skipped them when none does. The database name carries the
process id, so two runs on one server do not share a test database.
"""

import os

from config.settings_test import *  # noqa: F403

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": f"users_{os.getpid()}",
        "HOST": os.environ.get("POSTGRES_HOST", "127.0.0.1"),
        "PORT": os.environ.get("POSTGRES_PORT", "5432"),
        "USER": os.environ.get("POSTGRES_USER", "postgres"),
        "PASSWORD": os.environ.get("POSTGRES_PASSWORD", ""),
    }
}
