"""Events that cross between services, their JSON form, and the in-process bus.

Events are frozen, keyword-only msgspec Structs named in the past tense, each
with an id (to recognise a second delivery), a UTC timestamp and the version
of the entity it is about. Evolve them by adding fields with defaults, never
by renaming: a reader gives an event without the new fields their defaults and
ignores fields it does not know, so senders and receivers can be upgraded one
at a time. Since stage 2 the users service sends them as JSON (`event_to_json`,
over HTTP by shared/webhooks.py) and the receiving project reads them back
(`event_from_json`) and publishes them on its `EventBus`. See
docs/02-users-service.md, "The observer over HTTP".

Why msgspec: its Structs are frozen, keyword-only, typed classes like the
dataclasses they replace, and it decodes strictly by default ("1" is not 1,
1 is not true), naming the field that is wrong; it is small and fast, and
depends on nothing else. pydantic is the common alternative: heavier, and
lax by default, coercing "1" to 1 unless told otherwise.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Annotated, Protocol, TypeVar, Union, cast, runtime_checkable
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

    Its JSON names its class: `{"type": "UserDeactivated", ...}`. A subclass
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


class UserDeactivated(Event, frozen=True, kw_only=True):
    """A user was deactivated; `user_version` is their version after the change."""

    user_id: EntityId
    user_version: Version


# The events that may travel between processes; each travels under its name.
EVENT_TYPES: tuple[type[Event], ...] = (UserDeactivated,)


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


E = TypeVar("E", bound=Event)
Handler = Callable[[Event], None]


@runtime_checkable
class EventPublisher(Protocol):
    """What users publishes through: HTTP after commit, or an `EventBus` in tests."""

    def publish(self, event: Event) -> None:
        """Hand the event over for delivery: at once, or once the change commits."""
        ...


class EventHandlerFailed(Exception):
    """A handler raised while handling an event; `EventBus.publish` raises this."""

    def __init__(self, *, event: Event, handler: Handler, cause: Exception) -> None:
        """Name the event, the handler and what went wrong."""
        name = getattr(handler, "__qualname__", repr(handler))
        super().__init__(
            f"{type(event).__name__} {event.event_id} was not handled: "
            f"{name} raised {type(cause).__name__}: {cause}"
        )
        self.event = event
        self.handler = handler
        self.cause = cause


class EventBus:
    """Delivers each event to its type's handlers, in this process, one after another.

    Delivery is synchronous: `publish` returns once every handler has run, and
    a failing handler stops it with `EventHandlerFailed`. Behind HTTP the
    publisher is the chassis' event receiver (chassis/webhooks.py), which then
    answers 500 so the sending service delivers the event again.
    """

    def __init__(self) -> None:
        """Start with no subscribers."""
        self._handlers: dict[type[Event], list[Handler]] = {}

    def subscribe(
        self, event_type: type[E], handler: Callable[[E], None]
    ) -> Callable[[], None]:
        """Call handler for every event of event_type; return a way to unsubscribe."""
        # Only events of event_type reach this handler, so widening its type is safe.
        handlers = self._handlers.setdefault(event_type, [])
        handlers.append(cast(Handler, handler))
        return lambda: handlers.remove(cast(Handler, handler))

    def publish(self, event: Event) -> None:
        """Run every handler of the event's type; raise if one fails."""
        for handler in list(self._handlers.get(type(event), [])):
            try:
                handler(event)
            except Exception as exc:
                raise EventHandlerFailed(
                    event=event, handler=handler, cause=exc
                ) from exc
