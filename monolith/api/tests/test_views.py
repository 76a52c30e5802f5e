"""Tests of the edge's API root and the merged OpenAPI documentation."""

import json
from http import HTTPStatus

import pytest

from api.schema import SCHEMAS_DIR


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


@pytest.mark.parametrize("service", ["users", "orders"])
def test_the_schema_holds_every_path_of_each_service(api_client, service):
    theirs = json.loads((SCHEMAS_DIR / f"{service}.json").read_text())["paths"]

    response = api_client.get("/api/schema/", {"format": "json"})

    assert response.status_code == HTTPStatus.OK
    assert set(theirs) <= set(response.json()["paths"])


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_api_docs_are_served_without_a_cdn(api_client, path):
    response = api_client.get(path)

    assert response.status_code == HTTPStatus.OK
    assert "/static/drf_spectacular_sidecar/" in response.content.decode()
    assert "cdn." not in response.content.decode()
