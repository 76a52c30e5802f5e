"""Tests of a move through its command: parents then children, planned and verified."""

import shutil
import sqlite3
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from chassis.tests.albums.models import Album, Track
from chassis.tests.albums.sources import TRACKS, source_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(tmp_path):
    """Return a monolith database file holding two albums and three tracks."""
    return source_file(tmp_path / "monolith.sqlite3")


def move(path, *extra):
    """Run the command; return what it printed."""
    out = StringIO()
    call_command("albums_move_from_monolith", "--from", str(path), *extra, stdout=out)
    return out.getvalue()


def refused(path):
    """Run the command, expecting a refusal; return what it printed to stderr."""
    errors = StringIO()
    with pytest.raises(CommandError, match="Refused"):
        call_command("albums_move_from_monolith", "--from", str(path), stderr=errors)
    return errors.getvalue()


def test_move_keeps_the_parents_ids_versions_and_timestamps(source):
    move(source)

    moved = Album.objects.order_by("id")
    assert [(a.pk, a.code, a.is_public, a.version) for a in moved] == [
        (4, "kob-1", True, 1),
        (9, "BT-2", False, 3),
    ]
    assert moved[0].created_at.isoformat() == "2026-01-02T03:04:05.000006+00:00"


def test_move_keeps_the_childrens_ids_parents_and_prices(source):
    move(source)

    moved = Track.objects.order_by("id").values_list("pk", "album_id", "price")
    assert list(moved) == [
        (11, 4, Decimal("12.50")),
        (12, 4, Decimal("9.00")),
        (15, 9, Decimal("0.99")),
    ]


def test_move_continues_every_tables_ids_above_the_highest_moved_one(source):
    move(source)

    now = timezone.now()
    album = Album.objects.create(
        code="new", title="New", created_at=now, updated_at=now
    )
    track = Track.objects.create(album=album, title="New", price=Decimal("1.00"))

    assert (album.pk > 9, track.pk > 15) == (True, True)


def test_move_prints_each_tables_counts_and_matching_checksums(source):
    output = move(source)

    lines = [line.split() for line in output.splitlines() if "checksum" in line]
    assert [(words[1], words[2], words[-1]) for words in lines[::2]] == [
        ("2", "albums", lines[1][-1]),
        ("3", "tracks", lines[3][-1]),
    ]
    assert "Moved 2 albums and 3 tracks; both sides agree." in output


def test_move_run_again_moves_nothing_and_says_so(source):
    move(source)

    output = move(source)

    assert "Nothing to move: all 2 albums and 3 tracks are here." in output
    assert (Album.objects.count(), Track.objects.count()) == (2, 3)


def test_move_dry_run_reports_and_writes_nothing(source):
    output = move(source, "--dry-run")

    assert "Dry run: 2 albums and 3 tracks would move." in output
    assert (Album.objects.count(), Track.objects.count()) == (0, 0)


def test_move_refuses_an_orphan_child_before_writing_anything(tmp_path):
    orphan = (16, "Lost", "1.00", 99)
    path = source_file(tmp_path / "m.sqlite3", tracks=[*TRACKS, orphan])

    report = refused(path)

    assert "track 16: its album 99 is not in the monolith" in report
    assert (Album.objects.count(), Track.objects.count()) == (0, 0)


def test_move_refuses_a_child_whose_parent_differs_here(source):
    move(source)
    Album.objects.filter(pk=9).update(title="Blue Train (remastered)")
    Track.objects.filter(pk=15).delete()

    report = refused(source)

    assert "album 9: differs here in title" in report
    assert "track 15: its album 9 cannot move" in report
    assert not Track.objects.filter(pk=15).exists()


def test_move_refuses_a_bad_value_in_a_child_before_writing_anything(tmp_path):
    odd = (16, "Odd", "twelve", 9)
    path = source_file(tmp_path / "m.sqlite3", tracks=[*TRACKS, odd], loose=True)

    report = refused(path)

    assert "track 16: cannot be moved as it is: price 'twelve'" in report
    assert (Album.objects.count(), Track.objects.count()) == (0, 0)


def test_move_copies_a_decimal_stored_as_text_and_verifies_it(tmp_path):
    path = source_file(tmp_path / "m.sqlite3", loose=True)

    output = move(path)

    assert "Moved 2 albums and 3 tracks; both sides agree." in output
    assert Track.objects.get(pk=11).price == Decimal("12.50")


def test_move_leaves_rows_created_here_since_alone(source):
    move(source)
    album = Album.objects.get(pk=4)
    Track.objects.create(album=album, title="Blue in Green", price=Decimal("2.00"))

    output = move(source)

    assert "Nothing to move" in output
    assert Track.objects.count() == len(TRACKS) + 1


def test_move_copies_only_the_missing_children_and_verifies_those(source):
    move(source)
    Track.objects.filter(pk=12).delete()

    output = move(source)

    assert "Monolith: 3 tracks. Already here: 2, changed here since: 0." in output
    assert "Monolith: 1 tracks to copy" in output
    assert "Moved 1 tracks; both sides agree." in output
    assert Track.objects.get(pk=12).price == Decimal("9.00")


def test_move_refuses_an_older_version_of_a_moved_parent(source):
    move(source)
    Album.objects.filter(pk=9).update(version=2, title="Blue Train (mono)")

    report = refused(source)

    assert "album 9: differs here in title, version" in report


def test_move_refuses_a_moved_parent_that_differs_at_the_same_version(source):
    move(source)
    Album.objects.filter(pk=9).update(title="Blue Train (mono)")

    report = refused(source)

    assert "album 9: differs here in title" in report


@pytest.mark.parametrize("kind", ["not-a-database", "missing-column"])
def test_a_file_that_cannot_be_read_is_refused_saying_why(tmp_path, kind):
    path = tmp_path / "m.sqlite3"
    if kind == "not-a-database":
        path.write_bytes(b"this is not SQLite" * 100)
    else:
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE albums_album (id integer, code text)")
        connection.close()

    with pytest.raises(CommandError, match="cannot read albums from"):
        call_command("albums_move_from_monolith", "--from", str(path))

    assert Album.objects.count() == 0


def test_a_file_without_the_child_table_is_refused_naming_it(tmp_path):
    path = source_file(tmp_path / "m.sqlite3")
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE albums_track")
    connection.close()

    with pytest.raises(CommandError, match=r"cannot read tracks from .*albums_track"):
        call_command("albums_move_from_monolith", "--from", str(path))

    assert Album.objects.count() == 0


@pytest.mark.parametrize("kind", ["missing", "no-table"])
def test_move_without_a_monolith_database_has_nothing_to_move(tmp_path, kind):
    path = tmp_path / "monolith.sqlite3"
    if kind == "no-table":
        sqlite3.connect(path).close()

    output = move(path)

    assert output.startswith("Nothing to move:")


@pytest.mark.parametrize(
    "name", ["mono#1.sqlite3", "mono?1.sqlite3", "mono%41.sqlite3"]
)
def test_a_path_with_uri_characters_is_read_as_a_path(tmp_path, name):
    source_file(tmp_path / "plain.sqlite3")
    odd = tmp_path / name
    shutil.copy(tmp_path / "plain.sqlite3", odd)

    output = move(odd)

    assert "Moved 2 albums and 3 tracks; both sides agree." in output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["plain.sqlite3", name])
