"""Fixtures of the tools' tests: a private Redis for the tests that need one."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.redisserver import RedisNotFound, RedisServer


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A redis-server of the test's own on a free port; without one, a skip."""
    try:
        server = RedisServer(directory=tmp_path / "redis")
    except RedisNotFound as error:
        pytest.skip(f"no redis-server: {error}")
    with server:
        yield server
