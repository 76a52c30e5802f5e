"""Tests of the users app's writes: create, update and deactivate."""

import pytest

from users.exceptions import UserEmailTaken, UserInvalid, UserNotFound
from users.models import OutboxEvent, User
from users.services import user_create, user_deactivate, user_update
from users.tasks import relay_soon
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_user_create_makes_an_active_user_at_version_one():
    user = user_create(name="Ann", email="ann@example.com")

    user.refresh_from_db()
    assert (user.name, user.email) == ("Ann", "ann@example.com")
    assert user.is_active is True
    assert user.version == 1


def test_user_create_rejects_email_taken_in_another_case():
    UserFactory(email="ann@example.com")

    with pytest.raises(UserEmailTaken) as exc_info:
        user_create(name="Ann", email="ANN@example.com")

    assert exc_info.value.field == "email"
    assert User.objects.count() == 1


def test_user_create_rejects_non_ascii_case_variant_of_taken_email():
    UserFactory(email="ann@éxample.com")

    with pytest.raises(UserEmailTaken):
        user_create(name="Ann", email="ann@Éxample.com")


def test_user_update_bumps_version_by_exactly_one():
    user = UserFactory(name="Ann", email="ann@example.com")

    updated = user_update(user_id=user.pk, name="Annie", email="annie@example.com")

    user.refresh_from_db()
    assert (user.name, user.email) == ("Annie", "annie@example.com")
    assert updated.version == user.version == 2


def test_user_update_with_equal_values_keeps_version_and_timestamp():
    user = UserFactory(name="Ann", email="ann@example.com")
    updated_at = user.updated_at

    updated = user_update(user_id=user.pk, name="Ann", email="ann@example.com")

    user.refresh_from_db()
    assert (updated.version, user.version) == (1, 1)
    assert user.updated_at == updated_at


def test_user_update_rejects_email_of_another_user():
    UserFactory(email="bob@example.com")
    ann = UserFactory(email="ann@example.com")

    with pytest.raises(UserEmailTaken):
        user_update(user_id=ann.pk, email="Bob@example.com")


def test_user_update_rejected_email_leaves_the_user_unchanged():
    UserFactory(email="bob@example.com")
    ann = UserFactory(name="Ann", email="ann@example.com")

    with pytest.raises(UserEmailTaken):
        user_update(user_id=ann.pk, name="Annie", email="bob@example.com")

    ann.refresh_from_db()
    assert (ann.name, ann.email, ann.version) == ("Ann", "ann@example.com", 1)


def test_user_update_allows_changing_the_case_of_own_email():
    ann = UserFactory(email="ann@example.com")

    updated = user_update(user_id=ann.pk, email="Ann@example.com")

    assert (updated.email, updated.version) == ("Ann@example.com", 2)


def test_user_update_keeps_version_when_only_the_domain_case_differs():
    ann = UserFactory(email="ann@example.com")

    updated = user_update(user_id=ann.pk, email="ann@EXAMPLE.com")

    assert (updated.email, updated.version) == ("ann@example.com", 1)


def test_user_update_raises_user_not_found_for_unknown_id():
    with pytest.raises(UserNotFound):
        user_update(user_id=404, name="Nobody")


def test_user_deactivate_marks_the_user_inactive_and_bumps_version():
    user = UserFactory()

    user_deactivate(user_id=user.pk)

    user.refresh_from_db()
    assert (user.is_active, user.version) == (False, 2)


def test_user_deactivate_of_an_inactive_user_changes_nothing():
    user = UserFactory()
    user_deactivate(user_id=user.pk)
    user.refresh_from_db()
    updated_at = user.updated_at

    user_deactivate(user_id=user.pk)

    user.refresh_from_db()
    assert (user.is_active, user.version, user.updated_at) == (False, 2, updated_at)


def test_user_deactivate_twice_keeps_the_version():
    user = UserFactory()
    user_deactivate(user_id=user.pk)

    again = user_deactivate(user_id=user.pk)

    user.refresh_from_db()
    assert (again.is_active, again.version, user.version) == (False, 2, 2)


def test_user_deactivate_raises_user_not_found_for_unknown_id():
    with pytest.raises(UserNotFound):
        user_deactivate(user_id=404)


@pytest.mark.parametrize(
    ("name", "email", "fields"),
    [
        ("   ", "not-an-email", {"name", "email"}),
        ("", "ann@example.com", {"name"}),
        ("a" * 201, "ann@example.com", {"name"}),
        ("\u202eevil", "ann@example.com", {"name"}),
        ("Ann", "\N{KELVIN SIGN}a@example.com", {"email"}),
        ("Ann", "ann@", {"email"}),
    ],
    ids=["blank-and-bad", "empty", "too-long", "override", "kelvin", "no-domain"],
)
def test_user_create_refuses_what_the_api_refuses(name, email, fields):
    with pytest.raises(UserInvalid) as raised:
        user_create(name=name, email=email)

    assert set(raised.value.errors) == fields
    assert User.objects.count() == 0


def test_user_create_trims_the_name_as_the_api_does():
    user = user_create(name="  Ann  ", email="ann@example.com")

    assert user.name == "Ann"


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"name": "  "}, "name"), ({"email": "nope"}, "email")],
    ids=["blank-name", "bad-email"],
)
def test_user_update_refuses_what_the_api_refuses_and_changes_nothing(changes, field):
    user = UserFactory(name="Ann")

    with pytest.raises(UserInvalid) as raised:
        user_update(user_id=user.pk, **changes)

    assert list(raised.value.errors) == [field]
    user.refresh_from_db()
    assert (user.name, user.version) == ("Ann", 1)


def outbox() -> list[tuple[str, int, int, dict[str, object]]]:
    """Return what the outbox holds: change, user id, version and data, in order."""
    return [
        (row.change, row.user_id, row.user_version, row.data)
        for row in OutboxEvent.objects.order_by("id")
    ]


def test_user_create_writes_its_event_to_the_outbox():
    user = user_create(name="Ann", email="ann@example.com")

    assert outbox() == [
        (
            "created",
            user.pk,
            1,
            {
                "name": "Ann",
                "email": "ann@example.com",
                "is_active": True,
                "credit_limit": None,
            },
        )
    ]


def test_user_update_writes_the_new_state_and_version_to_the_outbox():
    user = UserFactory(name="Ann", email="ann@example.com")

    user_update(user_id=user.pk, name="Ann Lee")

    assert outbox() == [
        (
            "updated",
            user.pk,
            2,
            {
                "name": "Ann Lee",
                "email": "ann@example.com",
                "is_active": True,
                "credit_limit": None,
            },
        )
    ]


def test_user_update_that_changes_nothing_writes_no_event():
    user = UserFactory(name="Ann")

    user_update(user_id=user.pk, name="Ann")

    assert outbox() == []


def test_user_deactivate_writes_its_event_to_the_outbox():
    user = UserFactory(name="Ann", email="ann@example.com")

    user_deactivate(user_id=user.pk)

    assert outbox() == [
        (
            "deactivated",
            user.pk,
            2,
            {
                "name": "Ann",
                "email": "ann@example.com",
                "is_active": False,
                "credit_limit": None,
            },
        )
    ]


def test_user_deactivate_of_an_inactive_user_writes_no_event():
    user = UserFactory()
    user_deactivate(user_id=user.pk)

    user_deactivate(user_id=user.pk)

    assert [change for change, *_ in outbox()] == ["deactivated"]


def test_a_change_that_is_refused_writes_no_event():
    UserFactory(email="ann@example.com")
    bo = UserFactory(email="bo@example.com")

    with pytest.raises(UserEmailTaken):
        user_update(user_id=bo.pk, email="ANN@example.com")

    assert outbox() == []


def test_a_change_nudges_the_relay_only_once_it_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        user_create(name="Ann", email="ann@example.com")

    assert callbacks == [relay_soon]
