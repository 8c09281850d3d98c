"""Fixtures shared by the core tests of the minutes."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.facilitator.minutes_reading import time_zone


@pytest.fixture
def central() -> Iterator[None]:
    """The computer's local time is US Central (the minutes show local times)."""
    if not hasattr(time, "tzset"):
        pytest.skip("setting the local time zone needs time.tzset (Unix)")
    with time_zone("America/Chicago"):
        yield
