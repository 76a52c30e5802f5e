"""Tests of the checks the orders service's settings make on import."""

import os
import subprocess
import sys

from chassis.testing import setting_read_from
from config.settings import BASE_DIR, REPO_DIR


def import_settings(**env: str) -> subprocess.CompletedProcess[str]:
    """Import the settings in a fresh interpreter with only PATH and `env` set."""
    return subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_settings_without_debug_refuse_to_load_without_a_secret_key():
    result = import_settings(DJANGO_DEBUG="false")

    assert result.returncode != 0
    assert "ORDERS_SECRET_KEY must be set" in result.stderr


def test_settings_without_debug_refuse_to_load_without_an_events_secret():
    result = import_settings(DJANGO_DEBUG="false", ORDERS_SECRET_KEY="a-real-secret")

    assert result.returncode != 0
    assert "EVENTS_SECRET must be set" in result.stderr


def test_settings_without_debug_load_with_both_secrets():
    result = import_settings(
        DJANGO_DEBUG="false", ORDERS_SECRET_KEY="a-secret", EVENTS_SECRET="another"
    )

    assert result.returncode == 0, result.stderr


def database_read_from(**env: str) -> str:
    """Return the database file as a fresh interpreter's settings name it."""
    return setting_read_from("s.DATABASES['default']['NAME']", project=BASE_DIR, **env)


def test_a_relative_database_path_is_taken_from_the_repository_root():
    name = database_read_from(ORDERS_DATABASE_PATH="var/elsewhere.sqlite3")

    assert name == str(REPO_DIR / "var" / "elsewhere.sqlite3")


def test_an_absolute_database_path_is_kept(tmp_path):
    name = database_read_from(ORDERS_DATABASE_PATH=str(tmp_path / "db.sqlite3"))

    assert name == str(tmp_path / "db.sqlite3")
