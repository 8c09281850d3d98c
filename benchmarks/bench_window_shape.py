"""How much of the start-up budget the window's shape alone takes (a diagnostic, not a goal).

    python benchmarks/bench_window_shape.py [--runs 11]

Starts, in turns with the bare QMainWindow script of `bench_window_start.py`, a window of the same
shape as Facilitator's run mode (the same docks, tables, lists, buttons and tab bar, 90 actions in a
menu) built with Qt's own item models and no application code. What it costs over the bare script
is what PySide6 charges for such a window; the rest of the app's start is the app's own.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from bench_window_start import BARE, child_env, ensure_display, taking_turns

SHAPE = """
import sys
from PySide6.QtCore import QTimer, Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QComboBox, QDockWidget, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QListView, QMainWindow, QPushButton, QTableView, QVBoxLayout, QWidget,
)
app = QApplication(sys.argv[:1])
def check():
    for widget in app.topLevelWidgets():
        handle = widget.windowHandle()
        if isinstance(widget, QMainWindow) and handle is not None and handle.isExposed():
            print("visible", flush=True)
            widget.close()
            return
    QTimer.singleShot(1, check)
QTimer.singleShot(0, check)
TEXT = "Push-in reading support in class, thirty minutes daily, with the reading specialist"
def model(rows, columns):
    items = QStandardItemModel(rows, columns)
    for r in range(rows):
        for c in range(columns):
            items.setItem(r, c, QStandardItem(TEXT if c == 1 else f"C{r}"))
    return items
def table(rows, columns):
    view = QTableView()
    view.setModel(model(rows, columns))
    view.setWordWrap(True)
    view.horizontalHeader().setSectionResizeMode(view.horizontalHeader().ResizeMode.ResizeToContents)
    view.verticalHeader().setSectionResizeMode(view.verticalHeader().ResizeMode.ResizeToContents)
    view.setAccessibleName("table")
    return view
def items(rows):
    view = QListView()
    view.setModel(model(rows, 1))
    view.setWordWrap(True)
    view.setAccessibleName("list")
    return view
def quick_add():
    line = QWidget()
    row = QHBoxLayout(line)
    for part in (QLineEdit(), QComboBox(), QCheckBox("Team only"), QPushButton("Add")):
        part.setAccessibleName("part")
        row.addWidget(part)
    return line
def panel(main, *below):
    widget = QWidget()
    column = QVBoxLayout(widget)
    column.addWidget(main, 1)
    for part in below:
        column.addWidget(part)
    column.addWidget(quick_add())
    return widget
window = QMainWindow()
board = QWidget()
grid = QGridLayout(board)
for n in range(4):
    grid.addWidget(QLabel(f"Column {n}"), 0, n)
    grid.addWidget(items(3), 1, n)
window.setCentralWidget(panel(board))
now = QWidget()
clock = QGridLayout(now)
for n in range(8):
    clock.addWidget(QPushButton(f"button {n}") if n % 2 else QLabel(f"label {n}"), n // 4, n % 4)
Area = Qt.DockWidgetArea
speakers = panel(table(10, 7), QLabel("balance"), QLabel("not heard"), items(2))
docks = {}
for title, widget, area in (
    ("Now", now, Area.TopDockWidgetArea),
    ("Agenda", items(10), Area.LeftDockWidgetArea),
    ("Speakers", speakers, Area.RightDockWidgetArea),
    ("Non-negotiables", panel(table(3, 2), table(2, 2)), Area.LeftDockWidgetArea),
    ("Options", panel(table(8, 5)), Area.BottomDockWidgetArea),
    ("Agreements", panel(items(2)), Area.RightDockWidgetArea),
    ("Action items", QWidget(), Area.RightDockWidgetArea),
    ("Notes", QWidget(), Area.RightDockWidgetArea),
    ("Case", QWidget(), Area.RightDockWidgetArea),
):
    dock = QDockWidget(title, window)
    dock.setObjectName(title)
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    docks[title] = dock
for title in ("Action items", "Notes", "Case"):
    window.tabifyDockWidget(docks["Agreements"], docks[title])
docks["Agreements"].raise_()
menu = window.menuBar().addMenu("File")
for n in range(90):
    action = QAction(f"action {n}", window)
    action.setShortcut(QKeySequence(f"Ctrl+Shift+F{n % 12 + 1}"))
    window.addAction(action)
    menu.addAction(action)
window.resize(1366, 768)
window.show()
app.exec()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    options = parser.parse_args()
    ensure_display()
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(Path(tmp))
        floors, shapes = taking_turns([(BARE, []), (SHAPE, [])], env, options.runs)
    floor, shape = statistics.median(floors), statistics.median(shapes)
    pairs = statistics.median(s / f for f, s in zip(floors, shapes, strict=True))
    print(f"bare QMainWindow script: {floor * 1000:7.1f} ms (median of {options.runs})")
    print(f"the window's shape only: {shape * 1000:7.1f} ms")
    print(f"ratio of the medians: {shape / floor:.2f}x; median pair ratio {pairs:.2f}x")


if __name__ == "__main__":
    main()
