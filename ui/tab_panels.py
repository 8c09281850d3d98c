"""Panels that start behind a tab (action items, notes, the case, settings).

Each dock exists from the start, so the saved layout finds it, but holds an empty placeholder
until the dock first shows or the window asks for its panel: the window opens without building,
loading and laying out panels nobody is looking at yet.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget, QWidget

Factory = Callable[[], QWidget]


class TabPanels(QObject):
    """Makes each dock's panel on first need with its factory (which also wires it up).

    Signals: none of its own.
    """

    def __init__(
        self, docks: Mapping[str, QDockWidget], factories: Mapping[str, Factory], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._docks = docks
        self._factories = dict(factories)
        self._made: dict[str, QWidget] = {}
        self._placeholders: dict[str, QWidget] = {}
        for name in self._factories:
            placeholder = QWidget()
            placeholder.setObjectName(f"{name}_placeholder")
            docks[name].setWidget(placeholder)
            self._placeholders[name] = placeholder
            docks[name].visibilityChanged.connect(
                lambda visible, n=name: self.panel(n) if visible else None
            )

    def panel(self, name: str) -> QWidget:
        """The dock's panel, made now if it was not yet."""
        made = self._made.get(name)
        if made is None:
            made = self._factories[name]()
            self._made[name] = made
            self._docks[name].setWidget(made)
            made.show()  # a widget put into a dock that is already showing stays hidden otherwise
            self._placeholders.pop(name).deleteLater()
        return made

    def made(self, name: str) -> QWidget | None:
        """The panel if it has been made, else None (nothing to update yet)."""
        return self._made.get(name)
