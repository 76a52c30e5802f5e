"""Public API: the OpenAPI schema states the limits the server enforces."""

import re
from http import HTTPStatus

import pytest


@pytest.fixture(scope="module")
def schema(api):
    """Return the OpenAPI schema as JSON."""
    return api.get("/api/schema/", params={"format": "json"}).json()


def component(schema, name):
    """Return a component schema by name."""
    return schema["components"]["schemas"][name]


def test_order_lines_are_one_to_one_hundred(schema):
    lines = component(schema, "OrderCreateInputRequest")["properties"]["lines"]

    assert (lines["minItems"], lines["maxItems"]) == (1, 100)


def test_quantity_is_one_to_ten_thousand(schema):
    quantity = component(schema, "OrderLineInputRequest")["properties"]["quantity"]

    assert (quantity["type"], quantity["minimum"], quantity["maximum"]) == (
        "integer",
        1,
        10_000,
    )


@pytest.mark.parametrize("price", ["-1", "-0.01", "1_000", "1e2", "1.234"])
def test_unit_price_pattern_refuses_what_the_server_refuses(schema, price):
    unit_price = component(schema, "OrderLineInputRequest")["properties"]["unit_price"]

    assert unit_price["type"] == "string"
    assert re.search(unit_price["pattern"], price) is None


@pytest.mark.parametrize(
    "name",
    ["UserCreateInputRequest", "OrderCreateInputRequest", "OrderLineInputRequest"],
)
def test_request_bodies_refuse_unknown_fields(schema, name):
    assert component(schema, name)["additionalProperties"] is False


@pytest.mark.parametrize("path", ["/api/users/", "/api/orders/"])
def test_lists_document_the_404_for_a_page_that_does_not_exist(schema, path):
    operation = schema["paths"][path]["get"]

    assert str(HTTPStatus.NOT_FOUND.value) in operation["responses"]
    page = next(p for p in operation["parameters"] if p["name"] == "page")
    assert page["schema"] == {"type": "integer", "minimum": 1}


@pytest.mark.parametrize("path", ["/api/users/", "/api/orders/"])
def test_page_size_states_its_limit(schema, path):
    operation = schema["paths"][path]["get"]

    page_size = next(p for p in operation["parameters"] if p["name"] == "page_size")
    assert "100" in page_size["description"]


@pytest.mark.parametrize(
    ("path", "method"), [("/api/users/", "post"), ("/api/orders/", "post")]
)
def test_writes_document_the_body_limit_and_json_only(schema, path, method):
    responses = schema["paths"][path][method]["responses"]

    assert {"413", "415"} <= set(responses)
