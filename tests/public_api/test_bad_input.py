"""Public API: malformed and wrongly typed input is a 4xx, never a server error."""

from http import HTTPStatus

import pytest

from tests.public_api.payloads import line

WRITES = [
    ("POST", "/api/users/"),
    ("PATCH", "/api/users/{user_id}/"),
    ("POST", "/api/orders/"),
]
WRITE_IDS = ["create-user", "update-user", "create-order"]


@pytest.mark.parametrize(("method", "path"), WRITES, ids=WRITE_IDS)
def test_malformed_json_returns_400(api, user, method, path):
    url = path.format(user_id=user["id"])
    headers = {"Content-Type": "application/json"}

    response = api.request(method, url, content=b"{not json", headers=headers)

    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    assert response.status_code == HTTPStatus.BAD_REQUEST


@pytest.mark.parametrize("body", [[{"name": "Ada"}], "Ada", 42], ids=repr)
@pytest.mark.parametrize(("method", "path"), WRITES, ids=WRITE_IDS)
def test_json_that_is_not_an_object_returns_400(api, user, method, path, body):
    url = path.format(user_id=user["id"])

    response = api.request(method, url, json=body)

    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_body_that_is_not_json_is_rejected(api):
    headers = {"Content-Type": "text/plain"}

    response = api.post("/api/users/", content=b"name=Ada", headers=headers)

    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    assert response.status_code in {
        HTTPStatus.BAD_REQUEST,
        HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
    }


@pytest.mark.parametrize(
    "lines",
    [line(), "MUG-1", None, ["MUG-1"], [[line()]]],
    ids=["object", "string", "null", "list-of-strings", "list-of-lists"],
)
def test_order_lines_of_wrong_shape_return_400(api, user, lines):
    payload = {"user_id": user["id"], "lines": lines}

    response = api.post("/api/orders/", json=payload)

    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "lines" in response.json()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("quantity", "abc"),
        ("quantity", 1.5),
        ("quantity", None),
        ("quantity", 10**30),
        ("unit_price", "abc"),
        ("unit_price", "NaN"),
        ("unit_price", "Infinity"),
        ("unit_price", "1e30"),
        ("unit_price", None),
        ("sku", None),
        ("name", None),
    ],
    ids=repr,
)
def test_order_line_field_of_wrong_type_returns_400(api, user, field, value):
    payload = {"user_id": user["id"], "lines": [line(**{field: value})]}

    response = api.post("/api/orders/", json=payload)

    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "lines" in response.json()


@pytest.mark.parametrize(
    "user_id", ["abc", 1.5, None, [1], {"id": 1}, 0, -1, 10**30], ids=repr
)
def test_order_user_id_of_wrong_type_returns_400(api, user_id):
    payload = {"user_id": user_id, "lines": [line()]}

    response = api.post("/api/orders/", json=payload)

    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "user_id" in response.json()


@pytest.mark.parametrize("field", ["name", "email"])
@pytest.mark.parametrize("value", [["Ada"], {"name": "Ada"}], ids=["list", "object"])
def test_user_field_of_wrong_type_returns_400(api, fresh_email, field, value):
    payload = {"name": "Ada Lovelace", "email": fresh_email, field: value}

    response = api.post("/api/users/", json=payload)

    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert field in response.json()


@pytest.mark.parametrize("field", ["name", "email"])
def test_overlong_user_field_is_not_a_server_error(api, fresh_email, field):
    payload = {"name": "Ada Lovelace", "email": fresh_email}
    payload[field] = "a" * 10_000 + payload[field]

    response = api.post("/api/users/", json=payload)

    assert response.status_code in {HTTPStatus.CREATED, HTTPStatus.BAD_REQUEST}


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/users/", {"is_active": "maybe"}, HTTPStatus.BAD_REQUEST),
        ("/api/users/", {"page": "abc"}, HTTPStatus.NOT_FOUND),
        ("/api/users/", {"page": "0"}, HTTPStatus.NOT_FOUND),
        ("/api/users/", {"page": "999999999"}, HTTPStatus.NOT_FOUND),
        # More digits than Python turns into an int by default (4300).
        ("/api/users/", {"page": "9" * 5000}, HTTPStatus.NOT_FOUND),
        ("/api/orders/", {"page": "9" * 5000}, HTTPStatus.NOT_FOUND),
        ("/api/users/", {"page_size": "9" * 5000}, HTTPStatus.OK),
        # DRF ignores a page size it cannot use and applies the default one.
        ("/api/users/", {"page_size": "-1"}, HTTPStatus.OK),
        ("/api/users/", {"page_size": "abc"}, HTTPStatus.OK),
        ("/api/orders/", {"user_id": "abc"}, HTTPStatus.BAD_REQUEST),
        ("/api/orders/", {"user_id": str(10**30)}, HTTPStatus.BAD_REQUEST),
        ("/api/orders/", {"status": "lost"}, HTTPStatus.BAD_REQUEST),
    ],
    ids=lambda value: str(value)[:40],
)
def test_list_with_bad_query_returns_the_expected_status(api, path, params, status):
    response = api.get(path, params=params)

    assert response.status_code == status
