"""The two-phase commit demo, run for real: prepared, blocked, recovered.

It needs a PostgreSQL that allows prepared transactions: the configured
one, or a private one the demo starts. Where neither can be had, the test
is skipped, saying what to install.
"""

from decimal import Decimal

import pytest

from tools.demo_2pc import demo
from tools.postgres import NoPostgres, two_phase_server


@pytest.fixture(scope="module")
def outcome():
    """Run the demo once; skip, saying why, without a PostgreSQL to run it on."""
    try:
        with two_phase_server() as server:
            return demo(server)
    except NoPostgres as exc:
        pytest.skip(f"the two-phase commit demo needs PostgreSQL: {exc}")


def test_a_move_in_two_phases_changes_both_databases(outcome):
    assert outcome.balances[0] == (Decimal("70.00"), Decimal("30.00"))


def test_a_dead_coordinator_leaves_the_move_prepared_in_both_databases(outcome):
    assert outcome.prepared_after_kill == {
        "twophase_a": ["move-2@twophase_a"],
        "twophase_b": ["move-2@twophase_b"],
    }
    assert "RowExclusiveLock on relation credit" in outcome.locks_after_kill


def test_a_prepared_move_blocks_writers_and_hides_from_readers(outcome):
    assert outcome.writer_blocked
    assert outcome.balances[1] == (Decimal("70.00"), Decimal("30.00"))


def test_a_blocked_writer_waits_in_pg_locks_for_the_prepared_transaction(outcome):
    waiting = outcome.writer_waiting

    assert waiting is not None, "the writer's ungranted lock was never seen"
    assert (waiting.locktype, waiting.mode, waiting.granted) == (
        "transactionid",
        "ShareLock",
        False,
    )
    assert waiting.held_by == "move-2@twophase_a"
    held = f"ExclusiveLock on transactionid {waiting.transaction}"
    assert held in outcome.locks_after_kill


def test_committing_the_prepared_move_by_hand_completes_it(outcome):
    assert outcome.prepared_after_recovery == 0
    assert outcome.balances[2] == (Decimal("50.00"), Decimal("50.00"))


def test_the_blocked_writer_goes_through_at_once_after_the_commit(outcome):
    retry = outcome.retry

    assert retry.went_through
    assert retry.ms < 1000, f"the retried write took {retry.ms:.0f} ms"
