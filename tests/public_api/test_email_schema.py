"""Public API: answers that show an internationalised email match the schema.

The API stores an email's domain in Unicode (`zoe@bücher.example`, see
test_email_domains.py), so the schema must allow that wherever an email is
shown: `format: idn-email`, not `email`, which is ASCII only.
"""

import uuid

import jsonschema_rs
import pytest

IDN_DOMAIN = "b\N{LATIN SMALL LETTER U WITH DIAERESIS}cher.example"


@pytest.fixture(scope="module")
def schema(api):
    """Return the OpenAPI schema as JSON."""
    return api.get("/api/schema/", params={"format": "json"}).json()


@pytest.fixture
def idn_user(shop):
    """Return a fresh user whose email has an internationalised domain."""
    return shop.create_user(email=f"idn-{uuid.uuid4().hex}@{IDN_DOMAIN}")


def json_schema(node):
    """Spell OpenAPI 3.0's `nullable: true` as JSON Schema does: or null.

    A user's credit limit (stage 5) is the first field that may be null.
    """
    if isinstance(node, list):
        return [json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: json_schema(value) for key, value in node.items()}
    if converted.pop("nullable", False):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def validator(schema, component):
    """Return a validator of one component that checks formats, as fuzzers do."""
    document = {
        "$ref": f"#/components/schemas/{component}",
        "components": json_schema(schema["components"]),
    }
    return jsonschema_rs.validator_for(document, validate_formats=True)


def test_a_user_with_an_idn_email_matches_the_user_schema(api, schema, idn_user):
    shown = api.get(f"/api/users/{idn_user['id']}/").json()

    assert validator(schema, "UserOutput").is_valid(shown)


def test_a_deactivated_user_with_an_idn_email_matches_the_user_schema(
    shop, schema, idn_user
):
    shown = shop.deactivate_user(idn_user["id"])

    assert validator(schema, "UserOutput").is_valid(shown)


def test_an_order_of_a_user_with_an_idn_email_matches_the_order_schema(
    shop, schema, idn_user
):
    order = shop.create_order(user_id=idn_user["id"])

    assert validator(schema, "OrderOutput").is_valid(order)


@pytest.mark.parametrize(
    "component", ["UserCreateInputRequest", "PatchedUserUpdateInputRequest"]
)
def test_the_schema_accepts_the_idn_emails_the_api_accepts(schema, component):
    body = {"name": "Zoë", "email": f"zoe@{IDN_DOMAIN}"}

    assert validator(schema, component).is_valid(body)
