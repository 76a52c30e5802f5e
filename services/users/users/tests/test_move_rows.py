"""Tests of the rows a move compares: canonical form, checksum, comparison."""

from datetime import datetime

from users.move_rows import canonical, checksum, rows_compare

# One user as each database's driver reads it: the sqlite3 module reads the
# monolith's file as integers and text, Django this service's as bools and
# naive datetimes.
STORED_AT = "2026-01-02 03:04:05.000006"
FROM_MONOLITH = (3, "Ada", "ada@example.com", 1, 2, STORED_AT, STORED_AT)
CREATED = datetime(2026, 1, 2, 3, 4, 5, 6)
FROM_SERVICE = (3, "Ada", "ada@example.com", True, 2, CREATED, CREATED)


def test_canonical_undoes_the_drivers_spellings():
    assert canonical(FROM_MONOLITH) == canonical(FROM_SERVICE)


def test_canonical_writes_timestamps_in_utc():
    assert canonical(FROM_SERVICE)[5] == "2026-01-02T03:04:05.000006+00:00"


def test_canonical_keeps_a_flag_that_is_neither_1_nor_0():
    odd = (*FROM_MONOLITH[:3], 2, *FROM_MONOLITH[4:])

    assert canonical(odd) != canonical(FROM_SERVICE)


def test_canonical_keeps_a_number_stored_as_text():
    odd = (*FROM_MONOLITH[:4], "2", *FROM_MONOLITH[5:])

    assert canonical(odd) != canonical(FROM_MONOLITH)


def test_checksum_does_not_depend_on_the_order_rows_are_read_in():
    other = (7, "Grace", "grace@example.com", 0, 4, *FROM_MONOLITH[5:])

    assert checksum([FROM_MONOLITH, other]) == checksum([other, FROM_MONOLITH])


def test_checksum_is_the_same_for_both_drivers_spellings():
    assert checksum([FROM_MONOLITH]) == checksum([FROM_SERVICE])


def test_rows_compare_agrees_on_the_same_user():
    comparison = rows_compare(monolith=[FROM_MONOLITH], service=[FROM_SERVICE])

    assert comparison.agree


def test_rows_compare_names_a_user_missing_here():
    comparison = rows_compare(monolith=[FROM_MONOLITH], service=[])

    assert comparison.differences == {3: "is missing here"}


def test_rows_compare_names_the_columns_that_differ():
    renamed = (3, "Mallory", "ada@example.com", True, 2, CREATED, CREATED)

    comparison = rows_compare(monolith=[FROM_MONOLITH], service=[renamed])

    assert comparison.differences == {3: "differs after the copy in name"}
    assert comparison.monolith_checksum != comparison.service_checksum
