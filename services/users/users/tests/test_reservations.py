"""Tests of the internal credit endpoints and the public credit of a user."""

from http import HTTPStatus

import pytest
from rest_framework.test import APIClient

from users.models import CreditReservation
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(settings):
    """Return a client that sends the shared secret, as the orders service does."""
    return APIClient(HTTP_AUTHORIZATION=f"Bearer {settings.EVENTS_SECRET}")


def put(client, key, body):
    """PUT a reservation."""
    return client.put(f"/internal/credit/reservations/{key}/", body, format="json")


def test_a_reservation_without_the_secret_is_refused():
    user = UserFactory(credit_limit="100.00")

    response = put(APIClient(), "order-1", {"user_id": user.pk, "amount": "5.00"})

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert not CreditReservation.objects.exists()


def test_a_reservation_is_held_and_sent_again_gives_the_same_answer(service):
    user = UserFactory(credit_limit="100.00")
    body = {"user_id": user.pk, "amount": "60.00"}

    first = put(service, "order-1", body)
    again = put(service, "order-1", body)

    assert first.status_code == again.status_code == HTTPStatus.OK
    assert first.json() == again.json()
    assert first.json() == {
        "key": "order-1",
        "user_id": user.pk,
        "amount": "60.00",
        "state": "held",
        "reason": "",
    }


def test_a_refused_reservation_is_an_answer_not_an_error(service):
    user = UserFactory(credit_limit="10.00")

    response = put(service, "order-1", {"user_id": user.pk, "amount": "60.00"})

    assert response.status_code == HTTPStatus.OK
    assert response.json()["state"] == "refused"


@pytest.mark.parametrize(
    "body",
    [{}, {"user_id": 1}, {"user_id": 1, "amount": "-1.00"}, {"user_id": "x"}],
)
def test_a_malformed_reservation_is_a_400(service, body):
    assert put(service, "order-1", body).status_code == HTTPStatus.BAD_REQUEST


def test_a_reservation_for_an_unknown_user_is_a_404(service):
    response = put(service, "order-1", {"user_id": 999, "amount": "1.00"})

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_key_with_a_character_it_may_not_hold_is_a_404(service):
    response = put(service, "order 1", {"user_id": 1, "amount": "1.00"})

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_step_moves_the_reservation(service):
    user = UserFactory(credit_limit="100.00")
    put(service, "order-1", {"user_id": user.pk, "amount": "60.00"})

    response = service.post("/internal/credit/reservations/order-1/confirm/")

    assert response.json()["state"] == "confirmed"


def test_a_step_the_state_forbids_is_a_409(service):
    user = UserFactory(credit_limit="100.00")
    put(service, "order-1", {"user_id": user.pk, "amount": "60.00"})
    service.post("/internal/credit/reservations/order-1/settle/")

    response = service.post("/internal/credit/reservations/order-1/release/")

    assert response.status_code == HTTPStatus.CONFLICT


def test_the_public_credit_of_a_user_says_what_is_held_and_left(service):
    user = UserFactory(credit_limit="100.00")
    put(service, "order-1", {"user_id": user.pk, "amount": "60.00"})

    body = APIClient().get(f"/api/users/{user.pk}/credit/").json()

    assert body == {
        "user_id": user.pk,
        "credit_limit": "100.00",
        "reserved": "60.00",
        "available": "40.00",
    }


def test_the_credit_of_a_user_without_a_limit_has_no_limit_and_no_bound():
    user = UserFactory()

    body = APIClient().get(f"/api/users/{user.pk}/credit/").json()

    assert (body["credit_limit"], body["reserved"], body["available"]) == (
        None,
        "0.00",
        None,
    )


def test_a_patch_lowering_the_limit_below_what_is_held_is_a_409(service):
    user = UserFactory(credit_limit="100.00")
    put(service, "order-1", {"user_id": user.pk, "amount": "60.00"})

    response = APIClient().patch(
        f"/api/users/{user.pk}/", {"credit_limit": "50.00"}, format="json"
    )

    assert response.status_code == HTTPStatus.CONFLICT
    assert "60.00" in response.json()["detail"]


def test_a_user_created_with_a_limit_shows_it():
    payload = {"name": "Ann", "email": "ann@example.com", "credit_limit": "250"}

    body = APIClient().post("/api/users/", payload, format="json").json()

    assert body["credit_limit"] == "250.00"


@pytest.mark.parametrize("limit", ["-1.00", 100, "1e3", "123456789.00", "", " "])
def test_a_credit_limit_that_is_not_an_amount_is_a_400_naming_it(limit):
    payload = {"name": "Ann", "email": "ann@example.com", "credit_limit": limit}

    response = APIClient().post("/api/users/", payload, format="json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["credit_limit"]


@pytest.mark.parametrize("blank", ["", " "])
def test_a_blank_credit_limit_does_not_remove_the_limit(blank):
    user = UserFactory(credit_limit="100.00")

    response = APIClient().patch(
        f"/api/users/{user.pk}/", {"credit_limit": blank}, format="json"
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    user.refresh_from_db()
    assert user.credit_limit == 100
