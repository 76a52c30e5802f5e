"""Tests of `python -m tools.redis`: which Redis `make run` uses, or why none.

Each runs the command as make does, in a process of its own, with REDIS_URL
set or unset, and a port of the test's own standing in for 127.0.0.1:6379.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tools.redis import find_redis_server, install_hint
from tools.redisserver import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]


def environment(redis_url: str | None) -> dict[str, str]:
    """Return this test run's environment with REDIS_URL as given."""
    env = {name: value for name, value in os.environ.items() if name != "REDIS_URL"}
    if redis_url is not None:
        env["REDIS_URL"] = redis_url
    return env


def check(*args: str, redis_url: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m tools.redis check` and return what it did."""
    return subprocess.run(
        [sys.executable, "-m", "tools.redis", "check", *args],
        cwd=REPO_ROOT,
        env=environment(redis_url),
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )


def test_check_stops_on_a_redis_url_where_nothing_answers():
    url = f"redis://127.0.0.1:{free_port()}/0"

    result = check(redis_url=url)

    assert result.returncode == 1
    assert f"REDIS_URL is {url}, but no Redis answers there" in result.stderr


def test_check_masks_the_password_in_redis_url():
    port = free_port()

    result = check(redis_url=f"redis://:s3cret@127.0.0.1:{port}/0")

    assert "s3cret" not in result.stdout + result.stderr
    assert f"redis://:***@127.0.0.1:{port}/0" in result.stderr


def test_check_uses_the_redis_at_redis_url(redis_server):
    result = check(redis_url=redis_server.url)

    assert result.returncode == 0
    assert f"the one at REDIS_URL ({redis_server.url})" in result.stdout


def test_check_without_redis_url_uses_the_redis_answering_at_the_port(redis_server):
    result = check("--port", str(redis_server.port))

    assert result.returncode == 0
    assert f"the one already answering at 127.0.0.1:{redis_server.port}" in (
        result.stdout
    )


def test_check_without_redis_url_or_a_redis_names_the_one_it_starts():
    binary = find_redis_server()
    if binary is None:
        pytest.skip(f"no redis-server: {install_hint()}")
    port = free_port()

    result = check("--port", str(port))

    assert result.returncode == 0
    assert f"a private one on 127.0.0.1:{port}, {binary} (Redis " in result.stdout


def test_check_stops_when_something_else_holds_the_port():
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()

        result = check("--port", str(other.getsockname()[1]))

    assert result.returncode == 1
    assert "does not answer PING" in result.stderr


def test_serve_has_nothing_to_do_while_another_redis_serves(redis_server):
    result = subprocess.run(
        [sys.executable, "-m", "tools.redis", "serve"],
        cwd=REPO_ROOT,
        env=environment(redis_server.url),
        capture_output=True,
        text=True,
        check=False,
        timeout=10,
    )

    assert result.returncode == 0
    assert f"the one at REDIS_URL ({redis_server.url})" in result.stdout


@pytest.mark.parametrize(
    ("system", "os_release", "command"),
    [
        ("Linux", {"ID": "debian"}, "sudo apt install redis-server"),
        ("Linux", {"ID": "linuxmint", "ID_LIKE": "ubuntu debian"}, "sudo apt install"),
        ("Linux", {"ID": "fedora"}, "sudo dnf install redis"),
        ("Darwin", {}, "brew install redis"),
        ("Linux", {"ID": "arch"}, "https://redis.io/downloads/"),
        ("Windows", {}, "https://redis.io/downloads/"),
    ],
    ids=["debian", "like-ubuntu", "fedora", "macos", "other-linux", "other"],
)
def test_install_hint_names_what_to_install_on_the_platform(
    system, os_release, command
):
    hint = install_hint(system, os_release)

    assert command in hint
