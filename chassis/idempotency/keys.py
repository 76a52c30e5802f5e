"""Claiming, completing and releasing idempotency keys, and pruning expired ones.

The protocol, for one key of one scope:

1. `key_claim` inserts the key, in flight, and commits at once, so that a
   duplicate sent meanwhile finds it (409). A key already completed with the
   same body is a replay; with another body, a misuse (422).
2. The write runs in its own transaction and calls `KeyClaim.complete`
   inside it: the answer is stored with the write, or neither is.
3. A write that fails releases the key, which it never completed: nothing
   was written, and the same key may be sent again.

A process killed between 1 and 2 leaves the key in flight with nothing
written; once `locked_until` passes, a retry takes the key over. See
docs/05-consistency.md, "Idempotency keys".
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from chassis.idempotency.models import IdempotencyKey, KeyState

# How many times a claim is tried while other requests change the same row.
CLAIM_ATTEMPTS = 3


class KeyReused(Exception):
    """The key was first sent with another body: it names another request."""


class KeyInFlight(Exception):
    """The first request with this key has not answered yet."""


class KeyTakenOver(Exception):
    """This request held the key so long that a retry took it over."""


@dataclass(frozen=True)
class StoredAnswer:
    """The answer the first request with a key was given, to replay."""

    status_code: int
    body: object
    headers: dict[str, str]


@dataclass(frozen=True)
class KeyClaim:
    """This request's hold on a key, until its write completes or fails."""

    pk: int
    claim: uuid.UUID

    def complete(
        self, *, status_code: int, body: object, headers: dict[str, str]
    ) -> None:
        """Store the answer; call inside the write's transaction.

        Raises `KeyTakenOver` if the claim was lost, which rolls the write back.
        """
        completed = IdempotencyKey.objects.filter(
            pk=self.pk, claim=self.claim, state=KeyState.IN_FLIGHT
        ).update(
            state=KeyState.COMPLETED,
            status_code=status_code,
            body=body,
            headers=headers,
        )
        if not completed:
            raise KeyTakenOver

    def release(self) -> None:
        """Give the key back after a write that failed, and so wrote nothing."""
        IdempotencyKey.objects.filter(
            pk=self.pk, claim=self.claim, state=KeyState.IN_FLIGHT
        ).delete()


def _periods() -> tuple[timedelta, timedelta]:
    """Return how long a key is kept, and how long an in-flight claim holds."""
    return (
        timedelta(seconds=settings.IDEMPOTENCY_KEY_TTL_SECONDS),
        timedelta(seconds=settings.IDEMPOTENCY_CLAIM_SECONDS),
    )


def _new_claim(*, scope: str, key: str, fingerprint: str) -> KeyClaim | None:
    """Insert the key in flight and commit; None if the key is already there."""
    now = timezone.now()
    ttl, hold = _periods()
    claim = uuid.uuid4()
    try:
        with transaction.atomic():
            row = IdempotencyKey.objects.create(
                scope=scope,
                key=key,
                fingerprint=fingerprint,
                claim=claim,
                state=KeyState.IN_FLIGHT,
                created_at=now,
                locked_until=now + hold,
                expires_at=now + ttl,
            )
    except IntegrityError:
        return None
    return KeyClaim(pk=row.pk, claim=claim)


def _taken_over(*, row: IdempotencyKey, fingerprint: str) -> KeyClaim | None:
    """Claim an expired key, or one whose claim was abandoned, unless another did."""
    now = timezone.now()
    ttl, hold = _periods()
    claim = uuid.uuid4()
    taken = IdempotencyKey.objects.filter(pk=row.pk, claim=row.claim).update(
        fingerprint=fingerprint,
        claim=claim,
        state=KeyState.IN_FLIGHT,
        status_code=None,
        body=None,
        headers={},
        created_at=now,
        locked_until=now + hold,
        expires_at=now + ttl,
    )
    return KeyClaim(pk=row.pk, claim=claim) if taken else None


def _existing(
    *, row: IdempotencyKey, fingerprint: str
) -> StoredAnswer | KeyClaim | None:
    """Decide what a key already stored means for this request."""
    now = timezone.now()
    if row.expires_at <= now:
        return _taken_over(row=row, fingerprint=fingerprint)
    if row.fingerprint != fingerprint:
        raise KeyReused
    if row.state == KeyState.COMPLETED:
        # A constraint keeps status_code set on every completed row.
        return StoredAnswer(row.status_code or 0, row.body, dict(row.headers))
    if row.locked_until > now:
        raise KeyInFlight
    return _taken_over(row=row, fingerprint=fingerprint)


def key_claim(*, scope: str, key: str, fingerprint: str) -> KeyClaim | StoredAnswer:
    """Claim the key for this request, or return the answer to replay.

    Raises `KeyReused` (another body) or `KeyInFlight` (the first request
    has not answered yet, or the row kept changing under this one).
    """
    for _ in range(CLAIM_ATTEMPTS):
        if claim := _new_claim(scope=scope, key=key, fingerprint=fingerprint):
            return claim
        row = IdempotencyKey.objects.filter(scope=scope, key=key).first()
        if row is None:
            continue
        if outcome := _existing(row=row, fingerprint=fingerprint):
            return outcome
    raise KeyInFlight


def idempotency_keys_prune() -> int:
    """Delete expired keys; return how many. Idempotent by nature."""
    deleted, _ = IdempotencyKey.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
