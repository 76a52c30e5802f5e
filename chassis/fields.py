"""Input fields that accept exactly what the OpenAPI schema says, and nothing more.

DRF's fields are lenient: a CharField takes the number 0 as "0", an
IntegerField takes "+1", "1.0" and Arabic-Indic digits (U+0661), a DecimalField
takes "1_000". A client that relies on that breaks the day the server is
rewritten, and a schema that does not say it misleads every client generator.
These fields take the JSON type the schema names and nothing else.
"""

import re
from collections.abc import Collection
from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from chassis.validators import VISIBLE_TEXT_PATTERN, validate_visible_text

MAX_ID = 2**63 - 1  # the largest id a database integer column can hold
# ASCII digits only: Python's int() would also read "+1" or Arabic-Indic digits.
QUERY_INTEGER = re.compile(r"(?:0|[1-9][0-9]*)", re.ASCII)
MONEY = re.compile(r"[0-9]{1,8}(?:\.[0-9]{1,2})?", re.ASCII)
MONEY_EXAMPLE = "9.99"


class StrictCharField(serializers.CharField):
    """A string, and only a string: the number 0 is not the text "0"."""

    def to_internal_value(self, data: object) -> str:
        """Refuse anything but a JSON string before DRF's own checks."""
        if not isinstance(data, str):
            self.fail("invalid")
        return str(super().to_internal_value(data))


@extend_schema_field(
    {
        "type": "string",
        "pattern": VISIBLE_TEXT_PATTERN,
        "description": (
            "Visible text: no control or formatting characters; spaces around "
            "it are trimmed."
        ),
    }
)
class VisibleTextField(StrictCharField):
    """Text people read: checked before trimming, and free of invisible characters.

    The length is checked on the text as sent, so the schema's `maxLength`
    means what it says even when the text is padded with spaces.
    """

    default_validators = [validate_visible_text]

    def to_internal_value(self, data: object) -> str:
        """Refuse text that is too long as sent, then trim it."""
        if isinstance(data, str) and self.max_length and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)


class StrictEmailField(serializers.EmailField):
    """An email address as sent: a JSON string, and not trimmed.

    An address padded with spaces is not a valid address, so the email
    validator refuses it instead of the field quietly repairing it.
    """

    def to_internal_value(self, data: object) -> str:
        """Refuse anything but a JSON string; keep the string as it is."""
        if not isinstance(data, str):
            self.fail("invalid")
        return data


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer: not a string of digits, not 1.0, not true."""

    def to_internal_value(self, data: object) -> int:
        """Refuse anything but a JSON integer before DRF's own checks."""
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return int(super().to_internal_value(data))


@extend_schema_field({"type": "string", "minLength": 1, "pattern": "^[^\\u0000]*$"})
class QueryTextField(serializers.CharField):
    """Text in a query string, compared as sent: spaces are part of it."""

    def __init__(self, *, required: bool = False, help_text: str = "") -> None:
        """Keep the text untrimmed; NUL stays refused, as databases cannot hold it."""
        super().__init__(required=required, help_text=help_text, trim_whitespace=False)


class QueryIntegerField(serializers.IntegerField):
    """A whole number in a query string, written with ASCII digits only."""

    def to_internal_value(self, data: object) -> int:
        """Refuse "+1", " 1", "1.0" and non-ASCII digits before DRF's checks."""
        if not isinstance(data, str) or not QUERY_INTEGER.fullmatch(data):
            self.fail("invalid")
        return int(super().to_internal_value(data))


class QueryBooleanField(serializers.BooleanField):
    """`true` or `false` in a query string, as OpenAPI writes booleans there."""

    default_error_messages = {"invalid": 'Must be "true" or "false".'}

    def to_internal_value(self, data: object) -> bool:
        """Read exactly "true" or "false"; DRF also takes "yes", "on", "1"..."""
        if data == "true":
            return True
        if data == "false":
            return False
        self.fail("invalid")


@extend_schema_field(
    {
        "type": "string",
        "format": "decimal",
        "pattern": f"^{MONEY.pattern}$",
        "example": MONEY_EXAMPLE,
        "description": (
            "An amount as a string: up to 8 digits, optionally a point and "
            "1 or 2 decimals."
        ),
    }
)
class MoneyField(serializers.DecimalField):
    """An amount of money as a JSON string such as "9.99", never a binary float."""

    default_error_messages = {
        "invalid": (
            'Enter an amount as a string such as "9.99": up to 8 digits, '
            "optionally a point and 1 or 2 decimals."
        ),
    }

    def validate_empty_values(self, data: object) -> tuple[bool, object]:
        """Refuse a blank string: DRF would read it as null, where null is allowed.

        A credit limit of `" "` would otherwise remove the limit.
        """
        if isinstance(data, str) and not data.strip():
            self.fail("invalid")
        return super().validate_empty_values(data)

    def to_internal_value(self, data: object) -> Decimal:
        """Refuse anything that is not a plain decimal string before DRF's checks."""
        if not isinstance(data, str) or not MONEY.fullmatch(data):
            self.fail("invalid")
        return super().to_internal_value(data)


class QueryIdListField(serializers.ListField):
    """Several ids in a query string, as OpenAPI writes arrays: `?ids=1&ids=7`."""

    def __init__(self, *, max_length: int, help_text: str = "") -> None:
        """Take 1 to max_length ids, each a whole number from 1."""
        super().__init__(
            child=QueryIntegerField(min_value=1, max_value=MAX_ID),
            required=False,
            allow_empty=False,
            min_length=1,
            max_length=max_length,
            help_text=help_text,
        )


def query_data(request: Request, *, lists: Collection[str] = ()) -> dict[str, object]:
    """Return the query parameters for a filter serializer.

    A plain dict keeps one value per name (DRF reads a missing boolean in a
    QueryDict as false); the names in `lists` keep every value they were given.
    """
    data: dict[str, object] = dict(request.query_params.dict())
    for name in lists:
        if name in request.query_params:
            data[name] = request.query_params.getlist(name)
    return data
