"""The window's preferences: one typed definition, persisted with QSettings in one place."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, replace
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

FONT_SCALE_MIN = 100
FONT_SCALE_MAX = 200
FONT_SCALE_STEP = 10
QUIET_MINUTES_CHOICES = (5, 10, 15, 20, 30)
BACKUP_KEEP_DAYS_MAX = 3650
_GROUP = "window"


@dataclass(frozen=True)
class Settings:
    """Everything the window remembers between runs (never meeting content: that is the store's)."""

    font_scale: int = 100  # percent of the system font, FONT_SCALE_MIN..FONT_SCALE_MAX
    projector_talk_times: bool = False  # per-person talk times on the projector
    quiet_minutes: int = 10  # "quiet for N min" after this long without speaking
    facilitator_name: str = ""
    geometry: bytes = b""  # QMainWindow.saveGeometry()
    window_state: bytes = b""  # QMainWindow.saveState(): where the panels are
    backup_folder: str = ""  # where automatic backups go ("": the per-user data folder's)
    backup_keep_days: int = 30  # after today, the newest backup of each day is kept this long
    export_folder: str = ""  # where the minutes were last saved ("": the Documents folder)
    holidays: tuple[dt.date, ...] = ()  # days the district is closed: not business days

    def clamped(self) -> Settings:
        return replace(
            self,
            font_scale=max(FONT_SCALE_MIN, min(FONT_SCALE_MAX, int(self.font_scale))),
            quiet_minutes=max(1, min(120, int(self.quiet_minutes))),
            facilitator_name=self.facilitator_name.strip(),
            backup_folder=self.backup_folder.strip(),
            backup_keep_days=max(1, min(BACKUP_KEEP_DAYS_MAX, int(self.backup_keep_days))),
            holidays=tuple(sorted(set(self.holidays))),
        )


class SettingsStore(QObject):
    """The current `Settings`, written through to QSettings on every change.

    Signals:
        changed(Settings): after any setting changed.
    """

    changed = Signal(object)

    def __init__(self, qsettings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._qsettings = qsettings
        self._current = self._read()

    @property
    def current(self) -> Settings:
        return self._current

    def update(self, **values: Any) -> None:
        new = replace(self._current, **values).clamped()
        if new == self._current:
            return
        self._current = new
        self._write(new)
        self.changed.emit(new)

    def _read(self) -> Settings:
        defaults = Settings()
        values: dict[str, Any] = {}
        self._qsettings.beginGroup(_GROUP)
        try:
            for field in fields(Settings):
                default = getattr(defaults, field.name)
                if not self._qsettings.contains(field.name):
                    continue
                raw = self._qsettings.value(field.name)
                values[field.name] = _convert(raw, default)
        finally:
            self._qsettings.endGroup()
        return replace(defaults, **values).clamped()

    def _write(self, settings: Settings) -> None:
        self._qsettings.beginGroup(_GROUP)
        try:
            for field in fields(Settings):
                value = getattr(settings, field.name)
                if isinstance(value, tuple):  # dates, as one line of ISO dates
                    value = " ".join(day.isoformat() for day in value)
                self._qsettings.setValue(
                    field.name, QByteArray(value) if isinstance(value, bytes) else value
                )
        finally:
            self._qsettings.endGroup()
        self._qsettings.sync()


def _convert(raw: object, default: object) -> object:
    """QSettings (INI files especially) hands values back as strings; give them their type."""
    try:
        if isinstance(default, bool):
            return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
        if isinstance(default, int):
            return int(str(raw))
        if isinstance(default, bytes):
            return bytes(raw.data()) if isinstance(raw, QByteArray) else b""
        if isinstance(default, tuple):
            text = " ".join(raw) if isinstance(raw, list) else str(raw or "")
            return parse_dates(text)[0]
        return str(raw) if raw is not None else default
    except (TypeError, ValueError):
        return default


def parse_dates(text: str) -> tuple[tuple[dt.date, ...], list[str]]:
    """ISO dates separated by spaces, commas or semicolons: the dates, and what was not a date."""
    dates: list[dt.date] = []
    wrong: list[str] = []
    for word in re.split(r"[\s,;]+", text.strip()):
        if not word:
            continue
        try:
            dates.append(dt.date.fromisoformat(word))
        except ValueError:
            wrong.append(word)
    return tuple(dates), wrong
