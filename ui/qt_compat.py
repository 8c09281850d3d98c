"""Work-arounds for the Qt binding, each with the reason and how to tell when it can go."""

from __future__ import annotations

import ctypes
import sys

_PROBE_CALLS = 64


def none_refcount_leaks() -> bool:
    """True when calls that return nothing take a reference to None away (the bug below)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")  # a call that returns nothing
    return sys.getrefcount(None) < before - _PROBE_CALLS // 2


def keep_none_alive() -> bool:
    """Make None, True and False immortal, as CPython 3.12 does, when the binding leaks them.

    PySide6-Essentials 6.12.0 (the cp310-abi3 wheel) drops one reference to None for every call
    that returns nothing (QWidget.update(), QCoreApplication.processEvents(), setText(), ...),
    and some paths drop references to True and False too. On CPython 3.12+ these objects are
    immortal and nothing happens; on 3.11 a count reaches zero and the process dies with "Fatal
    Python error: none_dealloc" (or bool_dealloc) within minutes of a live meeting: the window's
    one-second repaint alone drops about 45 references to None and 4 to True. Checked, not
    assumed: this does nothing where the leak is absent. Remove once the app requires Python 3.12
    or a fixed PySide6. Returns whether the work-around was applied.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not none_refcount_leaks():
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in a CPython release build.
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40
    return True
