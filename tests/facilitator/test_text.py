"""What the store accepts as typed: dates as US facilitators write them."""

from __future__ import annotations

import datetime as dt

import pytest

from facilitator.errors import InvalidInput
from facilitator.text import typed_date


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-12-20", dt.date(2026, 12, 20)),
        ("12/20/2026", dt.date(2026, 12, 20)),
        ("1/5/2027", dt.date(2027, 1, 5)),
        ("01/05/2027", dt.date(2027, 1, 5)),
        (" 12/20/2026 ", dt.date(2026, 12, 20)),
    ],
)
def test_a_date_is_iso_or_month_day_year(typed: str, day: dt.date) -> None:
    assert typed_date(typed) == day


@pytest.mark.parametrize("typed", [None, "", "   "])
def test_nothing_typed_is_no_date(typed: str | None) -> None:
    assert typed_date(typed) is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1/2/26", "'1/2/26' needs the year in full (MM/DD/YYYY)"),
        ("20/12/2026", "'20/12/2026' is not a date (use MM/DD/YYYY or YYYY-MM-DD)"),
        ("2/30/2026", "'2/30/2026' is not a date (use MM/DD/YYYY or YYYY-MM-DD)"),
        ("12-20-2026", "'12-20-2026' is not a date (use MM/DD/YYYY or YYYY-MM-DD)"),
        ("next week", "'next week' is not a date (use MM/DD/YYYY or YYYY-MM-DD)"),
    ],
)
def test_what_is_not_a_date_is_refused_in_one_clear_line(typed: str, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        typed_date(typed)
    assert str(refused.value) == message


def test_a_pasted_paragraph_is_refused_in_one_short_line() -> None:
    with pytest.raises(InvalidInput) as refused:
        typed_date("12/20/2026\nand then the\r\nnext review in spring, after the evaluation")
    message = str(refused.value)
    assert message.splitlines() == [message]
    assert message.startswith("'12/20/2026 and then the next…' is not a date")
