"""Tests that the users API's answers match its own OpenAPI schema.

A stored user's email may have an internationalised domain (the API keeps
it in Unicode), so the answers that show it are checked against the schema
with formats on, as schemathesis checks them.
"""

import jsonschema_rs
import pytest

from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

IDN_EMAIL = "zoe@b\N{LATIN SMALL LETTER U WITH DIAERESIS}cher.example"


@pytest.fixture
def schema(api_client):
    """Return the service's OpenAPI schema as JSON."""
    return api_client.get("/api/schema/", {"format": "json"}).json()


def json_schema(node):
    """Spell OpenAPI 3.0's `nullable: true` as JSON Schema does: or null."""
    if isinstance(node, list):
        return [json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: json_schema(value) for key, value in node.items()}
    if converted.pop("nullable", False):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def conforms(schema, component, body):
    """Tell whether a body is valid for a component, formats included."""
    document = {
        "$ref": f"#/components/schemas/{component}",
        "components": json_schema(schema["components"]),
    }
    return jsonschema_rs.validator_for(document, validate_formats=True).is_valid(body)


def test_the_user_list_with_an_idn_email_matches_the_schema(api_client, schema):
    UserFactory(email=IDN_EMAIL)

    listed = api_client.get("/api/users/").json()["results"]

    assert [conforms(schema, "UserOutput", user) for user in listed] == [True]


def test_a_user_with_an_idn_email_matches_the_schema(api_client, schema):
    user = UserFactory(email=IDN_EMAIL)

    body = api_client.get(f"/api/users/{user.pk}/").json()

    assert conforms(schema, "UserOutput", body)


def test_deactivating_a_user_with_an_idn_email_matches_the_schema(api_client, schema):
    user = UserFactory(email=IDN_EMAIL)

    body = api_client.post(f"/api/users/{user.pk}/deactivate/").json()

    assert conforms(schema, "UserOutput", body)


@pytest.mark.parametrize(
    "component", ["UserCreateInputRequest", "PatchedUserUpdateInputRequest"]
)
def test_the_input_schemas_accept_an_idn_email(schema, component):
    body = {"name": "Zoë", "email": IDN_EMAIL}

    assert conforms(schema, component, body)
