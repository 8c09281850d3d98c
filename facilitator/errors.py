"""Errors a person can act on. Each carries one clear line; a traceback means a bug instead."""

from __future__ import annotations


class FacilitatorError(Exception):
    """Base of every user-facing error: `str(error)` is the one line to show."""


class WorkspaceError(FacilitatorError):
    """The workspace file cannot be opened, created or written."""


class NotFound(FacilitatorError):
    """A meeting, case or item id that the workspace does not hold."""


class InvalidInput(FacilitatorError):
    """An operation was asked for something the record cannot hold (e.g. no reason given)."""


class UndoConflict(FacilitatorError):
    """An undo or redo would overwrite something that changed since; nothing was done."""


class ExchangeError(FacilitatorError):
    """A meeting file (JSON exchange format) cannot be read."""
