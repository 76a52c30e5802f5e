"""Tests of the API's JSON parser: exact numbers, and bodies that are refused."""

import io
from decimal import Decimal

import pytest
from rest_framework.exceptions import ParseError

from chassis.parsers import MAX_NESTING, JSONParser


def parse(body: bytes, encoding: str = "utf-8") -> object:
    """Parse a request body the way DRF hands it to the parser."""
    return JSONParser().parse(io.BytesIO(body), parser_context={"encoding": encoding})


def test_parser_reads_fractions_as_exact_decimals():
    data = parse(b'{"price": 0.1}')

    assert data == {"price": Decimal("0.1")}


def test_parser_keeps_numbers_beyond_float_range():
    data = parse(b'{"x": 1e999}')

    assert data == {"x": Decimal("1e999")}


def test_parser_keeps_integers_as_integers():
    data = parse(b'{"quantity": 3}')

    assert data == {"quantity": 3}
    assert isinstance(data["quantity"], int)


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
def test_parser_refuses_constants_that_are_not_json(constant):
    with pytest.raises(ParseError, match="not a valid JSON value"):
        parse(b'{"x": %s}' % constant)


def test_parser_refuses_a_key_given_twice():
    with pytest.raises(ParseError, match="'name' appears twice"):
        parse(b'{"name": "Ann", "name": "Bob"}')


def test_parser_accepts_nesting_up_to_the_limit():
    depth = MAX_NESTING - 1

    data = parse(b"[" * depth + b"]" * depth)

    assert isinstance(data, list)


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 100_000])
def test_parser_refuses_deeper_nesting(depth):
    with pytest.raises(ParseError, match="nested"):
        parse(b"[" * depth + b"]" * depth)


@pytest.mark.parametrize(
    "body", [b'{"name": "\\ud800"}', b'{"\\udfff": 1}', b'[["\\ud83d"]]'], ids=repr
)
def test_parser_refuses_lone_surrogates(body):
    with pytest.raises(ParseError, match="lone surrogate"):
        parse(body)


def test_parser_accepts_a_surrogate_pair():
    data = parse(b'{"name": "\\ud83d\\ude00"}')

    assert data == {"name": "\N{GRINNING FACE}"}


def test_parser_refuses_bytes_that_are_not_the_declared_charset():
    with pytest.raises(ParseError, match="not utf-8"):
        parse(b'{"name": "\xff"}')


def test_parser_refuses_an_unknown_charset():
    with pytest.raises(ParseError, match="unknown charset"):
        parse(b"{}", encoding="no-such-charset")
