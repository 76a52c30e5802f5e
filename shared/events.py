"""Events that cross between services, their JSON form, and the in-process bus.

Events are frozen, keyword-only dataclasses named in the past tense, each with
an id (to recognise a second delivery), a UTC timestamp and the version of the
entity it is about. Evolve them by adding fields with defaults, never by
renaming: a reader takes an event without the new fields (they get their
defaults) and ignores fields it does not know, so senders and receivers can
be upgraded one at a time. Since stage 2 the users service sends them as
JSON (`event_to_json`, over HTTP by shared/webhooks.py) and the monolith reads
them back (`event_from_json`) and publishes them on its `EventBus`, where the
handlers of orders run. See docs/02-users-service.md, "The observer over HTTP".
"""

from collections.abc import Callable
from dataclasses import MISSING, Field, dataclass, field, fields
from datetime import UTC, datetime, timedelta
from typing import Protocol, TypeVar, cast, get_type_hints, runtime_checkable
from uuid import UUID, uuid4


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, kw_only=True)
class Event:
    """What every event carries: a unique id and when it happened, in UTC."""

    event_id: UUID = field(default_factory=uuid4)
    occurred_at: datetime = field(default_factory=_now)

    def __post_init__(self) -> None:
        """Refuse a timestamp that is not in UTC, naive ones included."""
        if self.occurred_at.utcoffset() != timedelta(0):
            raise ValueError("occurred_at must be a timezone-aware UTC datetime")


# The largest id and version an event may carry: what the databases' integer
# columns for them hold (a 64-bit id, a positive 32-bit version).
LARGEST_ID = 2**63 - 1
LARGEST_VERSION = 2**31 - 1


@dataclass(frozen=True, kw_only=True)
class UserDeactivated(Event):
    """A user was deactivated; `user_version` is their version after the change."""

    user_id: int
    user_version: int

    def __post_init__(self) -> None:
        """Refuse an id or a version no user can have."""
        super().__post_init__()
        if not 1 <= self.user_id <= LARGEST_ID:
            raise ValueError(f"user_id must be between 1 and {LARGEST_ID}")
        if not 1 <= self.user_version <= LARGEST_VERSION:
            raise ValueError(f"user_version must be between 1 and {LARGEST_VERSION}")


# The events that may travel between processes, by the name they travel under.
EVENT_TYPES: dict[str, type[Event]] = {"UserDeactivated": UserDeactivated}


class EventMalformed(ValueError):
    """A JSON document does not describe an event this code knows."""


def event_to_json(event: Event) -> dict[str, object]:
    """Write an event as JSON-ready data: its type name and every field."""
    data: dict[str, object] = {"type": type(event).__name__}
    for name, value in vars(event).items():
        if isinstance(value, UUID):
            value = str(value)
        elif isinstance(value, datetime):
            value = value.isoformat()
        data[name] = value
    return data


def event_from_json(data: object) -> Event:
    """Read an event written by `event_to_json`, or raise `EventMalformed`."""
    if not isinstance(data, dict):
        raise EventMalformed("not an event of a known type")
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in EVENT_TYPES:
        raise EventMalformed("not an event of a known type")
    event_type = EVENT_TYPES[kind]
    hints = get_type_hints(event_type)
    required = [field.name for field in fields(event_type) if _is_required(field)]
    if missing := [name for name in required if name not in data]:
        raise EventMalformed(f"{kind} needs {', '.join(missing)}")
    # Fields this code does not know are a newer sender's; they are ignored.
    known = [field.name for field in fields(event_type) if field.name in data]
    values = {name: _read(name, hints[name], data[name]) for name in known}
    construct = cast(Callable[..., Event], event_type)
    try:
        return construct(**values)
    except ValueError as exc:
        raise EventMalformed(f"{kind}: {exc}") from None


def _is_required(event_field: Field[object]) -> bool:
    """Tell whether a field has no default, so every event must carry it."""
    return event_field.default is MISSING and event_field.default_factory is MISSING


# How each field type travels in JSON, and how a message names it.
JSON_SPELLING: dict[object, tuple[type, str]] = {
    int: (int, "an integer"),
    str: (str, "a string"),
    UUID: (str, "a UUID string"),
    datetime: (str, "an ISO 8601 UTC timestamp"),
}


def _read(name: str, kind: object, value: object) -> object:
    """Read one field's JSON value as its Python type, or raise `EventMalformed`."""
    json_type, spelled = JSON_SPELLING[kind]
    if type(value) is not json_type:
        raise EventMalformed(f"{name} must be {spelled}")
    try:
        if kind is UUID:
            return UUID(str(value))
        if kind is datetime:
            return datetime.fromisoformat(str(value))
    except ValueError:
        raise EventMalformed(f"{name} must be {spelled}") from None
    return value


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
    a failing handler stops it with `EventHandlerFailed`. In the monolith the
    publisher is the event receiver (api/events.py), which then answers 500 so
    the sending service delivers the event again.
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
