"""Fixtures of the tools' tests: a private Redis for the tests that need one."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.redis import find_redis_server, install_hint
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


@pytest.fixture
def redis_binary() -> Path:
    """The redis-server a lab's checks start for a stack; without one, a skip."""
    binary = find_redis_server()
    if binary is None:
        pytest.skip(f"no redis-server: {install_hint()}")
    return binary
