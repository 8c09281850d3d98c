"""A message across the top of the window that stays until dismissed (never a dialog)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class Banner(QFrame):
    """One line of news for the facilitator, e.g. that a live meeting was resumed.

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
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Notice")
        self.dismiss = QPushButton("Dismiss")
        self.dismiss.setAccessibleName("Dismiss the notice")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss)
        self.dismiss.clicked.connect(self.hide)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(f"ℹ {text}")
        self.setAccessibleDescription(text)
        self.show()
