"""Where time comes from: an injectable clock, and the one timestamp format the store uses.

Durations are always computed from stored timestamps, never by counting timer ticks, so a test can
run a three-hour meeting in milliseconds by moving a `FakeClock`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Clock(Protocol):
    """Anything that tells the current time as an aware UTC datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real wall clock, which never goes backwards while the app runs.

    The computer's clock can be set back mid-meeting (a time server correcting it, someone
    changing it); a turn would then end before it began. So time runs on by the monotonic clock
    from the last reading whenever the wall clock falls behind it. A jump forward is followed: a
    laptop waking from sleep has truly been away that long (the session records the gap as an
    interruption, see `ui.session.Session.keep_alive`).
    """

    def __init__(
        self,
        wall: Callable[[], datetime] = lambda: datetime.now(UTC),
        steady: Callable[[], float] = time.monotonic,
    ) -> None:
        self._wall, self._steady = wall, steady  # the sources, replaceable in a test
        self._last: datetime | None = None
        self._last_steady = 0.0

    def now(self) -> datetime:
        wall = self._wall()
        steady = self._steady()
        if self._last is not None:
            wall = max(wall, self._last + timedelta(seconds=steady - self._last_steady))
        self._last, self._last_steady = wall, steady
        return wall


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
