"""Tests of the checks the orders service's settings make on import."""

import os
import subprocess
import sys

from config.settings import BASE_DIR


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
