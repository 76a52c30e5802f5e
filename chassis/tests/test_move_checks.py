"""Tests of the rows a move refuses: values the monolith's code never writes."""

import pytest

from chassis.moving.checks import row_problem
from chassis.moving.spec import Table
from chassis.tests.albums.models import Track
from chassis.tests.albums.moving import ALBUMS_MOVE

ALBUMS, TRACKS = ALBUMS_MOVE.tables
STORED_AT = "2026-01-02 03:04:05.000006"
ALBUM = (3, "kob-1", "Kind of Blue", 1, 2, STORED_AT, STORED_AT)


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({0: "11"}, "id '11'"),
        ({0: 0}, "id 0"),
        ({1: 2**63}, f"album_id {2**63}"),
        ({1: 4.0}, "album_id 4.0"),
        ({2: None}, "title None"),
        ({3: "twelve"}, "price 'twelve'"),
        ({3: "1_000"}, "price '1_000'"),
        ({3: "NaN"}, "price 'NaN'"),
        ({3: -1}, "price -1"),
        ({3: None}, "price None"),
        ({3: True}, "price True"),
    ],
    ids=repr,
)
def test_row_problem_names_each_value_of_a_child_that_cannot_move(change, named):
    row = tuple(change.get(index, value) for index, value in enumerate((11, 4, "T", 1)))

    assert row_problem(TRACKS, row) == f"cannot be moved as it is: {named}"


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({3: 2}, "is_public 2"),
        ({3: 1.0}, "is_public 1.0"),
        ({4: 0}, "version 0"),
        ({4: 2**31}, f"version {2**31}"),
        ({4: "2"}, "version '2'"),
        ({5: "yesterday"}, "created_at 'yesterday'"),
        ({6: 20260102}, "updated_at 20260102"),
        ({2: "  ", 4: None}, "title '  ', version None"),
    ],
    ids=repr,
)
def test_row_problem_names_each_value_of_a_parent_that_cannot_move(change, named):
    row = tuple(change.get(index, value) for index, value in enumerate(ALBUM))

    assert row_problem(ALBUMS, row) == f"cannot be moved as it is: {named}"


def test_row_problem_accepts_a_row_as_the_monolith_writes_it():
    assert row_problem(ALBUMS, ALBUM) is None


def test_row_problem_accepts_none_in_a_nullable_column():
    untitled = Table(
        source="albums_track",
        model=Track,
        columns=TRACKS.columns,
        decimals=("price",),
        nullable=("title",),
    )

    assert row_problem(untitled, (11, 4, None, "1.00")) is None


def test_row_problem_checks_a_column_of_ids_that_do_not_move_as_an_id():
    unparented = Table(
        source="albums_track",
        model=Track,
        columns=TRACKS.columns,
        ids=("album_id",),
        decimals=("price",),
    )

    assert row_problem(unparented, (11, "4", "T", "1.00")) == (
        "cannot be moved as it is: album_id '4'"
    )
