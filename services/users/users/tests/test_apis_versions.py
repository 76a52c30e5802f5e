"""Tests of versions in the users API: ETag, If-None-Match and If-Match."""

from http import HTTPStatus

import pytest

from users.models import OutboxEvent, User
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_user_get_api_tags_the_user_with_their_version(api_client):
    user = UserFactory(version=3)

    response = api_client.get(f"/api/users/{user.pk}/")

    assert response["ETag"] == '"3"'


def test_user_get_api_answers_304_when_the_clients_copy_is_current(api_client):
    user = UserFactory(version=3)

    response = api_client.get(f"/api/users/{user.pk}/", HTTP_IF_NONE_MATCH='"3"')

    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response.content == b""
    assert response["ETag"] == '"3"'


def test_user_get_api_answers_200_when_the_clients_copy_is_old(api_client):
    user = UserFactory(version=3)

    response = api_client.get(f"/api/users/{user.pk}/", HTTP_IF_NONE_MATCH='"2"')

    assert response.status_code == HTTPStatus.OK
    assert response.json()["version"] == 3


def test_user_create_api_tags_the_new_user_at_version_1(api_client):
    payload = {"name": "Ann", "email": "ann@example.com"}

    response = api_client.post("/api/users/", payload, format="json")

    assert response["ETag"] == '"1"'


def test_user_update_api_with_the_current_tag_changes_the_user(api_client):
    user = UserFactory(version=1)

    response = api_client.patch(
        f"/api/users/{user.pk}/", {"name": "Bea"}, format="json", HTTP_IF_MATCH='"1"'
    )

    assert response.status_code == HTTPStatus.OK
    assert response.json()["version"] == 2
    assert response["ETag"] == '"2"'


def test_user_update_api_with_a_stale_tag_is_412_and_changes_nothing(api_client):
    user = UserFactory(name="Ann", version=2)
    events_before = OutboxEvent.objects.count()

    response = api_client.patch(
        f"/api/users/{user.pk}/", {"name": "Bea"}, format="json", HTTP_IF_MATCH='"1"'
    )

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    assert response.json()["version"] == 2
    assert response.json()["etag"] == '"2"'
    assert response["ETag"] == '"2"'
    assert User.objects.values_list("name", "version").get(pk=user.pk) == ("Ann", 2)
    assert OutboxEvent.objects.count() == events_before


def test_user_update_api_checks_the_tag_even_when_nothing_would_change(api_client):
    user = UserFactory(name="Ann", version=2)

    response = api_client.patch(
        f"/api/users/{user.pk}/", {"name": "Ann"}, format="json", HTTP_IF_MATCH='"1"'
    )

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED


@pytest.mark.parametrize("tag", ['W/"1"', '"one"'])
def test_user_update_api_never_matches_a_weak_or_foreign_tag(api_client, tag):
    user = UserFactory(version=1)

    response = api_client.patch(
        f"/api/users/{user.pk}/", {"name": "Bea"}, format="json", HTTP_IF_MATCH=tag
    )

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED


def test_user_update_api_says_a_weak_current_tag_never_matches(api_client):
    user = UserFactory(version=1)

    response = api_client.patch(
        f"/api/users/{user.pk}/", {"name": "Bea"}, format="json", HTTP_IF_MATCH='W/"1"'
    )

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    assert response.json()["detail"] == (
        f'User {user.pk} is at version 1, but If-Match sent its tag as weak (W/"1"), '
        'which never matches. Send "1".'
    )


def test_user_update_api_with_star_changes_an_existing_user(api_client):
    user = UserFactory(version=4)

    response = api_client.patch(
        f"/api/users/{user.pk}/", {"name": "Bea"}, format="json", HTTP_IF_MATCH="*"
    )

    assert response.status_code == HTTPStatus.OK


def test_user_update_api_refuses_a_malformed_if_match_with_400(api_client):
    user = UserFactory(name="Ann", version=1)

    response = api_client.patch(
        f"/api/users/{user.pk}/", {"name": "Bea"}, format="json", HTTP_IF_MATCH="1"
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "If-Match" in response.json()["detail"]
    assert User.objects.get(pk=user.pk).name == "Ann"


def test_user_update_api_of_an_unknown_user_with_if_match_is_404(api_client):
    response = api_client.patch(
        "/api/users/999/", {"name": "Bea"}, format="json", HTTP_IF_MATCH='"1"'
    )

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_user_deactivate_api_with_a_stale_tag_is_412_and_changes_nothing(api_client):
    user = UserFactory(version=2)

    response = api_client.post(f"/api/users/{user.pk}/deactivate/", HTTP_IF_MATCH='"1"')

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    assert User.objects.get(pk=user.pk).is_active
