"""Where time comes from: an injectable clock, and the one timestamp format the store uses.

Durations are always computed from stored timestamps, never by counting timer ticks, so a test can
run a three-hour meeting in milliseconds by moving a `FakeClock`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Clock(Protocol):
    """Anything that tells the current time as an aware UTC datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that only moves when told to: for tests and simulations."""

    def __init__(self, start: datetime | str = "2026-11-29T15:00:00.000Z") -> None:
        self._now = parse_timestamp(start) if isinstance(start, str) else start

    def now(self) -> datetime:
        return self._now

    def advance(self, *, seconds: float = 0, minutes: float = 0, ms: int = 0) -> datetime:
        self._now += timedelta(seconds=seconds, minutes=minutes, milliseconds=ms)
        return self._now

    def set(self, when: datetime | str) -> None:
        self._now = parse_timestamp(when) if isinstance(when, str) else when


def format_timestamp(when: datetime) -> str:
    """ISO 8601 UTC with milliseconds, e.g. `2026-11-29T18:02:03.123Z` (the data contract)."""
    utc = when.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def parse_timestamp(text: str) -> datetime:
    """Parse a stored timestamp back into an aware UTC datetime."""
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def timestamp_ms(text: str) -> int:
    """Milliseconds since the epoch of a stored timestamp: exact integers for durations."""
    return (parse_timestamp(text) - _EPOCH) // timedelta(milliseconds=1)


def now_timestamp(clock: Clock) -> str:
    return format_timestamp(clock.now())
