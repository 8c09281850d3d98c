"""Start to a visible window, against a bare PySide6 QMainWindow script (goal: <= 2x).

    python benchmarks/bench_window_start.py [--runs 9]

Needs a display: under Xvfb it is run as `xvfb-run -a -s "-screen 0 1366x768x24" python ...`
(the script does that itself when there is no DISPLAY and xvfb-run is installed). Each start is a
fresh process, timed from spawn until the window is exposed on screen; the two scripts take turns,
and the figures are medians.
The app starts as the `facilitator` command does (`ui.launcher.main`, with `--db`), on a workspace
holding the sample case, and opens its last meeting. Its code runs in the command's own order: the
only addition is the check for the exposed window, armed as soon as the app has made its
QApplication (until the ninth session the script made the QApplication itself, before any of the
app's code ran: PySide then built its first enums the slow way, which the command never does;
`--qapplication-first` measures that way still).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1366, 768)
window.show()
def check():
    handle = window.windowHandle()
    if handle is not None and handle.isExposed():
        print("visible", flush=True)
        app.quit()
    else:
        QTimer.singleShot(1, check)
QTimer.singleShot(0, check)
app.exec()
"""

_CHECK = """
import sys


def check_when_shown(app):
    # Print "visible" (and whether two libraries start-up leaves out were loaded) once the main
    # window is exposed, then close it. PySide is imported here, after `app` exists.
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMainWindow

    def check():
        for widget in app.topLevelWidgets():
            handle = widget.windowHandle()
            if isinstance(widget, QMainWindow) and handle is not None and handle.isExposed():
                print("visible", "docx" in sys.modules, "click" in sys.modules, flush=True)
                widget.close()
                return
        QTimer.singleShot(1, check)

    QTimer.singleShot(0, check)
"""

APP = (
    _CHECK
    + """
import ui.app as facilitator_app

made_application = facilitator_app._application


def application_then_check():
    # The app's QApplication is made by the app (importing PySide its own way): only then is
    # there an event loop to check from.
    app, settings = made_application()
    check_when_shown(app)
    return app, settings


facilitator_app._application = application_then_check
sys.argv = ["facilitator", "--db", sys.argv[1]]
from ui.launcher import main
main()
"""
)

APP_AFTER_QAPPLICATION = (
    _CHECK
    + """
from PySide6.QtWidgets import QApplication

check_when_shown(QApplication(sys.argv[:1]))
sys.argv = ["facilitator", "--db", sys.argv[1]]
from ui.launcher import main
main()
"""
)


def time_start(code: str, args: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Seconds from spawn to the child printing 'visible', and what it printed."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.wait(timeout=60)
    if not line.startswith("visible"):
        raise SystemExit(f"the window never became visible (exit {child.returncode})")
    return elapsed, line.strip()


def child_env(home: Path) -> dict[str, str]:
    """Settings, data and cache of the child go to a temp folder, never the user's. Bytecode is
    cached (in the temp folder, not the source tree), as it is for an installed app."""
    env = dict(os.environ)
    env.update(
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    env.setdefault("QT_QPA_PLATFORM", "xcb")
    return env


def taking_turns(
    starts: list[tuple[str, list[str]]], env: dict[str, str], runs: int
) -> list[list[float]]:
    """`runs` start times of each (code, args), the scripts taking turns so that all of them meet
    the machine in the same state: on a shared machine the speed drifts by a third in a minute."""
    for code, args in starts:
        time_start(code, args, env)  # warm the file and bytecode caches
    times: list[list[float]] = [[] for _ in starts]
    for _ in range(runs):
        for (code, args), taken in zip(starts, times, strict=True):
            taken.append(time_start(code, args, env)[0])
    return times


def demo_workspace(folder: Path) -> Path:
    from facilitator.demo import create_demo
    from facilitator.store import Workspace

    path = folder / "demo.sqlite3"
    with Workspace.open(path) as ws:
        create_demo(ws)
    return path


def ensure_display() -> None:
    if os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        raise SystemExit("no display: run under Xvfb (xvfb-run -a python ...)")
    os.execv(xvfb, [xvfb, "-a", "-s", "-screen 0 1366x768x24", sys.executable, *sys.argv])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--qapplication-first",
        action="store_true",
        help="make the QApplication before any app code runs (the script until 2026-11-30)",
    )
    options = parser.parse_args()
    app_code = APP_AFTER_QAPPLICATION if options.qapplication_first else APP
    ensure_display()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = child_env(folder)
        path = demo_workspace(folder)
        floors, apps = taking_turns([(BARE, []), (app_code, [str(path)])], env, options.runs)
        _, line = time_start(app_code, [str(path)], env)
    floor, app = statistics.median(floors), statistics.median(apps)
    ratios = sorted(a / f for f, a in zip(floors, apps, strict=True))
    print(f"bare QMainWindow script: {floor * 1000:7.1f} ms (median of {options.runs})")
    print(f"Facilitator window:      {app * 1000:7.1f} ms (median of {options.runs})")
    print(f"ratio of the medians: {app / floor:.2f}x (goal <= 2x)")
    print(
        f"ratio in each pair of starts: median {statistics.median(ratios):.2f}x,"
        f" from {ratios[0]:.2f}x to {ratios[-1]:.2f}x"
    )
    print(f"python-docx loaded before the window showed: {line.split()[1]}")
    print(f"click (the command line's library) loaded before it showed: {line.split()[2]}")


if __name__ == "__main__":
    main()
