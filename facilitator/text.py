"""What the store accepts as text a person typed."""

from __future__ import annotations

import re

from facilitator.errors import InvalidInput

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text as typed, minus what no file can hold: lone surrogates become U+FFFD.

    Control characters are kept here (the record holds what was typed); each export removes what
    its own format cannot carry.
    """
    return _LONE_SURROGATE.sub("\ufffd", text)


def required_text(text: str, what: str) -> str:
    cleaned = clean_text(text).strip()
    if not cleaned:
        raise InvalidInput(f"{what} cannot be empty")
    return cleaned
