"""The system clock follows the computer's clock forward, never backwards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from facilitator.clock import SystemClock


def test_the_system_clock_runs_on_when_the_computers_clock_is_set_back() -> None:
    wall = [datetime(2026, 11, 29, 15, 0, tzinfo=UTC)]
    steady = [100.0]
    clock = SystemClock(wall=lambda: wall[0], steady=lambda: steady[0])
    first = clock.now()
    wall[0] -= timedelta(hours=1)  # a time server corrects the clock by an hour
    steady[0] += 2.0
    assert clock.now() == first + timedelta(seconds=2)
    steady[0] += 3.0
    assert clock.now() == first + timedelta(seconds=5)


def test_the_system_clock_follows_a_jump_forward() -> None:
    """A laptop waking after 45 minutes asleep (the monotonic clock did not run meanwhile)."""
    wall = [datetime(2026, 11, 29, 15, 0, tzinfo=UTC)]
    steady = [100.0]
    clock = SystemClock(wall=lambda: wall[0], steady=lambda: steady[0])
    first = clock.now()
    wall[0] += timedelta(minutes=45)
    assert clock.now() == first + timedelta(minutes=45)


def test_the_system_clock_reads_the_real_time_by_default() -> None:
    before = datetime.now(UTC)
    assert before <= SystemClock().now() <= datetime.now(UTC)
