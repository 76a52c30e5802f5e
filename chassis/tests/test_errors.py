"""Tests of the chassis' error answers to what Django refuses to read."""

from http import HTTPStatus

from django.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
)

from chassis.errors import render_exception


def handle(exc):
    """Render an exception with no domain translation of a project's own."""
    return render_exception(exc, {}, translate=lambda exc: None)


def test_oversized_body_becomes_413_naming_the_limit(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = handle(RequestDataTooBig("too big"))

    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert response.data == {"detail": "The request body is larger than 1000 bytes."}


def test_too_many_parameters_become_400_naming_the_limit(settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10

    response = handle(TooManyFieldsSent("too many"))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.data == {"detail": "The request has more than 10 parameters."}


def test_other_suspicious_requests_become_400_without_internals():
    response = handle(DisallowedHost("Invalid HTTP_HOST header: 'evil'."))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.data == {"detail": "The request is malformed."}


def test_errors_no_one_translates_are_left_to_django():
    assert handle(ValueError("a bug")) is None
