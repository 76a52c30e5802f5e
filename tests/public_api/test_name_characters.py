"""Public API: names hold only characters people can see.

Control characters, format characters (zero-width spaces, direction
overrides) and line separators are refused with a 400 naming the field; the
joiners that some scripts and emoji need between two visible characters stay.
"""

from http import HTTPStatus

import pytest

from tests.public_api.payloads import line

INVISIBLE_NAMES = {
    "zero-width-space": "\u200b",
    "right-to-left-override": "\u202eevil",
    "isolate": "Ann \u2066Lee",
    "byte-order-mark": "\ufeffAnn",
    "newline": "Ann\nLee",
    "tab": "Ann\tLee",
    "line-separator": "Ann\u2028Lee",
    "soft-hyphen": "An\u00adn",
    "lone-joiner": "\u200d",
}
VISIBLE_NAMES = {
    "latin": "Zo\N{LATIN SMALL LETTER E WITH DIAERESIS} Lee",
    "han": "\u674e\u5c0f\u9f8d",
    # Persian writes a zero-width non-joiner between letters of one word.
    "persian-non-joiner": "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
    # A woman technologist: woman, zero-width joiner, laptop.
    "emoji-joiner": "\U0001f469\u200d\U0001f4bb Ann",
}


@pytest.mark.parametrize("name", INVISIBLE_NAMES.values(), ids=list(INVISIBLE_NAMES))
def test_user_create_rejects_invisible_characters_in_the_name(api, fresh_email, name):
    response = api.post("/api/users/", json={"name": name, "email": fresh_email})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["name"]


@pytest.mark.parametrize("name", INVISIBLE_NAMES.values(), ids=list(INVISIBLE_NAMES))
def test_user_update_rejects_invisible_characters_in_the_name(api, shop, user, name):
    response = api.patch(f"/api/users/{user['id']}/", json={"name": name})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["name"]
    assert shop.get_user(user["id"])["name"] == user["name"]


@pytest.mark.parametrize("field", ["name", "sku"])
@pytest.mark.parametrize("text", INVISIBLE_NAMES.values(), ids=list(INVISIBLE_NAMES))
def test_order_create_rejects_invisible_characters_in_a_line(api, user, field, text):
    payload = {"user_id": user["id"], "lines": [line(**{field: text})]}

    response = api.post("/api/orders/", json=payload)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["lines"]
    assert field in response.json()["lines"]["0"]


@pytest.mark.parametrize("name", VISIBLE_NAMES.values(), ids=list(VISIBLE_NAMES))
def test_user_create_accepts_visible_names_in_any_script(api, fresh_email, name):
    response = api.post("/api/users/", json={"name": name, "email": fresh_email})

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["name"] == name
