"""Tests of what the users service's settings read from the environment."""

import os
import subprocess
import sys

from config.settings import BASE_DIR, REPO_DIR


def broker_read_from(**env: str) -> str:
    """Print the Celery broker as a fresh interpreter's settings name it."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import config.settings as s; print(s.CELERY_BROKER_URL)",
        ],
        cwd=BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_broker_is_the_local_redis_unless_redis_url_names_another():
    assert broker_read_from() == "redis://127.0.0.1:6379/0"


def test_the_broker_is_the_redis_that_redis_url_names():
    assert broker_read_from(REDIS_URL="redis://elsewhere:6380/2") == (
        "redis://elsewhere:6380/2"
    )


def database_read_from(**env: str) -> str:
    """Print the database file as a fresh interpreter's settings name it."""
    code = "import config.settings as s; print(s.DATABASES['default']['NAME'])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_a_relative_database_path_is_taken_from_the_repository_root():
    name = database_read_from(USERS_DATABASE_PATH="var/elsewhere.sqlite3")

    assert name == str(REPO_DIR / "var" / "elsewhere.sqlite3")


def test_an_absolute_database_path_is_kept(tmp_path):
    name = database_read_from(USERS_DATABASE_PATH=str(tmp_path / "db.sqlite3"))

    assert name == str(tmp_path / "db.sqlite3")
