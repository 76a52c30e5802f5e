"""Validators for the free text the API stores: names people read."""

import unicodedata
from collections.abc import Iterable

from django.core.exceptions import ValidationError

# Control characters (Cc: tab, newline, NUL...), format characters (Cf:
# zero-width spaces, direction overrides, the byte order mark) and line and
# paragraph separators (Zl, Zp). In a name they hide text, reorder it on
# screen or break the layout of whatever shows it.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
# Persian words and emoji sequences are written with these two; between two
# visible characters they are part of the text and are kept.
JOINERS = frozenset({"\N{ZERO WIDTH NON-JOINER}", "\N{ZERO WIDTH JOINER}"})


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) in INVISIBLE_CATEGORIES


def _joins_visible_characters(text: str, index: int) -> bool:
    """Tell whether text[index] is a joiner between two visible characters."""
    if text[index] not in JOINERS or not 0 < index < len(text) - 1:
        return False
    neighbours = (text[index - 1], text[index + 1])
    return not any(_is_invisible(char) or char.isspace() for char in neighbours)


def invisible_characters(text: str) -> list[str]:
    """Return the control and format characters of text, joiners in words aside."""
    return [
        char
        for index, char in enumerate(text)
        if _is_invisible(char) and not _joins_visible_characters(text, index)
    ]


def validate_visible_text(value: str) -> None:
    """Refuse text holding control or formatting characters, naming them."""
    found = invisible_characters(value)
    if found:
        codes = ", ".join(dict.fromkeys(f"U+{ord(char):04X}" for char in found))
        raise ValidationError(
            f"Use only visible characters; this text holds {codes}.",
            code="invisible",
        )


def _char_class(code_points: Iterable[int], *, negated: bool = False) -> str:
    r"""Write code points as a regex character class of ranges.

    Characters are written as `\uXXXX` escapes, which Python and ECMAScript
    regexes both read; the caller passes only characters of the Basic
    Multilingual Plane, since ECMAScript cannot name others outside `u` mode.
    """
    points = sorted(code_points)
    ranges: list[tuple[int, int]] = []
    for point in points:
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], point)
        else:
            ranges.append((point, point))

    def char(point: int) -> str:
        """Write one code point as a regex escape."""
        return f"\\u{point:04x}"

    parts = (
        char(low) if low == high else f"{char(low)}-{char(high)}"
        for low, high in ranges
    )
    return f"[{'^' if negated else ''}{''.join(parts)}]"


def _visible_text_pattern() -> str:
    """Spell the rule `validate_visible_text` applies (after trimming) as a regex.

    The OpenAPI schema publishes this pattern, so the schema and the server
    cannot disagree about which names are valid: both come from this module.
    A name is visible text, optionally separated by spaces or by a single
    joiner, with any whitespace around it (which the API trims).
    """
    # The few format characters above U+FFFF (tag characters and the like) stay
    # out of the pattern: ECMAScript cannot name them portably. The validator
    # still refuses them.
    every = range(0x10000)
    space = {point for point in every if chr(point).isspace()}
    # Lone surrogates (Cs) are left out: JSON cannot carry them as text, the
    # parser refuses them, and some regex engines cannot even name them.
    hidden = {point for point in every if _is_invisible(chr(point))}
    outer = _char_class(space)
    inner = _char_class(space - hidden)
    joiner = _char_class(ord(char) for char in JOINERS)
    visible = _char_class(space | hidden, negated=True)
    return f"^{outer}*{visible}+(?:(?:{inner}+|{joiner}){visible}+)*{outer}*$"


VISIBLE_TEXT_PATTERN = _visible_text_pattern()
