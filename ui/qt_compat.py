"""Work-arounds for the Qt binding, each with the reason and how to tell when it can go."""

from __future__ import annotations

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
    import ctypes  # only where the leak is found: importing it costs start-up time

    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in a CPython release build.
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40
    return True


def skip_source_scans() -> bool:
    """Let PySide tell from a module's names, not its source, whether the module uses PySide.

    For its per-module `from __feature__ import ...` switches, PySide6 (6.11) reads the source of
    every module imported after it and looks for the word "PySide6" in it
    (`shibokensupport.feature._mod_uses_pyside`): at start-up, 135 modules and about 15 ms, 4% of
    the time to a visible window. This app selects no `__feature__`, so a module counts as using
    PySide when it holds a PySide6 module, class or object, which the window's modules all do.
    Does nothing (and returns False) where PySide has no such scan; remove it once PySide stops
    reading sources, or if the app ever uses `__feature__`.
    """
    import types

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False

    def uses_pyside(module: types.ModuleType) -> bool:
        for value in list(vars(module).values()):
            named = value if isinstance(value, types.ModuleType | type) else type(value)
            origin = getattr(named, "__module__", None) or getattr(named, "__name__", "")
            if isinstance(origin, str) and origin.startswith("PySide6"):
                return True
        return False

    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 - replacing a private hook
    return True
