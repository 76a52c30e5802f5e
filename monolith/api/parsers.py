"""The JSON parser of the public API: DRF's, plus two inputs it lets through as 500s."""

from collections.abc import Mapping
from typing import IO

from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.renderers import JSONRenderer


class JSONParser(parsers.JSONParser):
    r"""Reject JSON that Python parses but the rest of the stack cannot handle.

    Deep nesting makes the decoder (or, on newer Pythons, which decode deeper,
    the encoder) raise `RecursionError`, and a lone surrogate
    (`"\ud800"`) decodes to a string that cannot be encoded to UTF-8 again, so
    it would fail later, in the database or the response. Both are a 400 here.
    """

    def parse(
        self,
        stream: IO[bytes],
        media_type: str | None = None,
        parser_context: Mapping[str, object] | None = None,
    ) -> dict[str, object]:
        """Parse the body, then prove every string in it is valid Unicode."""
        try:
            data = super().parse(stream, media_type, parser_context)
            JSONRenderer().render(data)
        except RecursionError as exc:
            raise ParseError(
                "JSON parse error - the body is nested too deeply."
            ) from exc
        except UnicodeEncodeError as exc:
            raise ParseError(
                "JSON parse error - a string holds a lone surrogate (e.g. \\ud800), "
                "which is not valid Unicode."
            ) from exc
        return data
