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


def test_committing_the_prepared_move_by_hand_completes_it(outcome):
    assert outcome.prepared_after_recovery == 0
    assert outcome.balances[2] == (Decimal("50.00"), Decimal("50.00"))
