"""Tests of RedisServer, the private redis-server that tests start, kill and restart."""

import socket
from collections.abc import Iterator

import pytest
import redis

from tools.redisserver import RedisServer, free_port


def value_of(server: RedisServer, key: str) -> bytes | None:
    """Read one key from the server, over a connection of its own."""
    with redis.Redis.from_url(server.url) as client:
        value: bytes | None = client.get(key)
    return value


def ports_from(first: int) -> Iterator[int]:
    """Yield the given port, then free ones."""
    yield first
    while True:
        yield free_port()


def test_a_killed_server_restarted_with_its_data_keeps_every_acknowledged_write(
    redis_server,
):
    with redis.Redis.from_url(redis_server.url) as client:
        client.set("order:1", "placed")
    redis_server.kill()

    redis_server.start(keep_data=True)

    assert value_of(redis_server, "order:1") == b"placed"


def test_a_server_restarted_without_its_data_is_empty(redis_server):
    with redis.Redis.from_url(redis_server.url) as client:
        client.set("order:1", "placed")
    redis_server.kill()

    redis_server.start(keep_data=False)

    assert value_of(redis_server, "order:1") is None


def test_a_restart_keeps_the_port(redis_server):
    port = redis_server.port
    redis_server.stop()

    redis_server.start()

    assert redis_server.port == port


def test_a_stopped_server_answers_no_more(redis_server):
    redis_server.stop()

    with pytest.raises(redis.ConnectionError):
        value_of(redis_server, "order:1")


def test_pid_is_the_running_servers_process(redis_server):
    with redis.Redis.from_url(redis_server.url) as client:
        running = client.info("server")["process_id"]

    pid = redis_server.pid

    assert pid == running


def test_a_stopped_server_has_no_pid(redis_server):
    redis_server.stop()

    pid = redis_server.pid

    assert pid is None


def test_start_tries_another_port_when_the_chosen_one_was_taken(tmp_path):
    chosen: list[int] = []
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        ports = ports_from(other.getsockname()[1])

        def choose_port() -> int:
            chosen.append(next(ports))
            return chosen[-1]

        with RedisServer(directory=tmp_path, choose_port=choose_port) as server:
            answers = value_of(server, "none") is None

    assert len(chosen) == 2
    assert server.port == chosen[1]
    assert answers


def test_start_never_takes_another_redis_on_the_port_for_its_own(
    redis_server, tmp_path
):
    ports = ports_from(redis_server.port)

    with RedisServer(
        directory=tmp_path / "mine", choose_port=lambda: next(ports)
    ) as mine:
        pass

    assert mine.port != redis_server.port


def test_a_server_for_the_tests_writes_to_disk_before_each_answer(redis_server):
    with redis.Redis.from_url(redis_server.url) as client:
        setting = client.config_get("appendfsync")

    assert setting == {"appendfsync": "always"}


def test_a_server_told_so_writes_to_disk_every_second(tmp_path):
    with (
        RedisServer(directory=tmp_path, fsync_always=False) as server,
        redis.Redis.from_url(server.url) as client,
    ):
        setting = client.config_get("appendfsync")

    assert setting == {"appendfsync": "everysec"}
