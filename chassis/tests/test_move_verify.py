"""Tests of a move's verification across tables: both databases read after the commit.

Triggers created here alter rows as they are inserted, so the copy that
committed is not what the monolith holds: a real corruption, not a mock.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from chassis.tests.albums.models import Album, Track
from chassis.tests.albums.sources import ALBUMS, TRACKS, source_file

pytestmark = pytest.mark.django_db(transaction=True)

REPRICE_ON_INSERT = """
CREATE TRIGGER reprice_track_12 AFTER INSERT ON albums_track WHEN NEW.id = 12
BEGIN UPDATE albums_track SET price = 9.01 WHERE id = NEW.id; END
"""
RENAME_ON_INSERT = """
CREATE TRIGGER rename_album_9 AFTER INSERT ON albums_album WHEN NEW.id = 9
BEGIN UPDATE albums_album SET title = 'Mallory' WHERE id = NEW.id; END
"""


@pytest.fixture
def source(tmp_path):
    """Return a monolith database file holding two albums and three tracks."""
    return source_file(tmp_path / "monolith.sqlite3")


def triggers_drop():
    """Remove the triggers: the cause of the corruption, fixed."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS reprice_track_12")
        cursor.execute("DROP TRIGGER IF EXISTS rename_album_9")


@pytest.fixture
def repriced_on_insert():
    """Reprice track 12 as it is inserted here, until the test ends."""
    with connection.cursor() as cursor:
        cursor.execute(REPRICE_ON_INSERT)
    yield
    triggers_drop()


@pytest.fixture
def renamed_on_insert():
    """Rename album 9 as it is inserted here, until the test ends."""
    with connection.cursor() as cursor:
        cursor.execute(RENAME_ON_INSERT)
    yield
    triggers_drop()


def move_refused(path):
    """Run the command, expecting a refusal; return its message and its stderr."""
    errors = StringIO()
    with pytest.raises(CommandError) as refusal:
        call_command("albums_move_from_monolith", "--from", str(path), stderr=errors)
    return str(refusal.value), errors.getvalue()


@pytest.mark.usefixtures("repriced_on_insert")
def test_a_child_altered_on_insert_is_refused_naming_it(source):
    message, report = move_refused(source)

    assert message.startswith("Verification failed: track 12 differs")
    assert "track 12: differs after the copy in price" in report


@pytest.mark.usefixtures("repriced_on_insert", "renamed_on_insert")
def test_a_parent_and_a_child_altered_on_insert_are_both_named(source):
    message, report = move_refused(source)

    assert message.startswith("Verification failed: album 9 and track 12 differ")
    assert "album 9: differs after the copy in title" in report


@pytest.mark.usefixtures("repriced_on_insert")
def test_a_refused_copy_stays_committed_and_says_how_to_recover(source):
    message, _ = move_refused(source)

    assert "the 2 copied albums and 3 copied tracks stay" in message
    assert (
        '"from chassis.tests.albums.models import Track; '
        'Track.objects.filter(pk__in=[12]).delete()"'
    ) in message
    assert (Album.objects.count(), Track.objects.count()) == (len(ALBUMS), len(TRACKS))


@pytest.mark.usefixtures("repriced_on_insert")
def test_a_rerun_after_a_refused_copy_refuses_the_child_again(source):
    move_refused(source)
    triggers_drop()

    _, report = move_refused(source)

    assert "track 12: differs here in price" in report


@pytest.mark.usefixtures("renamed_on_insert")
def test_a_rerun_after_deleting_the_differing_parent_moves_it_with_its_children(
    source,
):
    move_refused(source)
    triggers_drop()
    Album.objects.filter(pk=9).delete()
    out = StringIO()

    call_command("albums_move_from_monolith", "--from", str(source), stdout=out)

    assert "Moved 1 albums and 1 tracks; both sides agree." in out.getvalue()
    assert Track.objects.get(pk=15).album.title == "Blue Train"
