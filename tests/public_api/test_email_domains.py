"""Public API: one domain written several ways is still one email address.

Domains are compared as IDNA defines them: width, case, Unicode normalisation
and the punycode (`xn--`) spelling do not make a second address.
"""

import uuid
from http import HTTPStatus

import pytest

# Spellings of the same domain: (the one registered first, a look-alike).
SAME_DOMAIN = {
    "fullwidth-e": ("example.com", "\N{FULLWIDTH LATIN SMALL LETTER E}xample.com"),
    "decomposed-e-acute": (
        "caf\N{LATIN SMALL LETTER E WITH ACUTE}.example",
        "cafe\N{COMBINING ACUTE ACCENT}.example",
    ),
    "punycode-of-unicode": (
        "caf\N{LATIN SMALL LETTER E WITH ACUTE}.example",
        "xn--caf-dma.example",
    ),
    "unicode-of-punycode": (
        "xn--caf-dma.example",
        "caf\N{LATIN SMALL LETTER E WITH ACUTE}.example",
    ),
    "uppercase-unicode": (
        "caf\N{LATIN SMALL LETTER E WITH ACUTE}.example",
        "CAF\N{LATIN CAPITAL LETTER E WITH ACUTE}.EXAMPLE",
    ),
}


def local_part() -> str:
    """Return a local part no other test uses."""
    return f"dup-{uuid.uuid4().hex}"


@pytest.mark.parametrize(
    ("first", "second"), SAME_DOMAIN.values(), ids=list(SAME_DOMAIN)
)
def test_user_create_rejects_the_same_domain_spelled_another_way(
    api, shop, first, second
):
    local = local_part()
    shop.create_user(email=f"{local}@{first}")

    response = api.post(
        "/api/users/", json={"name": "Twin", "email": f"{local}@{second}"}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["email"]


@pytest.mark.parametrize(
    ("first", "second"), SAME_DOMAIN.values(), ids=list(SAME_DOMAIN)
)
def test_user_update_rejects_the_same_domain_spelled_another_way(
    api, shop, first, second
):
    local = local_part()
    shop.create_user(email=f"{local}@{first}")
    other = shop.create_user()

    response = api.patch(
        f"/api/users/{other['id']}/", json={"email": f"{local}@{second}"}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["email"]


@pytest.mark.parametrize(
    ("first", "second"), SAME_DOMAIN.values(), ids=list(SAME_DOMAIN)
)
def test_user_list_finds_the_same_domain_spelled_another_way(api, shop, first, second):
    local = local_part()
    user = shop.create_user(email=f"{local}@{first}")

    listed = api.get("/api/users/", params={"email": f"{local}@{second}"}).json()

    assert [found["id"] for found in listed["results"]] == [user["id"]]


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("xn--caf-dma.example", "caf\N{LATIN SMALL LETTER E WITH ACUTE}.example"),
        (
            "cafe\N{COMBINING ACUTE ACCENT}.example",
            "caf\N{LATIN SMALL LETTER E WITH ACUTE}.example",
        ),
        ("\N{FULLWIDTH LATIN SMALL LETTER E}xample.COM", "example.com"),
    ],
    ids=["punycode", "decomposed", "fullwidth"],
)
def test_user_create_stores_the_domain_in_its_readable_canonical_form(
    api, sent, stored
):
    local = local_part()

    response = api.post("/api/users/", json={"name": "Ann", "email": f"{local}@{sent}"})

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["email"] == f"{local}@{stored}"


@pytest.mark.parametrize("domain", ["xn--zz.example", "xn--abc.example"])
def test_user_create_rejects_a_broken_punycode_domain(api, domain):
    response = api.post(
        "/api/users/", json={"name": "Ann", "email": f"{local_part()}@{domain}"}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()) == ["email"]
