"""The None work-around: applied only where the binding leaks, and then None cannot die."""

from __future__ import annotations

import subprocess
import sys


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
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]
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
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]


def test_pyside_tells_modules_that_use_it_without_reading_their_source() -> None:
    code = (
        "import sys, linecache\n"
        "import PySide6.QtCore\n"
        "from ui.qt_compat import skip_source_scans\n"
        "assert skip_source_scans()\n"
        "linecache.clearcache()\n"
        "from ui.marks import CURRENT\n"
        "from facilitator.talk_time import TalkTimeTally\n"
        "flags = sys.modules['shibokensupport.feature'].pyside_feature_dict\n"
        "read = [f for f in linecache.cache if f.endswith(('marks.py', 'talk_time.py'))]\n"
        "print(flags['ui.marks'], flags['facilitator.talk_time'], read)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.split() == ["0", "-1", "[]"]
