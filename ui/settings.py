"""The window's preferences: one typed definition, persisted with QSettings in one place."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

FONT_SCALE_MIN = 100
FONT_SCALE_MAX = 200
FONT_SCALE_STEP = 10
QUIET_MINUTES_CHOICES = (5, 10, 15, 20, 30)
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

    def clamped(self) -> Settings:
        return replace(
            self,
            font_scale=max(FONT_SCALE_MIN, min(FONT_SCALE_MAX, int(self.font_scale))),
            quiet_minutes=max(1, min(120, int(self.quiet_minutes))),
            facilitator_name=self.facilitator_name.strip(),
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
        return str(raw) if raw is not None else default
    except (TypeError, ValueError):
        return default
