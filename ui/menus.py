"""The menu bar: every action is reachable by mouse too, grouped as a facilitator thinks of them."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar

_MEETING = ("prepare_mode", "start_meeting", "end_meeting", "next_item", "previous_item", "pause")
_ADD = (
    "add_concern",
    "add_option",
    "add_non_negotiable",
    "add_agreement",
    "add_action",
    "add_note",
)


def build_menus(
    bar: QMenuBar,
    actions: dict[str, QAction],
    file_extras: Iterable[QAction],
    panel_toggles: Iterable[QAction],
    record_actions: Iterable[QAction] = (),
    meeting_extras: Iterable[QAction] = (),
) -> None:
    """`record_actions`: File menu entries about the record itself (exports, backups);
    `meeting_extras`: Meeting menu entries with no key of their own, after the live ones."""
    # Menu titles carry no "&" mnemonics: Alt+letter belongs to the speaker keys.
    file_menu = bar.addMenu("File")
    file_menu.addActions([*file_extras, actions["open_meeting"]])
    file_menu.addSeparator()
    file_menu.addActions(list(record_actions))
    file_menu.addSeparator()
    file_menu.addAction(actions["quit"])
    bar.addMenu("Edit").addActions([actions["undo"], actions["redo"]])
    meeting = bar.addMenu("Meeting")
    meeting.addActions([actions[name] for name in _MEETING])
    meeting.addActions(list(meeting_extras))
    meeting.addSeparator()
    meeting.addActions([actions[name] for name in _ADD])
    view = bar.addMenu("View")
    view.addActions([actions["projector"], actions["help"], actions["actions_across"]])
    view.addSeparator()
    view.addActions(
        [actions[n] for n in ("larger_text", "smaller_text", "normal_text", "settings")]
    )
    view.addSeparator()
    panels = QMenu("Panels", bar)
    panels.addActions(list(panel_toggles))
    view.addMenu(panels)
    for menu in bar.findChildren(QMenu):
        menu.setAccessibleName(menu.title())
    bar.setAccessibleName("Menu bar")
