"""Tests of a move's plan across a foreign key: a child moves only with its parent."""

from chassis.moving.plan import Conflict, move_plan
from chassis.tests.albums.moving import ALBUMS_MOVE

STORED_AT = "2026-01-02 03:04:05.000006"
ALBUM = (4, "kob-1", "Kind of Blue", 1, 1, STORED_AT, STORED_AT)
TRACK = (11, 4, "So What", "12.50")


def planned(albums, tracks, *, albums_here=(), tracks_here=()):
    """Plan a move of these monolith rows against these rows here."""
    source = {"albums_album": list(albums), "albums_track": list(tracks)}
    target = {"albums_album": list(albums_here), "albums_track": list(tracks_here)}
    return move_plan(move=ALBUMS_MOVE, source=source, target=target)


def test_a_parent_and_its_children_are_planned_to_move_together():
    plan = planned([ALBUM], [TRACK])

    assert [table_plan.ids_to_move() for table_plan in plan.tables] == [[4], [11]]


def test_a_child_whose_parent_is_here_moves_alone():
    plan = planned([ALBUM], [TRACK], albums_here=[ALBUM])

    assert plan.tables[1].ids_to_move() == [11]
    assert not plan.conflicts


def test_a_child_whose_parent_is_not_in_the_monolith_is_a_conflict():
    plan = planned([], [TRACK])

    assert plan.conflicts == [Conflict(11, "its album 4 is not in the monolith")]


def test_a_child_whose_parent_is_here_but_not_in_the_monolith_is_a_conflict():
    plan = planned([], [TRACK], albums_here=[ALBUM])

    assert plan.conflicts == [Conflict(11, "its album 4 is not in the monolith")]


def test_a_child_whose_parent_cannot_move_is_a_conflict_too():
    renamed = (4, "kob-1", "Kind of Green", 1, 1, STORED_AT, STORED_AT)

    plan = planned([ALBUM], [TRACK], albums_here=[renamed])

    assert plan.conflicts == [
        Conflict(4, "differs here in title"),
        Conflict(11, "its album 4 cannot move"),
    ]


def test_a_child_without_a_version_is_here_only_when_identical():
    plan = planned([ALBUM], [TRACK], albums_here=[ALBUM], tracks_here=[TRACK])

    assert plan.tables[1].already_here == [11]


def test_a_child_without_a_version_that_differs_here_is_a_conflict():
    repriced = (11, 4, "So What", "13.00")

    plan = planned([ALBUM], [TRACK], albums_here=[ALBUM], tracks_here=[repriced])

    assert plan.conflicts == [Conflict(11, "differs here in price")]


def test_a_parent_changed_here_since_keeps_its_children_movable():
    changed = (4, "kob-1", "Kind of Green", 0, 2, STORED_AT, "2026-05-06 07:08:09")

    plan = planned([ALBUM], [TRACK], albums_here=[changed])

    assert plan.tables[0].changed_here == [4]
    assert plan.tables[1].ids_to_move() == [11]


def test_a_unique_value_taken_here_whatever_its_case_is_a_conflict():
    other = (30, "KOB-1", "Another", 1, 1, STORED_AT, STORED_AT)

    plan = planned([ALBUM], [], albums_here=[other])

    assert plan.conflicts == [Conflict(4, "its code belongs to album 30 here")]


def test_a_unique_value_twice_in_the_monolith_is_a_conflict():
    twin = (30, "KOB-1", "Another", 1, 1, STORED_AT, STORED_AT)

    plan = planned([ALBUM, twin], [])

    assert plan.conflicts == [
        Conflict(30, "its code is also album 4's in the monolith")
    ]
