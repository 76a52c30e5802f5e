"""Tests of the page-number pagination every list endpoint shares."""

from http import HTTPStatus

import pytest

from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_list_pages_hold_twenty_items_by_default(api_client):
    UserFactory.create_batch(21)

    body = api_client.get("/api/users/").json()

    assert set(body) == {"count", "next", "previous", "results"}
    assert (body["count"], len(body["results"])) == (21, 20)


def test_list_page_size_is_capped_at_one_hundred(api_client):
    UserFactory.create_batch(101)

    body = api_client.get("/api/users/", {"page_size": 1000}).json()

    assert len(body["results"]) == 100


def test_list_page_past_the_end_is_404(api_client):
    UserFactory()

    response = api_client.get("/api/users/", {"page": 2})

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("page", ["0", "abc", "last", "+1", "01", ""])
def test_list_page_spelled_other_than_digits_is_404(api_client, page):
    UserFactory()

    response = api_client.get("/api/users/", {"page": page})

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {"detail": "Invalid page."}
