"""Tests of what the edge's settings read from the environment on import."""

import os
import subprocess
import sys

from config.settings import BASE_DIR


def import_settings(
    code: str = "import config.settings", **env: str
) -> subprocess.CompletedProcess[str]:
    """Run code that imports the settings, in a fresh interpreter with only `env`."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_settings_without_debug_refuse_to_load_without_a_secret_key():
    result = import_settings(DJANGO_DEBUG="false")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_settings_without_debug_load_with_a_secret_key():
    result = import_settings(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="a-secret")

    assert result.returncode == 0, result.stderr


def test_the_route_table_reads_where_each_service_answers():
    result = import_settings(
        "import config.settings as s; print(s.EDGE_ROUTES)",
        USERS_SERVICE_URL="http://users.test:9001",
        ORDERS_SERVICE_URL="http://orders.test:9002",
    )

    assert result.stdout.strip() == str(
        {
            "/api/users": "http://users.test:9001",
            "/api/orders": "http://orders.test:9002",
        }
    )
