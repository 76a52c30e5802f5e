"""The fault tests' checker, on hand-made histories: no process is started."""

from tests.e2e.sync_history import (
    Counts,
    Final,
    Held,
    History,
    OrderSeen,
    duplicated,
    name_step,
    regressions,
    step_name,
)

USER = 7


def held(step: int, version: int, *, is_active: bool = True) -> Held:
    """Return user 7 after their change `step`, at `version`."""
    return Held(
        name=step_name(label="u7", step=step), is_active=is_active, version=version
    )


def order(status: str = "pending", version: int = 1, step: int = 2) -> OrderSeen:
    """Return user 7's order as the edge shows it."""
    name = step_name(label="u7", step=step)
    return OrderSeen(user_id=USER, status=status, version=version, customer_name=name)


def final(replica: Held | None, users: Held | None = None, *orders: OrderSeen) -> Final:
    """Return both sides' state of user 7: users' defaults to the replica's."""
    users = users or replica
    return Final(
        users={} if users is None else {USER: users},
        replica={} if replica is None else {USER: replica},
        orders=list(orders or [order()]),
    )


def acknowledged(*states: Held) -> History:
    """Return a history in which each state of user 7 was acknowledged in turn."""
    history = History()
    for state in states:
        history.acknowledge(user_id=USER, held=state)
    return history


def test_name_step_reads_the_number_a_step_name_carries():
    assert name_step(step_name(label="u12", step=34)) == 34


def test_regressions_count_each_older_reading_after_a_newer():
    assert regressions([0, 1, 3, 2, 3, 1]) == 2


def test_regressions_ignore_a_value_read_again():
    assert regressions([0, 0, 1, 1, 2, 2]) == 0


def test_lost_is_zero_when_the_replica_holds_the_last_acknowledged_change():
    history = acknowledged(held(1, 2), held(2, 3))

    assert history.lost(final(held(2, 3))) == 0


def test_lost_counts_a_replica_left_at_an_older_version():
    history = acknowledged(held(1, 2), held(2, 3))

    assert history.lost(final(held(1, 2), held(2, 3))) == 1


def test_lost_counts_a_replica_with_other_values_at_that_version():
    history = acknowledged(held(2, 3))

    assert history.lost(final(held(1, 3), held(2, 3))) == 1


def test_lost_counts_a_user_missing_from_the_replica():
    history = acknowledged(held(1, 2))

    assert history.lost(final(None, held(1, 2))) == 1


def test_lost_counts_a_deactivation_whose_order_is_still_pending():
    inactive = held(2, 3, is_active=False)
    history = acknowledged(held(2, 2), inactive)

    assert history.lost(final(inactive, inactive, order("pending"))) == 1


def test_lost_takes_the_newest_version_whatever_the_order_of_answers():
    history = acknowledged(held(2, 3), held(1, 2))

    assert history.lost(final(held(1, 2), held(2, 3))) == 1


def test_lost_accepts_a_replica_newer_than_every_acknowledgement():
    history = acknowledged(held(1, 2))

    assert history.lost(final(held(2, 3))) == 0


def test_duplicated_counts_an_order_cancelled_twice():
    inactive = held(2, 3, is_active=False)

    assert duplicated(final(inactive, inactive, order("cancelled", version=3))) == 1


def test_duplicated_counts_a_replica_newer_than_users():
    assert duplicated(final(held(3, 4), held(2, 3))) == 1


def test_duplicated_is_zero_for_one_cancellation_and_a_pending_order():
    inactive = held(2, 3, is_active=False)
    state = final(inactive, inactive, order("cancelled", version=2))

    assert duplicated(state) == 0


def test_converged_when_the_replica_and_orders_match_users():
    assert final(held(2, 3), held(2, 3), order("pending", step=2)).converged()


def test_not_converged_while_an_order_shows_an_older_name():
    assert not final(held(2, 3), held(2, 3), order("pending", step=1)).converged()


def test_not_converged_while_an_inactive_users_order_is_pending():
    inactive = held(2, 3, is_active=False)

    assert not final(inactive, inactive, order("pending")).converged()


def test_not_converged_while_the_replica_is_behind():
    assert not final(held(1, 2), held(2, 3), order(step=2)).converged()


def test_acknowledged_between_counts_by_the_clock_given():
    ticks = iter([1.0, 2.0, 3.0])
    history = History(clock=lambda: next(ticks))
    for step in (1, 2, 3):
        history.acknowledge(user_id=USER, held=held(step, step + 1))

    assert history.acknowledged_between(2.0, 3.0) == 1


def test_counts_are_zero_but_acknowledged_and_reads_for_a_clean_run():
    history = acknowledged(held(1, 2), held(2, 3))
    history.read(names={USER: step_name(label="u7", step=1)})
    history.read(names={USER: step_name(label="u7", step=2)})

    counts = history.counts(final(held(2, 3)))

    assert counts == Counts(
        acknowledged=2, lost=0, duplicated=0, regressions=0, reads=2, reads_failed=0
    )


def test_counts_every_kind_of_fault_in_one_run():
    history = acknowledged(held(1, 2), held(2, 3, is_active=False))
    for step in (2, 1):
        history.read(names={USER: step_name(label="u7", step=step)})
    history.read_failed()
    users = held(2, 3, is_active=False)

    counts = history.counts(final(held(1, 3), users, order("cancelled", version=3)))

    assert counts == Counts(
        acknowledged=2, lost=1, duplicated=1, regressions=1, reads=3, reads_failed=1
    )
