"""`make sync-status`: how the sync from users to orders stands, for a learner.

It asks each service's database through its own manage.py (so it answers
while a service's web process is down) and Redis for its queues: the
outbox's backlog, each queue's depth (the subscribers' queues are those
bound to users' exchange), orders' cursor in the changes feed and how far
it lags, the last reconciliation and the dead letters. See
docs/04-celery-sync.md, "Watching the sync".
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import redis

REPO = Path(__file__).resolve().parents[1]
EXCHANGE_BINDINGS = "_kombu.binding.users.events"
# kombu stores each binding as "routing key", "pattern", "queue", joined so.
BINDING_SEPARATOR = "\x06\x16"


def _manage(service: str, command: str) -> dict[str, object]:
    """Run a service's status command with --json and return what it printed."""
    result = subprocess.run(
        [sys.executable, f"services/{service}/manage.py", command, "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    data: dict[str, object] = json.loads(result.stdout)
    return data


def _queues(url: str) -> dict[str, int]:
    """Return each queue's depth: the services' own and every bound subscriber's."""
    client = redis.Redis.from_url(
        url, socket_connect_timeout=2, socket_timeout=2, decode_responses=True
    )
    members = client.smembers(EXCHANGE_BINDINGS)
    bound = {str(member).split(BINDING_SEPARATOR)[-1] for member in members}
    names = ["users", "orders", *sorted(bound)]
    return {name: int(client.llen(name)) for name in names}


def _print_queues(url: str) -> None:
    """Print each queue's depth, or why Redis cannot be read."""
    try:
        queues = _queues(url)
    except redis.RedisError as exc:
        print(f"Redis at {url}:  cannot be read ({exc})")
        return
    print(f"Queues at {url}:")
    for name, depth in queues.items():
        print(f"  {name:<24}{depth} messages waiting")


def _print_replica(replica: dict[str, object], *, outbox: dict[str, object]) -> None:
    """Print orders' cursor and how far it lags, its last run and dead letters."""
    lag = int(str(outbox["head"])) - int(str(replica["cursor"]))
    print(
        f"Replica (orders): {replica['customers']} customers of "
        f"{outbox['users']} users; feed cursor {replica['cursor']} "
        f"({max(lag, 0)} changes behind users)"
    )
    print(
        f"Reconciliation:   last run {replica['last_run_at'] or 'never'}, "
        f"repaired {replica['last_repaired']} (in all {replica['repaired_total']})"
    )
    print(f"Dead letters:     {replica['dead_letters_waiting']} waiting")
    letters = replica["dead_letters"]
    for letter in letters if isinstance(letters, list) else []:
        print(f"  {letter['id']}: {letter['reason']}")


def main() -> int:
    """Print the status of the outbox, the queues and the replica."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    outbox = _manage("users", "outbox_status")
    replica = _manage("orders", "sync_status")
    print(
        f"Outbox (users):   {outbox['waiting']} events waiting to be published, "
        f"oldest {float(str(outbox['oldest_age'])):.1f} s; newest sequence "
        f"{outbox['head']}"
    )
    _print_queues(url)
    _print_replica(replica, outbox=outbox)
    return 0


if __name__ == "__main__":
    sys.exit(main())
