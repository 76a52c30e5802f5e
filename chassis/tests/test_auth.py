"""Tests of the shared secret that guards internal endpoints."""

from http import HTTPStatus

import pytest
from django.conf import settings
from rest_framework.test import APIClient

URL = "/internal/ping/"


def get_with(*, secret: str | None = None, scheme: str = "Bearer"):
    """GET the internal endpoint with the given secret (the right one by default)."""
    token = settings.EVENTS_SECRET if secret is None else secret
    client = APIClient()
    if token:
        client.credentials(HTTP_AUTHORIZATION=f"{scheme} {token}")
    return client.get(URL)


def test_the_right_secret_is_let_in():
    response = get_with()

    assert response.status_code == HTTPStatus.NO_CONTENT


@pytest.mark.parametrize("scheme", ["bearer", "BEARER"])
def test_the_scheme_name_is_case_insensitive(scheme):
    response = get_with(scheme=scheme)

    assert response.status_code == HTTPStatus.NO_CONTENT


@pytest.mark.parametrize(
    ("secret", "scheme"),
    [("", "Bearer"), ("wrong", "Bearer"), (None, "Basic")],
    ids=["missing", "wrong", "other-scheme"],
)
def test_a_caller_without_the_secret_is_refused_with_401(secret, scheme):
    response = get_with(secret=secret, scheme=scheme)

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response["WWW-Authenticate"] == "Bearer"
    assert list(response.json()) == ["detail"]
