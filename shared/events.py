"""Events that cross between services, and their JSON form.

Events are frozen, keyword-only msgspec Structs named in the past tense, each
with an id (to recognise a second delivery), a UTC timestamp and the version
of the entity it is about. Evolve them by adding fields with defaults, never
by renaming: a reader gives an event without the new fields their defaults and
ignores fields it does not know, so senders and receivers can be upgraded one
at a time. Since stage 4 the users service writes each change's event to its
outbox and a Celery task carries it, as JSON (`event_to_json`), to every
subscriber's queue; each subscriber reads it back (`event_from_json`). See
docs/04-celery-sync.md, "The observer".

Why msgspec: its Structs are frozen, keyword-only, typed classes like the
dataclasses they replace, and it decodes strictly by default ("1" is not 1,
1 is not true), naming the field that is wrong; it is small and fast, and
depends on nothing else. pydantic is the common alternative: heavier, and
lax by default, coercing "1" to 1 unless told otherwise.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Annotated, Literal, Union, get_args
from uuid import UUID, uuid4

import msgspec

# The largest id and version an event may carry: what the databases' integer
# columns for them hold (a 64-bit id, a positive 32-bit version).
LARGEST_ID = 2**63 - 1
LARGEST_VERSION = 2**31 - 1

# Field types for events. msgspec checks their `Meta` constraints when it
# reads an event from another process; a Struct built in code is not
# checked (that keeps building one cheap), so build events from stored rows.
EntityId = Annotated[int, msgspec.Meta(ge=1, le=LARGEST_ID)]
Version = Annotated[int, msgspec.Meta(ge=1, le=LARGEST_VERSION)]
# `tz=True` refuses a naive timestamp, but takes any offset: `Event` adds UTC.
UtcDatetime = Annotated[datetime, msgspec.Meta(tz=True)]


def _now() -> datetime:
    return datetime.now(UTC)


class Event(msgspec.Struct, frozen=True, kw_only=True, tag_field="type", tag=True):
    """What every event carries: a unique id and when it happened, in UTC.

    Its JSON names its class: `{"type": "UserChanged", ...}`. A subclass
    says `frozen=True, kw_only=True` again: msgspec, like dataclasses,
    applies `kw_only` only to the fields a class declares itself, and mypy
    wants `frozen` repeated.
    """

    event_id: UUID = msgspec.field(default_factory=uuid4)
    occurred_at: UtcDatetime = msgspec.field(default_factory=_now)

    def __post_init__(self) -> None:
        """Refuse a timestamp that is not in UTC, when built and when read."""
        if self.occurred_at.utcoffset() != timedelta(0):
            raise ValueError("occurred_at must be a timezone-aware UTC datetime")


# How users' events travel: the users service's relay publishes each as a
# Celery task message named USER_CHANGED_TASK to the direct exchange
# USERS_EXCHANGE, with the routing key `user.<change>`. A subscriber binds a
# queue of its own to the exchange, with each key of USER_ROUTING_KEYS it
# wants, and registers a task under that name in its own worker; the users
# service never learns who listens. The name is
# the contract's, owned by users, so it names the event rather than what a
# subscriber does with it. See docs/04-celery-sync.md, "The observer".
USERS_EXCHANGE = "users.events"
# Direct, not topic: see docs/04-celery-sync.md, "The observer".
USERS_EXCHANGE_TYPE = "direct"
USER_CHANGED_TASK = "users.user_changed"

Change = Literal["created", "updated", "deactivated"]
USER_ROUTING_KEYS = tuple(f"user.{change}" for change in get_args(Change))
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Email = Annotated[str, msgspec.Meta(min_length=3, max_length=254)]


class UserChanged(Event, frozen=True, kw_only=True):
    """A user was created, updated or deactivated; it carries the user as now.

    `user_version` is the user's version after the change. `sequence` is the
    change's place in the users service's outbox: it only grows, and the
    changes feed is ordered by it. A subscriber may use the data (event-
    carried state) or take the event as a notice and ask for the user.
    `credit_limit` travels as a string, as money does in this project's JSON.
    """

    change: Change
    user_id: EntityId
    user_version: Version
    name: Name
    email: Email
    is_active: bool
    sequence: EntityId
    # Added in stage 5, with a default, so events written before it still
    # read: None, no limit. Orders checks credit only for users with one.
    credit_limit: Decimal | None = None

    @property
    def routing_key(self) -> str:
        """Return the key subscribers bind to: `user.created`, `user.updated`..."""
        return f"user.{self.change}"


# The events that may travel between processes; each travels under its name.
EVENT_TYPES: tuple[type[Event], ...] = (UserChanged,)


class EventMalformed(ValueError):
    """A JSON document does not describe an event this code knows."""


def event_to_json(event: Event) -> dict[str, object]:
    """Write an event as JSON-ready data: its type name and every field.

    UUIDs, timestamps (RFC 3339, UTC as `Z`) and decimals become strings, so
    an amount never travels as a binary float.
    """
    data: dict[str, object] = msgspec.to_builtins(event)
    return data


def event_from_json(
    data: object, *, event_types: Iterable[type[Event]] = EVENT_TYPES
) -> Event:
    """Read an event written by `event_to_json`, or raise `EventMalformed`.

    `data` is parsed JSON. Its `type` picks one of `event_types`; fields that
    type does not know (a newer sender's) are ignored, missing ones with a
    default get it. The error names the field at fault, e.g. "Expected `int`,
    got `str` - at `$.user_id`".
    """
    try:
        event: Event = msgspec.convert(data, type=_one_of(tuple(event_types)))
    except msgspec.ValidationError as exc:
        raise EventMalformed(str(exc)) from None
    return event


@cache
def _one_of(event_types: tuple[type[Event], ...]) -> object:
    """Return the union of these types, which msgspec tells apart by `type`."""
    # A union built at run time from a tuple: `X | Y` cannot spell that.
    return Union[event_types]  # noqa: UP007
