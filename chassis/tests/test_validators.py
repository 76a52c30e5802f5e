"""Tests of the visible-text rule for names."""

import pytest
from django.core.exceptions import ValidationError

from chassis.validators import invisible_characters, validate_visible_text

ZWNJ = "\N{ZERO WIDTH NON-JOINER}"
ZWJ = "\N{ZERO WIDTH JOINER}"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ann Lee", []),
        ("\u202eevil", ["\u202e"]),
        ("a\u200bb\u200b", ["\u200b", "\u200b"]),
        ("Ann\nLee", ["\n"]),
        ("\u0645\u06cc" + ZWNJ + "\u062e", []),
        (ZWJ, [ZWJ]),
        ("Ann " + ZWJ + "Lee", [ZWJ]),
        ("Ann" + ZWJ, [ZWJ]),
    ],
    ids=[
        "plain",
        "override",
        "zero-width-spaces",
        "newline",
        "joined",
        "lone-joiner",
        "joiner-after-space",
        "trailing-joiner",
    ],
)
def test_invisible_characters_finds_control_and_format_characters(text, found):
    assert invisible_characters(text) == found


def test_validate_visible_text_names_each_code_point_once():
    with pytest.raises(ValidationError) as raised:
        validate_visible_text("a\u200bb\u200bc\u202e")

    assert raised.value.messages == [
        "Use only visible characters; this text holds U+200B, U+202E."
    ]


def test_validate_visible_text_accepts_emoji_sequences():
    validate_visible_text("\U0001f469" + ZWJ + "\U0001f4bb")
