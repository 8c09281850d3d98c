"""PySide's own Python support code, compiled once rather than at every start.

PySide6 (6.11) keeps the Python half of its support (`shibokensupport`: the signature parser and
mapping, the `.pyi` generator, the feature switcher; 14 modules, about 150 KB of source) inside
libshiboken, and compiles every line of it each time the process first imports PySide: some
20 ms of every start of the window, before it can do anything else. Python keeps the bytecode of
ordinary modules in `__pycache__`; this keeps these the same way, in one file of the per-user
cache folder, each module under its exact source: a PySide upgrade compiles (and keeps) again.

The file is trusted as a `.pyc` is, and no further: it is used only when it is a regular file of
this user's, writable by no one else, in a folder writable by no one else, not too large, whole
(a checksum), written by this Python (its bytecode magic), and holds code objects where code
belongs. Anything else is ignored, and the next write replaces it.
"""

from __future__ import annotations
import __future__

import builtins
import marshal
import os
import stat
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType
from typing import Any

CACHE_NAME = f"pyside-support.{sys.implementation.cache_tag}.marshal"
"""The file in `facilitator.paths.cache_dir()`; per Python, as the bytecode it holds."""

LARGEST = 4 * 1024 * 1024  # about 300 KB in PySide 6.11: anything far larger is not ours
_FUTURE = 0
for _name in __future__.all_feature_names:
    _FUTURE |= getattr(__future__, _name).compiler_flag

# filename, mode, flags (with the caller's future features), optimize level
_Key = tuple[str, str, int, int]


def is_support_code(filename: object) -> bool:
    """PySide's own modules, by the names it compiles them under."""
    return isinstance(filename, str) and (
        filename == "signature_bootstrap.py" or filename.startswith("shibokensupport/")
    )


@contextmanager
def compiled_once(cache: Path | None) -> Iterator[None]:
    """While the block runs (PySide's first import), PySide's support code is taken from `cache`
    where the cache holds the same source, and compiled otherwise; afterwards the cache holds
    what this run used. A missing, damaged, foreign or unwritable cache only means compiling as
    before; if the block fails, the cache is removed, so that a bad one cannot fail the next
    start too. Any other compiling goes straight to Python. No cache (None): nothing changes."""
    if cache is None:
        yield
        return
    kept: dict[_Key, tuple[Any, CodeType]] | None = None  # read at the first support module:
    used: dict[_Key, tuple[Any, CodeType]] = {}  # PySide may be loaded already (and compile none)
    real_compile = builtins.compile

    def compile(  # in place of the builtin, with its signature
        source: Any,
        filename: Any,
        mode: str,
        flags: int = 0,
        dont_inherit: bool = False,
        optimize: int = -1,
        **more: Any,
    ) -> Any:
        if more or not is_support_code(filename) or not isinstance(source, bytes | str):
            return real_compile(source, filename, mode, flags, dont_inherit, optimize, **more)
        if not dont_inherit:  # the future features of the code calling compile, as Python would
            flags |= sys._getframe(1).f_code.co_flags & _FUTURE
        level = sys.flags.optimize if optimize == -1 else optimize
        key: _Key = (filename, mode, flags, level)
        nonlocal kept
        if kept is None:
            kept = _read(cache)
        found = kept.get(key)
        if found is not None and found[0] == source:
            code = found[1]
        else:
            code = real_compile(source, filename, mode, flags, True, level)
        used[key] = (source, code)
        return code

    builtins.compile = compile
    try:
        yield
    except BaseException:
        _remove(cache)
        raise
    finally:
        builtins.compile = real_compile
    if used and used != kept:
        _write(cache, used)


def _read(cache: Path) -> dict[_Key, tuple[Any, CodeType]]:
    data = _trusted_bytes(cache)
    if data is None:
        return {}
    try:
        magic, checksum, payload = marshal.loads(data)
        if magic != MAGIC_NUMBER or checksum != zlib.crc32(payload):
            return {}
        entries = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {key: value for key, value in entries.items() if _is_entry(key, value)}


def _is_entry(key: object, value: object) -> bool:
    return (
        isinstance(key, tuple)
        and len(key) == 4
        and is_support_code(key[0])
        and isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], bytes | str)
        and isinstance(value[1], CodeType)
    )


def _trusted_bytes(cache: Path) -> bytes | None:
    """The file's bytes, if it is a regular file this user owns and no one else may write, in a
    folder no one else may write, and not too large; else None."""
    # Not through a link, never waiting on a pipe put in its place.
    how = os.O_RDONLY
    for name in ("O_NOFOLLOW", "O_NONBLOCK", "O_BINARY"):
        how |= getattr(os, name, 0)
    try:
        fd = os.open(cache, how)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        found = os.fstat(handle.fileno())
        if not stat.S_ISREG(found.st_mode) or found.st_size > LARGEST:
            return None
        if not (_owned(found) and _owned_folder(cache.parent)):
            return None
        return handle.read(LARGEST + 1)


def _owned(found: os.stat_result) -> bool:
    if not hasattr(os, "geteuid"):  # Windows: the per-user folder's own permissions hold
        return True
    return found.st_uid == os.geteuid() and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _owned_folder(folder: Path) -> bool:
    try:
        return _owned(os.stat(folder))
    except OSError:
        return False


def _remove(cache: Path) -> None:
    with suppress(OSError):
        cache.unlink()


def _write(cache: Path, entries: dict[_Key, tuple[Any, CodeType]]) -> None:
    from facilitator.errors import FacilitatorError
    from facilitator.files import write_atomically

    payload = marshal.dumps(entries)
    if cache.is_symlink() or (cache.exists() and not cache.is_file()):
        _remove(cache)  # a link or a pipe in its place: replaced, never written through
    try:
        cache.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = marshal.dumps((MAGIC_NUMBER, zlib.crc32(payload), payload))
        write_atomically(cache, data, private=True)
    except (OSError, FacilitatorError, ValueError):
        pass  # the next start compiles again, as PySide always did
