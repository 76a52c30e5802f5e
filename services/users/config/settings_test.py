"""Test overrides of the users service settings: only what makes tests faster."""

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks the tests send (the relay's nudge) stay in this process's memory:
# unit tests never reach a Redis, least of all one they did not start.
CELERY_BROKER_URL = "memory://"
