"""Validators for the free text the API stores: names people read."""

import unicodedata

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
