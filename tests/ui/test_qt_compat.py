"""The work-arounds for the Qt binding: each applied only where it is needed, and harmless."""

from __future__ import annotations

import subprocess
import sys


def run_python(code: str, *, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh interpreter (so nothing this test process loaded is there); it must
    succeed."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def test_a_long_meeting_of_calls_that_return_nothing_does_not_kill_the_process() -> None:
    code = (
        "import sys\n"
        "from ui.qt_compat import keep_none_alive\n"
        "keep_none_alive()\n"
        "from PySide6.QtCore import QObject\n"
        "probe = QObject()\n"
        "for _ in range(300_000):\n"
        "    probe.setObjectName('x')\n"
        "print('alive')\n"
    )
    result = run_python(code)
    assert result.stdout.strip() == "alive"


def test_the_work_around_is_not_applied_where_none_does_not_leak() -> None:
    code = (
        "import sys\n"
        "from ui.qt_compat import keep_none_alive, none_refcount_leaks\n"
        "leaks = none_refcount_leaks()\n"
        "before = sys.getrefcount(None)\n"
        "applied = keep_none_alive()\n"
        "assert applied == (leaks and sys.version_info < (3, 12)), (applied, leaks)\n"
        "assert applied or abs(sys.getrefcount(None) - before) < 1000\n"
    )
    run_python(code)  # its asserts are the test


def test_imports_skip_the_feature_hook_and_pyside_still_loads_lazily() -> None:
    code = (
        "import builtins, sys, linecache\n"
        "import PySide6.QtCore\n"
        "from ui.qt_compat import skip_feature_imports\n"
        "flags = sys.modules['shibokensupport.feature'].pyside_feature_dict\n"
        "assert skip_feature_imports() and not skip_feature_imports()\n"
        "linecache.clearcache()\n"
        "from ui.marks import CURRENT\n"
        "from facilitator.talk_time import TalkTimeTally\n"
        "read = [f for f in linecache.cache if f.endswith(('marks.py', 'talk_time.py'))]\n"
        "from PySide6.QtWidgets import QLabel\n"
        "from PySide6.QtGui import QFont\n"
        "assert QFont('Sans', 12).pointSize() == 12 and QLabel.__name__ == 'QLabel'\n"
        "print('ui.marks' in flags, 'facilitator.talk_time' in flags, read)\n"
    )
    result = run_python(code)
    assert result.stdout.split() == ["False", "False", "[]"]


def test_qt_enums_built_the_fast_way_equal_those_built_the_general_way() -> None:
    """Every enum of QtCore, QtGui and QtWidgets, built through `build_enums_faster`, against the
    same members built by the enum machinery's general path (CPython's own equivalence check)."""
    code = (
        "import enum\n"
        "from ui.qt_compat import build_enums_faster\n"
        "general = enum.EnumType._create_\n"
        "assert build_enums_faster() and not build_enums_faster()\n"
        "from PySide6 import QtCore, QtGui, QtWidgets\n"
        "kinds = (enum.IntFlag, enum.Flag, enum.IntEnum, enum.Enum)\n"
        "def check(built):\n"
        "    kind = next(k for k in built.__mro__[1:] if k in kinds)\n"
        "    members = [(n, m.value) for n, m in built.__members__.items()]\n"
        "    reference = general(kind, built.__name__, members, boundary=enum.KEEP)\n"
        "    for key, value in vars(built).items():  # what PySide adds once built, either way\n"
        "        if callable(value) and key not in vars(reference):\n"
        "            setattr(reference, key, value)\n"
        "    enum._test_simple_enum(reference, built)\n"
        "    assert [(m.name, m.value) for m in reference] == [(m.name, m.value) for m in built]\n"
        "    return 1\n"
        "checked = 0\n"
        "for module in (QtCore, QtGui, QtWidgets):\n"
        "    for name in dir(module):\n"
        "        owner = getattr(module, name)\n"
        "        if isinstance(owner, enum.EnumType):\n"
        "            checked += check(owner)\n"
        "        elif isinstance(owner, type):\n"
        "            for value in list(vars(owner).values()):\n"
        "                if isinstance(value, enum.EnumType):\n"
        "                    checked += check(value)\n"
        "flags = QtCore.Qt.AlignmentFlag\n"
        "both = flags.AlignLeft | flags.AlignTop\n"
        "assert both & flags.AlignTop and int(both) == 0x21 and flags(0x21) == both\n"
        "assert QtCore.Qt.Key(0x41) is QtCore.Qt.Key.Key_A\n"
        "print(checked)\n"
    )
    result = run_python(code, timeout=300)
    assert int(result.stdout) > 500  # Qt's enums, not a handful


def test_enums_of_any_other_shape_are_built_the_general_way() -> None:
    code = (
        "import enum\n"
        "from ui.qt_compat import build_enums_faster\n"
        "shapes = [\n"
        "    (enum.Enum, 'Colour', 'RED GREEN', {}),\n"
        "    (enum.Flag, 'Strict', [('A', 1), ('B', 2)], {}),\n"
        "    (enum.IntEnum, 'Hidden', [('_private', 1), ('shown', 2)], {'boundary': enum.KEEP}),\n"
        "    (enum.IntEnum, 'Named', {'ONE': 1}, {'boundary': enum.KEEP}),\n"
        "    (enum.Enum, 'Valued', [('value', 1), ('other', 2)], {'boundary': enum.KEEP}),\n"
        "]\n"
        "def build():\n"
        "    made = [kind(name, names, **options) for kind, name, names, options in shapes]\n"
        "    return [[(m.name, m.value) for m in e] + [e._boundary_ if issubclass(e, enum.Flag)"
        " else None] for e in made]\n"
        "before = build()\n"
        "assert build_enums_faster()\n"
        "assert build() == before\n"
    )
    run_python(code)  # its asserts are the test
