"""Tests of conditional requests: entity tags, If-None-Match and If-Match."""

from http import HTTPStatus

import pytest
from rest_framework.exceptions import ParseError
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from chassis.conditional import (
    PreconditionFailed,
    etag_of,
    if_match,
    not_modified,
    parse_entity_tags,
)
from chassis.errors import render_exception


def get(**headers):
    """Build a GET request carrying these headers."""
    return Request(APIRequestFactory().get("/api/things/1/", headers=headers))


def test_etag_of_joins_the_versions_in_quotes():
    assert etag_of(3) == '"3"'
    assert etag_of(3, 7) == '"3.7"'


@pytest.mark.parametrize("value", ['"3"', ' "3" , W/"4"', "*", '""'])
def test_well_formed_headers_parse(value):
    assert parse_entity_tags(value) is not None


@pytest.mark.parametrize("value", ["3", '"3', "W/3", '"3", 4', "", '"a"b"'])
def test_malformed_headers_do_not_parse(value):
    assert parse_entity_tags(value) is None


def test_if_match_compares_strongly():
    tags = parse_entity_tags('W/"3", "4"')

    assert not tags.match_strong('"3"')
    assert tags.match_strong('"4"')


def test_star_matches_any_tag():
    assert parse_entity_tags("*").match_strong('"9"')


def test_malformed_if_match_is_a_400_not_ignored():
    with pytest.raises(ParseError, match="If-Match must be"):
        if_match(get(**{"If-Match": "3"}))


def test_absent_if_match_means_an_unconditional_write():
    assert if_match(get()) is None


def test_if_none_match_naming_the_current_tag_is_304_with_the_tag():
    response = not_modified(get(**{"If-None-Match": 'W/"2", "3"'}), etag='"3"')

    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response["ETag"] == '"3"'
    assert response.data is None


def test_if_none_match_naming_an_old_tag_lets_the_read_go_on():
    assert not_modified(get(**{"If-None-Match": '"2"'}), etag='"3"') is None


def test_precondition_failed_names_the_current_tag_in_body_and_header():
    exc = PreconditionFailed(detail="Thing 1 has changed.", etag='"4"', version=4)

    response = render_exception(exc, {}, translate=lambda exc: None)

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    assert response.data == {
        "detail": "Thing 1 has changed.",
        "etag": '"4"',
        "version": 4,
    }
    assert response["ETag"] == '"4"'
