"""The JSON parser of the public API: exact numbers, and bodies the stack can store."""

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import IO

from rest_framework import parsers
from rest_framework.exceptions import ParseError

# The API's deepest body is an order: object, lines list, line object. Anything
# far deeper is garbage, refused before it can exhaust the stack later.
MAX_NESTING = 32


def _refuse_constant(name: str) -> object:
    """Refuse NaN and Infinity, which are not JSON although Python accepts them."""
    raise ValueError(f"{name} is not a valid JSON value")


def _refuse_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """Build an object, refusing a repeated key instead of keeping its last value."""
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise ValueError(f"the key {key!r} appears twice in one object")
        seen.add(key)
    return dict(pairs)


def _check_structure(data: object) -> None:
    r"""Walk the parsed body without recursion, checking its depth and its strings.

    A lone surrogate (`"\ud800"`) decodes to a Python string that cannot be
    encoded as UTF-8 again, so it would fail later, in the database or the
    response.
    """
    pending: list[tuple[object, int]] = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_NESTING:
            raise ParseError(
                f"JSON parse error - the body is nested more than {MAX_NESTING} deep."
            )
        if isinstance(value, dict):
            pending.extend((key, depth) for key in value)
            pending.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)
        elif isinstance(value, str) and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ParseError(
                    "JSON parse error - a string holds a lone surrogate "
                    "(e.g. \\ud800), which is not valid Unicode."
                ) from exc


class JSONParser(parsers.JSONParser):
    """Parse JSON exactly, and refuse what the rest of the stack cannot handle.

    Numbers with a fraction or an exponent become `Decimal`, not `float`: a
    price of `0.1` stays 0.1, and `1e999` stays a number instead of turning
    into infinity (which nothing downstream could validate or render).
    """

    # DRF's stubs promise a dict, but a JSON body may be any value; the input
    # serializers refuse whatever is not an object.
    def parse(  # type: ignore[override]
        self,
        stream: IO[bytes],
        media_type: str | None = None,
        parser_context: Mapping[str, object] | None = None,
    ) -> object:
        """Decode the body, then check its depth and its strings."""
        encoding = str((parser_context or {}).get("encoding") or "utf-8")
        data = _load_json(_decode(stream.read(), encoding=encoding))
        _check_structure(data)
        return data


def _decode(body: bytes, *, encoding: str) -> str:
    """Turn the body into text in its declared charset, or raise `ParseError`."""
    try:
        return body.decode(encoding)
    except LookupError as exc:
        message = f"JSON parse error - unknown charset {encoding!r}."
        raise ParseError(message) from exc
    except UnicodeDecodeError as exc:
        raise ParseError(f"JSON parse error - the body is not {encoding}.") from exc


def _load_json(text: str) -> object:
    """Parse JSON text with exact numbers, or raise `ParseError` naming the fault."""
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_refuse_constant,
            object_pairs_hook=_refuse_duplicate_keys,
        )
    except RecursionError as exc:
        message = "JSON parse error - the body is nested too deeply."
        raise ParseError(message) from exc
    except ValueError as exc:
        raise ParseError(f"JSON parse error - {exc}") from exc
