"""Tests of `make sync-status`: what it reads from both services and from Redis.

The services' databases are throw-away ones, migrated here; the Redis is
the test's own, holding a queue bound to users' exchange as a subscriber's
worker leaves it.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from tools.redisserver import RedisServer
from tools.sync_status import BINDING_SEPARATOR, EXCHANGE_BINDINGS

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def databases(tmp_path: Path) -> dict[str, str]:
    """Migrate both services' databases in tmp_path; return their environment."""
    env = {
        **os.environ,
        "USERS_DATABASE_PATH": str(tmp_path / "users.sqlite3"),
        "ORDERS_DATABASE_PATH": str(tmp_path / "orders.sqlite3"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for service in ("users", "orders"):
        subprocess.run(
            [sys.executable, f"services/{service}/manage.py", "migrate", "-v", "0"],
            cwd=REPO_ROOT,
            env=env,
            check=True,
        )
    return env


def sync_status(env: dict[str, str]) -> str:
    """Run the command as make does; return what it printed."""
    result = subprocess.run(
        [sys.executable, "-m", "tools.sync_status"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def test_sync_status_lists_every_queue_bound_to_users_exchange_with_its_depth(
    databases: dict[str, str], redis_server: RedisServer
) -> None:
    client = redis.Redis.from_url(redis_server.url)
    binding = BINDING_SEPARATOR.join(["user.updated", "", "audit.user-events"])
    client.sadd(EXCHANGE_BINDINGS, binding)
    client.lpush("audit.user-events", "one", "two")

    output = sync_status({**databases, "REDIS_URL": redis_server.url})

    assert "  audit.user-events       2 messages waiting" in output
    assert "  orders                  0 messages waiting" in output


def test_sync_status_reports_the_outbox_the_cursor_and_the_dead_letters(
    databases: dict[str, str], redis_server: RedisServer
) -> None:
    output = sync_status({**databases, "REDIS_URL": redis_server.url})

    assert "Outbox (users):   0 events waiting to be published" in output
    assert "Replica (orders): 0 customers of 0 users; feed cursor 0" in output
    assert "Reconciliation:   last run never" in output
    assert "Dead letters:     0 waiting" in output


def test_sync_status_says_when_redis_cannot_be_read(
    databases: dict[str, str],
) -> None:
    nowhere = "redis://127.0.0.1:1/0"

    output = sync_status({**databases, "REDIS_URL": nowhere})

    assert f"Redis at {nowhere}:  cannot be read" in output
    assert "Dead letters:     0 waiting" in output
