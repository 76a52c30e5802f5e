"""Tests of users_move_from_monolith on sources stage 1 could not have written.

A monolith file that something else changed must be refused with a report
naming the row and the value, before anything is written, never with a
traceback or a half-done move.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from users.models import User
from users.tests.monolith_files import MONOLITH_USERS, monolith_file

pytestmark = pytest.mark.django_db

ADA = MONOLITH_USERS[0]
# A table without stage 1's constraints, so odd values can be stored.
LOOSE_TABLE = """
CREATE TABLE users_user (
    id, name, email, is_active, version, created_at, updated_at
)
"""


def refused(path):
    """Run the command, expecting a refusal; return what it printed to stderr."""
    errors = StringIO()
    with pytest.raises(CommandError, match="Refused"):
        call_command("users_move_from_monolith", "--from", str(path), stderr=errors)
    return errors.getvalue()


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({1: None}, "name None"),
        ({1: "  "}, "name '  '"),
        ({1: b"\x00"}, "name b'\\x00'"),
        ({3: "false"}, "is_active 'false'"),
        ({4: 0}, "version 0"),
        ({4: "one"}, "version 'one'"),
        ({4: 1.5}, "version 1.5"),
        ({5: "yesterday"}, "created_at 'yesterday'"),
        ({5: None}, "created_at None"),
        ({0: "abc"}, "id 'abc'"),
    ],
    ids=repr,
)
def test_a_row_stage_1_could_not_write_is_refused_naming_it(tmp_path, change, named):
    odd = tuple(change.get(index, value) for index, value in enumerate(ADA))
    path = monolith_file(
        tmp_path / "m.sqlite3", [odd, *MONOLITH_USERS[1:]], LOOSE_TABLE
    )

    report = refused(path)

    assert "cannot be moved as it is" in report
    assert named in report
    assert User.objects.count() == 0


def test_two_monolith_users_with_one_email_are_refused(tmp_path):
    twin = (40, "Ada Twin", "ADA@example.com", 1, 1, ADA[5])
    path = monolith_file(tmp_path / "m.sqlite3", [*MONOLITH_USERS, twin])

    report = refused(path)

    assert "user 40: its email is also user 3's in the monolith" in report
    assert User.objects.count() == 0
