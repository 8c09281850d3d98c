"""PySide's own Python support code, compiled once rather than at every start.

PySide6 (6.11) keeps the Python half of its support (`shibokensupport`: the signature parser and
mapping, the `.pyi` generator, the feature switcher; 14 modules, about 150 KB of source) inside
libshiboken, and compiles every line of it each time the process first imports PySide: some
20 ms of every start of the window, before it can do anything else. Python keeps the bytecode of
ordinary modules in `__pycache__`; this keeps these the same way, in one file of the per-user
cache folder, each module under its exact source: a PySide upgrade compiles (and keeps) again.
"""

from __future__ import annotations

import builtins
import marshal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from typing import Any

CACHE_NAME = f"pyside-support.{sys.implementation.cache_tag}.marshal"
"""The file in `facilitator.paths.cache_dir()`; per Python, as the bytecode it holds."""

_Key = tuple[str, str, int, bool, int]  # filename, mode, flags, dont_inherit, optimize


def is_support_code(filename: object) -> bool:
    """PySide's own modules, by the names it compiles them under."""
    return isinstance(filename, str) and (
        filename == "signature_bootstrap.py" or filename.startswith("shibokensupport/")
    )


@contextmanager
def compiled_once(cache: Path) -> Iterator[None]:
    """While the block runs (PySide's first import), PySide's support code is taken from `cache`
    where the cache holds the same source, and compiled otherwise; afterwards the cache holds
    what this run used. A missing, damaged or unwritable cache, or one written by another Python,
    only means compiling as before. Any other compiling goes straight to Python."""
    kept = _read(cache)
    used: dict[_Key, tuple[Any, Any]] = {}
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
        key: _Key = (filename, mode, flags, dont_inherit, optimize)
        found = kept.get(key)
        if found is not None and found[0] == source:
            code = found[1]
        else:
            code = real_compile(source, filename, mode, flags, dont_inherit, optimize)
        used[key] = (source, code)
        return code

    builtins.compile = compile
    try:
        yield
    finally:
        builtins.compile = real_compile
    if used and used != kept:
        _write(cache, used)


def _read(cache: Path) -> dict[_Key, tuple[Any, Any]]:
    try:
        magic, entries = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if magic != MAGIC_NUMBER or not isinstance(entries, dict):
        return {}
    return entries


def _write(cache: Path, entries: dict[_Key, tuple[Any, Any]]) -> None:
    from facilitator.errors import FacilitatorError
    from facilitator.files import write_atomically

    try:
        cache.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomically(cache, marshal.dumps((MAGIC_NUMBER, entries)), private=True)
    except (OSError, FacilitatorError, ValueError):
        pass  # the next start compiles again, as PySide always did
