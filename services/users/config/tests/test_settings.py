"""Tests of what the users service's settings read from the environment."""

import os
import subprocess
import sys

from config.settings import BASE_DIR, REPO_DIR


def subscribers_read_from(**env: str) -> str:
    """Print EVENT_SUBSCRIBERS as a fresh interpreter reads it, with only `env` set."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import config.settings as s; print(s.EVENT_SUBSCRIBERS)",
        ],
        cwd=BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_settings_name_no_subscriber_unless_the_deployment_does():
    assert subscribers_read_from() == "[]"


def test_settings_read_the_subscribers_the_deployment_names():
    subscribers = subscribers_read_from(
        EVENT_SUBSCRIBERS="http://a.example/events/, http://b.example/events/"
    )

    assert subscribers == "['http://a.example/events/', 'http://b.example/events/']"


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
