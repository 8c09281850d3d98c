"""What the store accepts as text a person typed."""

from __future__ import annotations

import datetime as dt
import re

from facilitator.errors import InvalidInput

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_US_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]+)")
_SHOWN = 30  # characters of a refused date echoed back: enough to spot the typo


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


def typed_date(text: str | None) -> dt.date | None:
    """A calendar day as typed: `YYYY-MM-DD`, or month/day/year in US order with slashes
    (`12/20/2026`, `1/5/2027`); None when nothing is typed.

    The year is written in full: `1/2/26` is refused rather than guessed. A refusal is one line
    that repeats what was typed.
    """
    typed = (text or "").strip()
    if not typed:
        return None
    us = _US_DATE.fullmatch(typed)
    if us and len(us[3]) < 4:
        raise InvalidInput(f"'{_shown(typed)}' needs the year in full (MM/DD/YYYY)")
    try:
        if us:
            return dt.date(int(us[3]), int(us[1]), int(us[2]))
        return dt.date.fromisoformat(typed)
    except ValueError:
        raise InvalidInput(
            f"'{_shown(typed)}' is not a date (use MM/DD/YYYY or YYYY-MM-DD)"
        ) from None


def _shown(typed: str) -> str:
    """What was typed, on one line and short: a pasted paragraph must not become the message."""
    line = clean_text(" ".join(typed.split()))
    return line if len(line) <= _SHOWN else line[: _SHOWN - 1].rstrip() + "…"
