"""Tests of the move's verification: both databases read afresh after the commit.

A trigger created here alters a user as it is inserted, so the copy that
committed is not what the monolith holds: a real corruption, not a mock.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from users.models import User
from users.tests.monolith_files import MONOLITH_USERS, monolith_file

pytestmark = pytest.mark.django_db(transaction=True)

RENAME_ON_INSERT = """
CREATE TRIGGER rename_user_7 AFTER INSERT ON users_user WHEN NEW.id = 7
BEGIN UPDATE users_user SET name = 'Mallory' WHERE id = NEW.id; END
"""


@pytest.fixture
def monolith_db(tmp_path):
    """Return a monolith database file holding three users, as stage 1 left it."""
    return monolith_file(tmp_path / "monolith.sqlite3", MONOLITH_USERS)


def trigger_drop():
    """Remove the trigger: the cause of the corruption, fixed."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS rename_user_7")


@pytest.fixture
def renamed_on_insert():
    """Rename user 7 as it is inserted here, until the test ends."""
    with connection.cursor() as cursor:
        cursor.execute(RENAME_ON_INSERT)
    yield
    trigger_drop()


def move_refused(path):
    """Run the command, expecting a refusal; return its message and its stderr."""
    errors = StringIO()
    with pytest.raises(CommandError) as refusal:
        call_command("users_move_from_monolith", "--from", str(path), stderr=errors)
    return str(refusal.value), errors.getvalue()


@pytest.mark.usefixtures("renamed_on_insert")
def test_a_copy_altered_on_insert_is_refused_naming_the_user(monolith_db):
    message, report = move_refused(monolith_db)

    assert message.startswith("Verification failed: user 7 differs")
    assert "user 7: differs after the copy in name" in report


@pytest.mark.usefixtures("renamed_on_insert")
def test_a_refused_copy_stays_committed_and_says_how_to_recover(monolith_db):
    message, _ = move_refused(monolith_db)

    assert "The copy has committed" in message
    assert "run this command again" in message
    assert User.objects.count() == len(MONOLITH_USERS)
    assert User.objects.get(pk=7).name == "Mallory"


@pytest.mark.usefixtures("renamed_on_insert")
def test_a_rerun_after_a_refused_copy_refuses_the_user_again(monolith_db):
    move_refused(monolith_db)
    trigger_drop()

    _, report = move_refused(monolith_db)

    assert "user 7: differs here in name" in report


@pytest.mark.usefixtures("renamed_on_insert")
def test_a_rerun_after_deleting_the_differing_user_moves_and_verifies_it(
    monolith_db,
):
    move_refused(monolith_db)
    trigger_drop()
    User.objects.filter(pk=7).delete()
    out = StringIO()

    call_command("users_move_from_monolith", "--from", str(monolith_db), stdout=out)

    assert "Moved 1 users; both sides agree." in out.getvalue()
    assert User.objects.get(pk=7).name == "Grace Hopper"
