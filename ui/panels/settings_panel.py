"""The settings, as a panel beside the meeting (never a dialog in front of it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.auto_backups import backup_policy
from ui.panels.base import name_title_buttons
from ui.settings import (
    BACKUP_KEEP_DAYS_MAX,
    FONT_SCALE_MAX,
    FONT_SCALE_MIN,
    FONT_SCALE_STEP,
    Settings,
    SettingsStore,
    parse_dates,
)


class SettingsPanel(QWidget):
    """Edits the `SettingsStore` directly; shows whatever it holds. Signals: none of its own."""

    def __init__(self, store: SettingsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("SettingsPanel")
        self.setAccessibleName("Settings")
        self.font_scale = QSpinBox()
        self.font_scale.setRange(FONT_SCALE_MIN, FONT_SCALE_MAX)
        self.font_scale.setSingleStep(FONT_SCALE_STEP)
        self.font_scale.setSuffix(" %")
        self.font_scale.setAccessibleName("Text size, percent")
        # Short, under the row's label: a check box's text never wraps, and at 200% the
        # whole sentence made the panel wider than the right-hand column.
        self.talk_times = QCheckBox("Each person's talk time")
        self.talk_times.setAccessibleName("Show each person's talk time on the projector")
        self.quiet = QSpinBox()
        self.quiet.setRange(1, 120)
        self.quiet.setSuffix(" min")
        self.quiet.setAccessibleName("Mark people quiet after this many minutes")
        self.name = QLineEdit()
        self.name.setAccessibleName("Facilitator's name, for the minutes")
        self.name.setPlaceholderText("Your name, as the minutes should give it")
        form = QFormLayout(self)
        # At larger text a label goes above its field rather than widen the panel past the board.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Text size", self.font_scale)
        form.addRow("Quiet after", self.quiet)
        form.addRow("Facilitator", self.name)
        form.addRow("Projector shows", self.talk_times)
        self.backups = BackupSettings(store)
        form.addRow("Backups", self.backups)
        self.holidays = QLineEdit()
        self.holidays.setAccessibleName("District holidays, as dates YYYY-MM-DD")
        self.holidays.setPlaceholderText("e.g. 2026-11-26 2026-11-27")
        self.holidays.setToolTip(
            "Days the district is closed. Business-day deadlines (such as the 3 days to void a"
            " resolution agreement) skip them, as they skip weekends."
        )
        self.holidays_problem = QLabel()
        self.holidays_problem.setWordWrap(True)
        self.holidays_problem.hide()
        form.addRow("Holidays", self.holidays)
        form.addRow(self.holidays_problem)
        self.show_settings(store.current)
        self.font_scale.valueChanged.connect(lambda v: store.update(font_scale=v))
        self.quiet.valueChanged.connect(lambda v: store.update(quiet_minutes=v))
        self.talk_times.toggled.connect(lambda on: store.update(projector_talk_times=on))
        self.name.editingFinished.connect(lambda: store.update(facilitator_name=self.name.text()))
        self.holidays.editingFinished.connect(self._holidays_edited)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        name_title_buttons(self.window())  # "Close the Settings panel", as every panel does

    def _holidays_edited(self) -> None:
        dates, wrong = parse_dates(self.holidays.text())
        self.store.update(holidays=dates)
        self.holidays_problem.setText(
            f"⚠ Not a date (use YYYY-MM-DD), left out: {', '.join(wrong)}" if wrong else ""
        )
        self.holidays_problem.setVisible(bool(wrong))

    def show_settings(self, settings: Settings) -> None:
        for widget, value in (
            (self.font_scale, settings.font_scale),
            (self.quiet, settings.quiet_minutes),
        ):
            if widget.value() != value:
                widget.blockSignals(True)
                widget.setValue(value)
                widget.blockSignals(False)
        if self.talk_times.isChecked() != settings.projector_talk_times:
            self.talk_times.blockSignals(True)
            self.talk_times.setChecked(settings.projector_talk_times)
            self.talk_times.blockSignals(False)
        if not self.name.hasFocus() and self.name.text() != settings.facilitator_name:
            self.name.setText(settings.facilitator_name)
        if not self.holidays.hasFocus():
            self.holidays.setText(" ".join(day.isoformat() for day in settings.holidays))


class BackupSettings(QWidget):
    """Where backups go and how long they are kept: rows for the settings panel, editing the
    `SettingsStore` directly. Signals: none of its own."""

    def __init__(self, store: SettingsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Folder for automatic backups")
        self.folder.setPlaceholderText("The backups folder in your data folder")
        self.folder.setToolTip("Empty: the backups folder in your per-user data folder")
        self.choose = QPushButton("Choose…")
        self.choose.setAccessibleName("Choose the folder for automatic backups")
        self.keep = QSpinBox()
        self.keep.setRange(1, BACKUP_KEEP_DAYS_MAX)
        self.keep.setPrefix("keep daily for ")
        self.keep.setSuffix(" days")
        self.keep.setAccessibleName("Days to keep the newest backup of each day")
        self.keep.setToolTip("Every backup of today is kept; then the newest one of each day")
        # Two rows, not one: at larger text one row was wider than the panels beside the board.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose)
        rows.addLayout(folder_row)
        rows.addWidget(self.keep, 0, Qt.AlignmentFlag.AlignLeft)
        self.show_settings(store.current)
        self.folder.editingFinished.connect(lambda: store.update(backup_folder=self.folder.text()))
        self.choose.clicked.connect(self._choose)
        self.keep.valueChanged.connect(lambda days: store.update(backup_keep_days=days))
        store.changed.connect(self.show_settings)

    def show_settings(self, settings: Settings) -> None:
        if not self.folder.hasFocus() and self.folder.text() != settings.backup_folder:
            self.folder.setText(settings.backup_folder)
        if self.keep.value() != settings.backup_keep_days:
            self.keep.blockSignals(True)
            self.keep.setValue(settings.backup_keep_days)
            self.keep.blockSignals(False)

    def _choose(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        current = backup_policy(self.store.current).folder
        chosen = QFileDialog.getExistingDirectory(
            self, "Folder for automatic backups", str(current)
        )
        if chosen:
            self.store.update(backup_folder=chosen)
