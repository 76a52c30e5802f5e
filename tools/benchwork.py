"""The work a change costs a stack in the sync bench: broker messages, users' requests.

Messages: every Celery task message is put on a queue in Redis by one
LPUSH (RPUSH when Redis's transport puts an unacknowledged message back).
The stack's own Redis publishes a keyevent notification for each, naming
the queue, and `QueuedMessages` counts them per queue while a step runs:
the relay's nudges and beat's sweeps on `users`, users' events on
`orders.user-events`, reconciliation on `orders`. Workers' heartbeats
(pub/sub) are not messages on a queue and are not counted; INFO's
commandstats gives every command Redis ran, acknowledgements and polling
included.

Requests: the users service's gunicorn logs every request it answers, and
`make run`'s runner (tools/run.py) copies each line into the stack's log
prefixed with the process's name (`users`; honcho, at stage 3, wrote
`users.1`). The lines a step adds are read back; its writes (PATCH)
are counted apart from what the sync asked for (lookups, feed pages).
"""

import re
import threading
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import Self

import redis
from redis.client import PubSub, PubSubWorkerThread

# Redis's keyevent channels for the two commands that put a message on a list.
QUEUED = ("__keyevent@0__:lpush", "__keyevent@0__:rpush")
# Redis's transport keeps a queue's messages of priority n under `<queue>\x06\x16n`.
PRIORITY_SEPARATOR = "\x06\x16"
# The runner's line: time, the process's name, "|", then gunicorn's access log line
# (chassis/gunicorn.py: `%(h)s "%(r)s" %(s)s %(b)s %(M)sms`).
USERS_REQUEST = re.compile(
    r'^\S+ users(?:\.\d+)?\s*\| \S+ "(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[0-9.]+"'
)
USER_DETAIL = re.compile(r"/api/users/[0-9]+/")


def queue_of(key: str) -> str:
    """Return the queue a Redis list key holds messages of, whatever their priority."""
    return key.partition(PRIORITY_SEPARATOR)[0]


def request_kind(*, method: str, path: str) -> str:
    """Name what a request to the users service was: a write, a lookup, a feed page."""
    if method != "GET":
        return "writes"
    route = path.partition("?")[0]
    if route == "/internal/changes/":
        return "feed pages"
    if USER_DETAIL.fullmatch(route):
        return "lookups"
    return "other reads"


def users_requests(log: str) -> Counter[str]:
    """Count the users service's requests in a stack's log, by kind."""
    kinds: Counter[str] = Counter()
    for line in log.splitlines():
        found = USERS_REQUEST.match(line)
        if found is not None:
            kinds[request_kind(method=found["method"], path=found["path"])] += 1
    return kinds


class LogMark:
    """A place in a growing log file, to read what was written after it."""

    def __init__(self, path: Path) -> None:
        """Mark the log's current end."""
        self.path = path
        self.offset = path.stat().st_size

    def since(self) -> str:
        """Return what the log gained since the mark."""
        with self.path.open("rb") as log:
            log.seek(self.offset)
            return log.read().decode(errors="replace")


def redis_commands(client: redis.Redis) -> int:
    """Return how many commands Redis has run since it started, of every kind."""
    stats = client.info("commandstats")
    return sum(int(figures["calls"]) for figures in stats.values())


class QueuedMessages:
    """Count the messages put on each queue of one Redis, from its keyevents."""

    def __init__(self, url: str) -> None:
        """Listen to the Redis at the URL once entered."""
        self.client = redis.Redis.from_url(url)
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._pubsub = PubSub(
            self.client.connection_pool, ignore_subscribe_messages=True
        )
        self._thread: PubSubWorkerThread | None = None

    def counts(self) -> Counter[str]:
        """Return how many messages each queue was given so far."""
        with self._lock:
            return Counter(self._counts)

    def _heard(self, message: dict[str, bytes]) -> None:
        """Count one message put on a queue; the notification's data is the key."""
        with self._lock:
            self._counts[queue_of(message["data"].decode())] += 1

    def __enter__(self) -> Self:
        """Ask Redis for list keyevents (`El`), and count them in a thread."""
        self.client.config_set("notify-keyspace-events", "El")
        self._pubsub.subscribe(**dict.fromkeys(QUEUED, self._heard))
        self._thread = self._pubsub.run_in_thread(sleep_time=0.05, daemon=True)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop listening and close the connections."""
        if self._thread is not None:
            self._thread.stop()
            self._thread.join(timeout=5)
        self._pubsub.close()
        self.client.close()
