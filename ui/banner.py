"""A message across the top of the window that stays until dismissed (never a dialog)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.spoken import announce


class Banner(QFrame):
    """One line of news for the facilitator, e.g. that a live meeting was resumed; a screen
    reader is told it as it shows.

    Signals: none of its own (the Dismiss button hides it).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#Banner { background: #fff3c4; border: 1px solid #8a6d00; }"
            " #Banner QLabel { color: #000000; }"
        )
        self.label = QLabel()  # no name of its own: a screen reader reads the news itself
        self.label.setWordWrap(True)
        self.dismiss = QPushButton("Dismiss")
        self.dismiss.setAccessibleName("Dismiss the notice")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss)
        self.dismiss.clicked.connect(self.hide)
        self.hide()

    def show_message(self, text: str) -> None:
        """Show `text`, and have a screen reader say it after what it is saying."""
        self.label.setText(f"ℹ {text}")
        self.setAccessibleDescription(text)
        self.show()
        announce(self.label, text)
