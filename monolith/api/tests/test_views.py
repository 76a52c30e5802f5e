"""Tests of the API root and the OpenAPI documentation it points to."""

from http import HTTPStatus

import pytest


def test_api_root_links_to_collections_and_docs(api_client):
    response = api_client.get("/api/")

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {
        "users": "http://testserver/api/users/",
        "orders": "http://testserver/api/orders/",
        "schema": "http://testserver/api/schema/",
        "docs": "http://testserver/api/docs/",
        "redoc": "http://testserver/api/redoc/",
    }


def test_openapi_schema_describes_the_public_paths(api_client):
    response = api_client.get("/api/schema/", {"format": "json"})

    assert response.status_code == HTTPStatus.OK
    assert {"/api/users/", "/api/orders/{order_id}/cancel/"} <= set(
        response.json()["paths"]
    )


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_api_docs_are_served_without_a_cdn(api_client, path):
    response = api_client.get(path)

    assert response.status_code == HTTPStatus.OK
    assert "/static/drf_spectacular_sidecar/" in response.content.decode()
    assert "cdn." not in response.content.decode()
