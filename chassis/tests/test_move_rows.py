"""Tests of the rows a move compares: canonical form, checksum, comparison."""

from datetime import datetime
from decimal import Decimal

import pytest

from chassis.moving.rows import canonical, checksum, rows_compare
from chassis.tests.albums.moving import ALBUMS_MOVE

ALBUMS, TRACKS = ALBUMS_MOVE.tables

# One album as each database's driver reads it: the sqlite3 module reads the
# monolith's file as integers and text, Django a service's as bools and
# naive datetimes.
STORED_AT = "2026-01-02 03:04:05.000006"
FROM_MONOLITH = (3, "kob-1", "Kind of Blue", 1, 2, STORED_AT, STORED_AT)
CREATED = datetime(2026, 1, 2, 3, 4, 5, 6)
FROM_SERVICE = (3, "kob-1", "Kind of Blue", True, 2, CREATED, CREATED)


def test_canonical_undoes_the_drivers_spellings():
    assert canonical(ALBUMS, FROM_MONOLITH) == canonical(ALBUMS, FROM_SERVICE)


def test_canonical_writes_timestamps_in_utc():
    assert canonical(ALBUMS, FROM_SERVICE)[5] == "2026-01-02T03:04:05.000006+00:00"


def test_canonical_keeps_a_flag_that_is_neither_1_nor_0():
    odd = (*FROM_MONOLITH[:3], 2, *FROM_MONOLITH[4:])

    assert canonical(ALBUMS, odd) != canonical(ALBUMS, FROM_SERVICE)


def test_canonical_keeps_a_number_stored_as_text():
    odd = (*FROM_MONOLITH[:4], "2", *FROM_MONOLITH[5:])

    assert canonical(ALBUMS, odd) != canonical(ALBUMS, FROM_MONOLITH)


@pytest.mark.parametrize("price", ["12.50", "12.5", 12.5, Decimal("12.50"), " 12.5"])
def test_canonical_reads_a_decimal_however_it_is_stored(price):
    assert canonical(TRACKS, (1, 4, "So What", price)) == (
        1,
        4,
        "So What",
        Decimal("12.5"),
    )


@pytest.mark.parametrize(("one", "other"), [("12", 12), ("0.00", 0), ("-0", "0")])
def test_canonical_makes_one_value_of_equal_decimals(one, other):
    assert canonical(TRACKS, (1, 4, "T", one)) == canonical(TRACKS, (1, 4, "T", other))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("12.505", 12.5),
        ("12.51", "12.50"),
        ("1.0000000000000000000000000000001", 1),
    ],
)
def test_canonical_compares_decimals_exactly(one, other):
    assert canonical(TRACKS, (1, 4, "T", one)) != canonical(TRACKS, (1, 4, "T", other))


def test_checksum_does_not_depend_on_the_order_rows_are_read_in():
    other = (7, "bt-2", "Blue Train", 0, 4, *FROM_MONOLITH[5:])

    assert checksum(ALBUMS, [FROM_MONOLITH, other]) == checksum(
        ALBUMS, [other, FROM_MONOLITH]
    )


def test_checksum_is_the_same_for_both_drivers_spellings():
    assert checksum(ALBUMS, [FROM_MONOLITH]) == checksum(ALBUMS, [FROM_SERVICE])


def test_checksum_is_the_same_for_a_decimal_as_text_and_as_a_number():
    assert checksum(TRACKS, [(1, 4, "T", "12.50")]) == checksum(
        TRACKS, [(1, 4, "T", 12.5)]
    )


def test_rows_compare_agrees_on_the_same_row():
    comparison = rows_compare(
        table=ALBUMS, source=[FROM_MONOLITH], target=[FROM_SERVICE]
    )

    assert comparison.agree


def test_rows_compare_names_a_row_missing_here():
    comparison = rows_compare(table=ALBUMS, source=[FROM_MONOLITH], target=[])

    assert comparison.differences == {3: "is missing here"}


def test_rows_compare_names_the_columns_that_differ():
    renamed = (3, "kob-1", "Mallory", True, 2, CREATED, CREATED)

    comparison = rows_compare(table=ALBUMS, source=[FROM_MONOLITH], target=[renamed])

    assert comparison.differences == {3: "differs after the copy in title"}
    assert comparison.source_checksum != comparison.target_checksum
