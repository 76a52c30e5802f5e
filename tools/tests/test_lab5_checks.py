"""Lab 5's checks: each fails at stage 4 saying why, passes at stage 5; shortcuts fail.

Until the stage-5-consistency tag exists, stage 5 is this checkout's HEAD
(`stage_or_head`). The shortcuts are stage 5 changed in a line or two: an
If-Match compared before the row is locked, and an order approved by
orders without a reservation in users. Each test starts one or two stacks
with `make run` and takes from half a minute to a minute.
"""

import pytest

from tools.labkit import CheckFailed
from tools.tests.labtrees import change, lab_check, runnable_tree

START, DONE = "stage-4-celery-sync", "stage-5-consistency"
CHECKS = [
    "stale_if_match_is_refused",
    "one_order_per_idempotency_key",
    "credit_invariant_after_a_burst",
]
# What each check says at stage 4, which has none of stage 5's contract.
AT_STAGE_4 = {
    "stale_if_match_is_refused": r"answered 200 with no ETag header",
    "one_order_per_idempotency_key": r"sent again with its Idempotency-Key",
    "credit_invariant_after_a_burst": r'/api/users/ answered 400: .*"credit_limit"',
}


@pytest.mark.parametrize("name", CHECKS)
def test_each_check_fails_at_stage_4_saying_why(tmp_path, redis_binary, name):
    check = lab_check(5, name)

    with pytest.raises(CheckFailed, match=AT_STAGE_4[name]):
        check.run(runnable_tree(tmp_path, START))


@pytest.mark.parametrize("name", CHECKS)
def test_each_check_passes_at_stage_5(tmp_path, redis_binary, name):
    check = lab_check(5, name)

    check.run(runnable_tree(tmp_path, DONE))


def test_an_if_match_compared_before_the_lock_lets_racers_through(
    tmp_path, redis_binary
):
    tree = runnable_tree(tmp_path, DONE)
    apis = "services/users/users/apis.py"
    change(
        tree,
        apis,
        "from users.models import User\n",
        "from users.exceptions import UserVersionMismatch\n"
        "from users.models import User\n",
    )
    change(tree, apis, "if_match=if_match(request), **data", "**data")
    change(
        tree,
        apis,
        "        user = user_update(\n",
        "        tags, read = if_match(request), user_get(user_id=user_id)\n"
        "        if tags and not tags.match_strong(etag_of(read.version)):\n"
        "            raise UserVersionMismatch(user_id=user_id, version=read.version)\n"
        "        user = user_update(\n",
    )
    check = lab_check(5, "stale_if_match_is_refused")

    with pytest.raises(CheckFailed, match=r"answered ([2-9]|10) x 200, "):
        check.run(tree)
    assert "once the row is locked" in check.hint


# Idempotency keys kept in a dict of the process: right for one process
# that never stops, and for no other.
KEYS_IN_MEMORY = """

_MEMORY: dict[tuple[str, str], tuple[str, StoredAnswer | None]] = {}


@dataclass
class _MemoryClaim:
    slot: tuple[str, str]
    fingerprint: str

    def complete(self, *, status_code, body, headers):
        answer = StoredAnswer(status_code, body, headers)
        _MEMORY[self.slot] = (self.fingerprint, answer)

    def release(self):
        _MEMORY.pop(self.slot, None)


def key_claim(*, scope, key, fingerprint):
    held = _MEMORY.setdefault((scope, key), (fingerprint, None))  # atomic in CPython
    if held == (fingerprint, None):
        return _MemoryClaim((scope, key), fingerprint)
    if held[0] != fingerprint:
        raise KeyReused
    if held[1] is None:
        raise KeyInFlight
    return held[1]
"""


def test_idempotency_keys_kept_in_process_memory_fail(tmp_path, redis_binary):
    tree = runnable_tree(tmp_path, DONE)
    keys = tree.path / "chassis" / "idempotency" / "keys.py"
    keys.write_text(keys.read_text() + KEYS_IN_MEMORY)
    check = lab_check(5, "one_order_per_idempotency_key")

    with pytest.raises(
        CheckFailed, match=r"placed \d+ orders \(must be 1\)|stopped and started again"
    ):
        check.run(tree)
    assert "memory" in check.hint


def test_orders_approving_without_a_reservation_in_users_fail(tmp_path, redis_binary):
    tree = runnable_tree(tmp_path, DONE)
    change(
        tree,
        "services/orders/orders/saga.py",
        "return credit.reserve(key=saga.key, user_id=saga.user_id, amount=saga.amount)",
        "return Reservation(key=saga.key, user_id=saga.user_id, "
        'amount=saga.amount, state="held")',
    )
    check = lab_check(5, "credit_invariant_after_a_burst")

    nothing_reserved = r"reserved 0(\.00)?, pending and confirmed orders total [1-9]"
    with pytest.raises(CheckFailed, match=nothing_reserved):
        check.run(tree)
    assert "never orders" in check.hint
