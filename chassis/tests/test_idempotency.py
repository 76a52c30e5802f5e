"""Tests of idempotency keys: one write per key, its answer replayed."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from chassis.idempotency.api import body_fingerprint
from chassis.idempotency.keys import (
    KeyClaim,
    KeyTakenOver,
    idempotency_keys_prune,
    key_claim,
)
from chassis.idempotency.models import IdempotencyKey
from chassis.tests.albums.models import Album

pytestmark = pytest.mark.django_db

SCOPE = "POST /api/albums/"


def create(code="ab", key="key-1"):
    """POST an album, with an Idempotency-Key unless key is None."""
    headers = {} if key is None else {"HTTP_IDEMPOTENCY_KEY": key}
    return APIClient().post("/api/albums/", {"code": code}, format="json", **headers)


def first_request_in_flight(code="ab", key="key-1") -> KeyClaim:
    """Claim the key as a first request still running would have."""
    claim = key_claim(
        scope=SCOPE, key=key, fingerprint=body_fingerprint({"code": code})
    )
    assert isinstance(claim, KeyClaim)
    return claim


def test_the_same_key_and_body_replay_the_first_answer():
    first = create()

    again = create()

    assert again.status_code == HTTPStatus.CREATED
    assert again.json() == first.json()
    assert again["Location"] == first["Location"]
    assert again["Idempotent-Replayed"] == "true"
    assert Album.objects.count() == 1


def test_a_first_answer_is_not_marked_replayed():
    response = create()

    assert "Idempotent-Replayed" not in response


def test_the_same_json_with_other_spacing_is_the_same_request():
    create()

    again = APIClient().post(
        "/api/albums/",
        data=b'{ "code" : "ab" }',
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="key-1",
    )

    assert again.status_code == HTTPStatus.CREATED
    assert Album.objects.count() == 1


def test_a_quoted_key_as_the_draft_writes_it_is_the_bare_key():
    create(key="key-1")

    again = create(key='"key-1"')

    assert again["Idempotent-Replayed"] == "true"


def test_the_same_key_with_another_body_is_422_and_writes_nothing():
    create(code="ab")

    response = create(code="cd")

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "another body" in response.json()["detail"]
    assert list(Album.objects.values_list("code", flat=True)) == ["ab"]


def test_a_key_whose_first_request_is_in_flight_is_409_with_retry_after():
    first_request_in_flight()

    response = create()

    assert response.status_code == HTTPStatus.CONFLICT
    assert response["Retry-After"] == "1"
    assert not Album.objects.exists()


def test_a_key_abandoned_in_flight_is_taken_over_once_its_hold_passes():
    first_request_in_flight()
    IdempotencyKey.objects.update(locked_until=timezone.now() - timedelta(seconds=1))

    response = create()

    assert response.status_code == HTTPStatus.CREATED
    assert Album.objects.count() == 1


def test_a_first_request_whose_key_was_taken_over_does_not_complete_it():
    claim = first_request_in_flight()
    IdempotencyKey.objects.update(locked_until=timezone.now() - timedelta(seconds=1))
    create()

    with pytest.raises(KeyTakenOver):
        claim.complete(status_code=201, body={}, headers={})

    assert IdempotencyKey.objects.get().body == {"id": Album.objects.get().pk}


def test_an_expired_key_names_a_new_request():
    create(code="ab")
    IdempotencyKey.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = create(code="cd")

    assert response.status_code == HTTPStatus.CREATED
    assert Album.objects.count() == 2


def test_a_refused_write_gives_the_key_back():
    create(code="refused")

    assert not IdempotencyKey.objects.exists()


def test_a_write_rolled_back_after_recording_keeps_neither_answer_nor_key():
    response = create(code="late")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not Album.objects.exists()
    assert not IdempotencyKey.objects.exists()


def test_a_write_without_a_key_is_not_recorded():
    create(key=None)
    create(key=None, code="cd")

    assert Album.objects.count() == 2
    assert not IdempotencyKey.objects.exists()


@pytest.mark.parametrize("key", ["", "a b", "é", '"unclosed', "x" * 256])
def test_a_malformed_key_is_a_400_and_writes_nothing(key):
    response = create(key=key)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Idempotency-Key" in response.json()["detail"]
    assert not Album.objects.exists()


def test_two_keys_in_one_request_are_a_400_asking_for_one():
    response = create(key="k-1, k-1")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["detail"] == "Send one Idempotency-Key, not several."
    assert not Album.objects.exists()


def test_pruning_deletes_expired_keys_only():
    create(key="old")
    create(key="new", code="cd")
    IdempotencyKey.objects.filter(key="old").update(expires_at=timezone.now())

    assert idempotency_keys_prune() == 1

    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]
