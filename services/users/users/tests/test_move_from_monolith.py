"""Tests of users_move_from_monolith: the database split, planned and verified.

What the chassis' mover does for any table is tested with the chassis
(chassis/tests/test_move_*.py); these test the users move through it.
"""

import sqlite3
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from users.models import User
from users.services import user_deactivate, user_update
from users.tests.factories import UserFactory
from users.tests.monolith_files import MONOLITH_USERS, monolith_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def monolith_db(tmp_path):
    """Return a monolith database file holding three users, as stage 1 left it."""
    return monolith_file(tmp_path / "monolith.sqlite3", MONOLITH_USERS)


def move(path, *extra):
    """Run the command; return what it printed."""
    out = StringIO()
    call_command("users_move_from_monolith", "--from", str(path), *extra, stdout=out)
    return out.getvalue()


def test_move_keeps_ids_emails_versions_and_timestamps(monolith_db):
    move(monolith_db)

    moved = User.objects.order_by("id")
    assert [(u.pk, u.email, u.is_active, u.version) for u in moved] == [
        (3, "ada@example.com", True, 1),
        (7, "grace@example.com", False, 4),
        (12, "Alan@example.com", True, 2),
    ]
    assert moved[0].created_at.isoformat() == "2026-01-02T03:04:05.000006+00:00"
    assert moved[0].updated_at == moved[0].created_at


def test_move_prints_counts_and_matching_checksums(monolith_db):
    output = move(monolith_db)

    lines = [line for line in output.splitlines() if "checksum" in line]
    assert len(lines) == 2
    assert lines[0].split()[-1] == lines[1].split()[-1]
    assert "Moved 3 users; both sides agree." in output


def test_move_run_again_moves_nothing_and_says_so(monolith_db):
    move(monolith_db)

    output = move(monolith_db)

    assert "Nothing to move: all 3 users are here." in output
    assert User.objects.count() == 3


def test_move_dry_run_reports_and_writes_nothing(monolith_db):
    output = move(monolith_db, "--dry-run")

    assert "Dry run: 3 users would move." in output
    assert User.objects.count() == 0


def test_move_refuses_a_user_that_differs_here_and_writes_nothing(monolith_db):
    UserFactory(id=7, name="Someone else", email="grace@example.com")
    errors = StringIO()

    with pytest.raises(CommandError, match="nothing was moved"):
        call_command(
            "users_move_from_monolith", "--from", str(monolith_db), stderr=errors
        )

    assert "user 7: differs here in name" in errors.getvalue()
    assert User.objects.count() == 1


def test_move_refuses_an_email_another_user_has_here(monolith_db):
    UserFactory(id=40, email="ADA@example.com")
    errors = StringIO()

    with pytest.raises(CommandError):
        call_command(
            "users_move_from_monolith", "--from", str(monolith_db), stderr=errors
        )

    assert "user 3: its email belongs to user 40 here" in errors.getvalue()


def test_move_leaves_users_changed_here_since_alone(monolith_db):
    move(monolith_db)
    user_update(user_id=3, name="Ada King")
    user_deactivate(user_id=12)

    output = move(monolith_db)

    assert "Already here: 1, changed here since: 2. To move: 0." in output
    names = dict(User.objects.values_list("pk", "name"))
    assert names == {3: "Ada King", 7: "Grace Hopper", 12: "Alan Turing"}
    assert not User.objects.get(pk=12).is_active


@pytest.mark.parametrize("kind", ["missing", "no-table"])
def test_move_without_a_monolith_database_has_nothing_to_move(tmp_path, kind):
    path = tmp_path / "monolith.sqlite3"
    if kind == "no-table":
        sqlite3.connect(path).close()

    output = move(path)

    assert output.startswith("Nothing to move:")
