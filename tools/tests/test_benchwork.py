"""Tests of how the sync bench counts a change's work: requests, queued messages."""

import time

import redis

from tools.benchwork import (
    LogMark,
    QueuedMessages,
    queue_of,
    redis_commands,
    request_kind,
    users_requests,
)

# Lines as tools/run.py writes them into a stack's log (tools/benchstack.py).
LOG = """\
08:18:50 edge          | 127.0.0.1 "PATCH /api/users/4/ HTTP/1.1" 200 158 25ms
08:18:50 users         | 127.0.0.1 "PATCH /api/users/4/ HTTP/1.1" 200 158 22ms
08:18:50 users         | 127.0.0.1 "GET /api/users/4/ HTTP/1.1" 200 158 12ms
08:18:50 users-worker  | Task users.relay_outbox[03df] received
08:18:51 users         | [2026-11-30 08:18:51 +0000] [30129] [INFO] Booting worker
08:18:59 users         | 127.0.0.1 "GET /internal/changes/?after=3 HTTP/1.1" 200 4 4ms
08:18:59 orders        | 127.0.0.1 "GET /api/users/4/ HTTP/1.1" 200 325 34ms
"""


def heard(counting, *, expected, seconds=5.0):
    """Wait until the counter heard `expected` messages in all; return its counts."""
    deadline = time.monotonic() + seconds
    while sum(counting.counts().values()) < expected and time.monotonic() < deadline:
        time.sleep(0.02)
    return counting.counts()


def test_a_get_of_one_user_is_a_lookup():
    kind = request_kind(method="GET", path="/api/users/12/")

    assert kind == "lookups"


def test_a_get_of_the_changes_feed_is_a_feed_page():
    kind = request_kind(method="GET", path="/internal/changes/?after=3&limit=200")

    assert kind == "feed pages"


def test_any_other_method_is_a_write():
    kind = request_kind(method="PATCH", path="/api/users/12/")

    assert kind == "writes"


def test_a_get_of_the_users_list_is_another_read():
    kind = request_kind(method="GET", path="/api/users/?page=1&page_size=100")

    assert kind == "other reads"


def test_users_requests_counts_only_the_users_services_access_lines():
    kinds = users_requests(LOG)

    assert kinds == {"writes": 1, "lookups": 1, "feed pages": 1}


def test_a_queue_of_any_priority_is_one_queue():
    queues = [queue_of("orders.user-events"), queue_of("orders.user-events\x06\x163")]

    assert queues == ["orders.user-events", "orders.user-events"]


def test_a_log_mark_reads_only_what_was_written_after_it(tmp_path):
    log = tmp_path / "run.log"
    log.write_text("before\n")
    mark = LogMark(log)

    with log.open("a") as more:
        more.write("after\n")

    assert mark.since() == "after\n"


def test_queued_messages_counts_each_push_by_queue(redis_server):
    with QueuedMessages(redis_server.url) as counting:
        with redis.Redis.from_url(redis_server.url) as client:
            client.lpush("users", "a")
            client.lpush("orders.user-events\x06\x166", "b")
            client.rpush("users", "c")
            client.set("not-a-queue", "d")

        counts = heard(counting, expected=3)

    assert counts == {"users": 2, "orders.user-events": 1}


def test_redis_commands_counts_every_command_run(redis_server):
    with redis.Redis.from_url(redis_server.url) as client:
        before = redis_commands(client)
        client.set("a", "1")
        client.get("a")

        after = redis_commands(client)

    assert after - before == 3
