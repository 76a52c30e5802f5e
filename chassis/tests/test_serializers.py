"""Tests of StrictInputSerializer: unknown input fields are named, not ignored."""

from rest_framework import serializers

from chassis.serializers import StrictInputSerializer


class NameInputSerializer(StrictInputSerializer):
    """A small input serializer to exercise the base class."""

    name = serializers.CharField()
    nickname = serializers.CharField(required=False)


def test_strict_input_serializer_accepts_known_fields():
    data = NameInputSerializer(data={"name": "Ann", "nickname": "Annie"})

    assert data.is_valid()
    assert data.validated_data == {"name": "Ann", "nickname": "Annie"}


def test_strict_input_serializer_names_every_unknown_field():
    data = NameInputSerializer(data={"name": "Ann", "age": 36, "admin": True})

    assert not data.is_valid()
    assert list(data.errors) == ["admin", "age"]


def test_strict_input_serializer_lists_the_accepted_fields():
    data = NameInputSerializer(data={"name": "Ann", "age": 36})

    data.is_valid()

    assert data.errors["age"] == ["Unknown field. Accepted fields: name, nickname."]


def test_strict_input_serializer_leaves_non_objects_to_drf():
    data = NameInputSerializer(data=["Ann"])

    assert not data.is_valid()
    assert list(data.errors) == ["non_field_errors"]
