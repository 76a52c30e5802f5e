"""Tests of the strict input fields: the JSON type the schema names, nothing else."""

from decimal import Decimal

import pytest
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from chassis.fields import (
    MoneyField,
    QueryBooleanField,
    QueryIdListField,
    QueryIntegerField,
    StrictCharField,
    StrictEmailField,
    StrictIntegerField,
    VisibleTextField,
    query_data,
)


def run(field, value):
    """Validate one value with a field, as a serializer would."""
    return field.run_validation(value)


@pytest.mark.parametrize("value", [0, 1.5, True, ["a"], {"a": 1}], ids=repr)
def test_strict_char_field_refuses_non_strings(value):
    with pytest.raises(serializers.ValidationError, match="Not a valid string"):
        run(StrictCharField(), value)


def test_visible_text_field_trims_after_measuring():
    field = VisibleTextField(max_length=5)

    assert run(field, " Ann ") == "Ann"
    with pytest.raises(serializers.ValidationError, match="no more than 5"):
        run(field, "Ann   ")


def test_visible_text_field_refuses_invisible_characters():
    with pytest.raises(serializers.ValidationError, match="U\\+202E"):
        run(VisibleTextField(max_length=50), "\u202eevil")


def test_strict_email_field_keeps_the_address_untrimmed():
    with pytest.raises(serializers.ValidationError, match="valid email"):
        run(StrictEmailField(), " ann@example.com")


@pytest.mark.parametrize("value", ["1", 1.0, Decimal("1"), True], ids=repr)
def test_strict_integer_field_takes_only_json_integers(value):
    with pytest.raises(serializers.ValidationError, match="valid integer"):
        run(StrictIntegerField(), value)


@pytest.mark.parametrize(("raw", "number"), [("0", 0), ("7", 7), ("120", 120)])
def test_query_integer_field_reads_ascii_digits(raw, number):
    assert run(QueryIntegerField(), raw) == number


@pytest.mark.parametrize("raw", ["+1", " 1", "1.0", "01", "-1", "\u0661", ""], ids=repr)
def test_query_integer_field_refuses_other_spellings(raw):
    with pytest.raises(serializers.ValidationError):
        run(QueryIntegerField(), raw)


@pytest.mark.parametrize(("raw", "value"), [("true", True), ("false", False)])
def test_query_boolean_field_reads_true_and_false(raw, value):
    assert run(QueryBooleanField(), raw) is value


@pytest.mark.parametrize("raw", ["True", "1", "yes", "on"])
def test_query_boolean_field_refuses_other_spellings(raw):
    with pytest.raises(serializers.ValidationError, match='"true" or "false"'):
        run(QueryBooleanField(), raw)


@pytest.mark.parametrize(
    ("raw", "amount"), [("9.99", "9.99"), ("0.1", "0.10"), ("7", "7.00")]
)
def test_money_field_reads_plain_decimal_strings_exactly(raw, amount):
    field = MoneyField(max_digits=10, decimal_places=2)

    assert run(field, raw) == Decimal(amount)


@pytest.mark.parametrize(
    "raw", [9.99, Decimal("9.99"), "1_000", "1e2", "-1", "9.999", "NaN", ".5"], ids=repr
)
def test_money_field_refuses_anything_else(raw):
    with pytest.raises(serializers.ValidationError, match="Enter an amount"):
        run(MoneyField(max_digits=10, decimal_places=2), raw)


def test_query_id_list_field_reads_each_id():
    field = QueryIdListField(max_length=3)

    assert run(field, ["7", "1", "7"]) == [7, 1, 7]


@pytest.mark.parametrize("raw", [[], ["1", "2", "3", "4"], ["x"], ["0"]], ids=repr)
def test_query_id_list_field_refuses_too_few_too_many_or_bad_ids(raw):
    with pytest.raises(serializers.ValidationError):
        run(QueryIdListField(max_length=3), raw)


def test_query_data_keeps_every_value_of_a_list_and_one_of_the_rest():
    request = Request(APIRequestFactory().get("/?ids=1&ids=2&email=a&email=b"))

    data = query_data(request, lists=["ids"])

    assert data == {"ids": ["1", "2"], "email": "b"}
