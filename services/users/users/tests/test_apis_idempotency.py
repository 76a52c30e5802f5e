"""Tests of the Idempotency-Key on user creation: one user per key."""

from http import HTTPStatus

import pytest

from users.models import OutboxEvent, User

pytestmark = pytest.mark.django_db


def create(api_client, *, key, email="ann@example.com"):
    """POST a new user with this Idempotency-Key."""
    payload = {"name": "Ann", "email": email}
    return api_client.post(
        "/api/users/", payload, format="json", HTTP_IDEMPOTENCY_KEY=key
    )


def test_user_create_api_replays_the_first_answer_to_a_retry(api_client):
    first = create(api_client, key="k-1")

    again = create(api_client, key="k-1")

    assert again.status_code == HTTPStatus.CREATED
    assert again.json() == first.json()
    assert (again["Location"], again["ETag"]) == (first["Location"], first["ETag"])
    assert User.objects.count() == 1
    assert OutboxEvent.objects.count() == 1


def test_user_create_api_refuses_a_key_reused_with_another_body(api_client):
    create(api_client, key="k-1")

    response = create(api_client, key="k-1", email="bea@example.com")

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert User.objects.count() == 1


def test_user_create_api_lets_a_refused_create_be_sent_again(api_client):
    create(api_client, key="k-1")
    refused = create(api_client, key="k-2")

    retried = create(api_client, key="k-2")

    assert refused.status_code == retried.status_code == HTTPStatus.BAD_REQUEST
    assert list(retried.json()) == ["email"]
