"""Test settings on PostgreSQL, for the tests whose point is how a database locks.

`make pytest-postgres` runs the tests marked `postgres` with these settings
when a PostgreSQL server answers (POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER),
and says it skipped them when none does.
"""

from chassis.settings import postgres_test_database
from config.settings_test import *  # noqa: F403

DATABASES = {"default": postgres_test_database(prefix="users")}
