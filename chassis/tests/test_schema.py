"""Tests of the chassis' OpenAPI additions: the schema says what the server takes."""

from django.urls import path
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from chassis.fields import StrictEmailField


class ContactSerializer(serializers.Serializer):
    """A body with the two kinds of email field the projects use."""

    email = StrictEmailField(max_length=254)
    shown = serializers.EmailField(read_only=True)


class ContactApi(GenericAPIView):
    """One operation that takes and shows a contact."""

    # The chassis' own test settings name no DEFAULT_SCHEMA_CLASS.
    schema = AutoSchema()
    serializer_class = ContactSerializer

    def post(self, request: Request) -> Response:
        """Not called: only its schema is read."""
        return Response()


def contact_schema():
    """Return the component that ContactApi's schema gives its serializer."""
    generator = SchemaGenerator(patterns=[path("contacts/", ContactApi.as_view())])
    schemas = generator.get_schema(request=None, public=True)["components"]["schemas"]
    return schemas["Contact"]["properties"]


def test_an_email_field_taken_as_input_is_documented_as_idn_email():
    assert contact_schema()["email"]["format"] == "idn-email"


def test_an_email_field_shown_in_answers_is_documented_as_idn_email():
    assert contact_schema()["shown"]["format"] == "idn-email"


def test_an_email_field_keeps_its_length_limit():
    assert contact_schema()["email"]["maxLength"] == 254
