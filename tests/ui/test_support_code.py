"""PySide's support code is compiled once and kept: the next start takes it from the cache,
and only the same source is ever taken; a bad cache only means compiling again."""

from __future__ import annotations
import __future__

import builtins
import marshal
import os
import stat
import zlib
from collections.abc import Iterator
from importlib.util import MAGIC_NUMBER
from pathlib import Path

import pytest

from ui.support_code import CACHE_NAME, compiled_once, is_support_code

SOURCE = b"answer = 42\n"
NAME = "shibokensupport/signature/example.py"


def __annotations_flag__() -> int:
    return __future__.annotations.compiler_flag  # this module's: `compile` inherits it


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The file names Python itself compiled (what `compiled_once` let through)."""
    names: list[str] = []
    real = builtins.compile

    def counting(source: object, filename: str, *args: object, **kwargs: object) -> object:
        names.append(filename)
        return real(source, filename, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "compile", counting)
    yield names


def run(code: object) -> int:
    scope: dict[str, int] = {}
    exec(code, scope)  # the code compiled above, nothing from outside
    return scope["answer"]


def test_the_second_start_takes_the_support_code_from_the_cache(
    tmp_path: Path, compiled: list[str]
) -> None:
    cache = tmp_path / "cache" / CACHE_NAME
    with compiled_once(cache):
        assert run(compile(SOURCE, NAME, "exec")) == 42
    assert compiled == [NAME]
    assert cache.is_file()
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    with compiled_once(cache):
        assert run(compile(SOURCE, NAME, "exec")) == 42
    assert compiled == [NAME]  # not compiled again


def test_changed_source_is_compiled_and_kept_in_place_of_the_old(
    tmp_path: Path, compiled: list[str]
) -> None:
    cache = tmp_path / CACHE_NAME
    with compiled_once(cache):
        compile(SOURCE, NAME, "exec")
    newer = b"answer = 43\n"  # PySide upgraded
    with compiled_once(cache):
        assert run(compile(newer, NAME, "exec")) == 43
    with compiled_once(cache):
        assert run(compile(newer, NAME, "exec")) == 43
    assert compiled == [NAME, NAME]


def test_other_code_is_compiled_as_always_and_never_kept(
    tmp_path: Path, compiled: list[str]
) -> None:
    cache = tmp_path / CACHE_NAME
    for _ in range(2):
        with compiled_once(cache):
            assert run(compile(SOURCE, "mine.py", "exec")) == 42
    assert compiled == ["mine.py", "mine.py"]
    assert not cache.exists()
    assert compile is builtins.compile  # put back after the block
    assert not is_support_code("ui/app.py")
    assert is_support_code("signature_bootstrap.py")


def _cache_of(entries: object, *, magic: bytes = MAGIC_NUMBER, crc: int | None = None) -> bytes:
    payload = marshal.dumps(entries)
    return marshal.dumps((magic, zlib.crc32(payload) if crc is None else crc, payload))


KEY = (NAME, "exec", __annotations_flag__(), 0)


@pytest.mark.parametrize(
    "contents",
    [
        b"",
        b"\x00garbage",
        _cache_of({}, magic=b"\x00\x00\r\n"),  # another Python's
        marshal.dumps(["not", "a", "cache"]),
        _cache_of({KEY: (SOURCE, compile("answer = 1", NAME, "exec"))}, crc=1),  # changed since
        _cache_of({KEY: 42}),  # the right magic and checksum, the wrong things inside
        _cache_of({KEY: (SOURCE, None)}),
        _cache_of({KEY: (SOURCE, "not code")}),
        _cache_of({("other.py", "exec", 0, 0): (SOURCE, compile("answer = 1", "x", "exec"))}),
    ],
    ids=["empty", "garbage", "another Python", "not a cache", "checksum", "number", "no code",
         "text for code", "not PySide's"],
)  # fmt: skip
def test_a_damaged_or_foreign_cache_only_means_compiling(
    tmp_path: Path, compiled: list[str], contents: bytes
) -> None:
    cache = tmp_path / CACHE_NAME
    cache.write_bytes(contents)
    with compiled_once(cache):
        assert run(compile(SOURCE, NAME, "exec")) == 42
    assert compiled == [NAME]
    with compiled_once(cache):  # written again, good this time
        compile(SOURCE, NAME, "exec")
    assert compiled == [NAME]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path, compiled: list[str]) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o500)
    with compiled_once(folder / CACHE_NAME):
        assert run(compile(SOURCE, NAME, "exec")) == 42
    assert not (folder / CACHE_NAME).exists()


def test_a_cache_in_the_place_of_a_folder_is_no_error(tmp_path: Path, compiled: list[str]) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with compiled_once(blocked / CACHE_NAME):
        assert run(compile(SOURCE, NAME, "exec")) == 42
    assert compiled == [NAME]


def test_a_cache_file_others_may_write_or_a_link_or_a_pipe_is_not_trusted(
    tmp_path: Path, compiled: list[str]
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    cache = folder / CACHE_NAME
    with compiled_once(cache):
        compile(SOURCE, NAME, "exec")
    good = cache.read_bytes()
    cache.chmod(0o622)  # writable by the group and by others
    with compiled_once(cache):
        compile(SOURCE, NAME, "exec")
    assert compiled == [NAME, NAME]
    cache.unlink()
    kept = tmp_path / "elsewhere"
    kept.write_bytes(good)
    kept.chmod(0o600)
    cache.symlink_to(kept)
    with compiled_once(cache):
        compile(SOURCE, NAME, "exec")
    assert compiled == [NAME, NAME, NAME]
    cache.unlink()
    os.mkfifo(cache)  # a read would wait for a writer forever
    with compiled_once(cache):
        compile(SOURCE, NAME, "exec")
    assert compiled == [NAME, NAME, NAME, NAME]


def test_a_cache_in_a_folder_others_may_write_is_not_trusted(
    tmp_path: Path, compiled: list[str]
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    cache = folder / CACHE_NAME
    with compiled_once(cache):
        compile(SOURCE, NAME, "exec")
    folder.chmod(0o777)
    with compiled_once(cache):
        compile(SOURCE, NAME, "exec")
    assert compiled == [NAME, NAME]


def test_a_failed_import_takes_the_cache_with_it(tmp_path: Path, compiled: list[str]) -> None:
    """A cache that broke PySide's start must not break the next one too."""
    cache = tmp_path / CACHE_NAME
    with compiled_once(cache):
        compile(SOURCE, NAME, "exec")
    assert cache.is_file()
    with pytest.raises(ImportError), compiled_once(cache):
        compile(SOURCE, NAME, "exec")
        raise ImportError("PySide could not start")
    assert not cache.exists()


def test_the_kept_code_has_the_future_features_of_the_code_that_compiled_it(
    tmp_path: Path, compiled: list[str]
) -> None:
    """This module has `from __future__ import annotations`: the annotation is never looked up,
    from the cache as when compiled (PySide's loader compiles without dont_inherit)."""
    source = b"answer: Undefined = 42\n"
    cache = tmp_path / CACHE_NAME
    for _ in range(2):
        with compiled_once(cache):
            assert run(compile(source, NAME, "exec")) == 42
    assert compiled == [NAME]


def test_no_cache_folder_means_compiling_as_before(
    monkeypatch: pytest.MonkeyPatch, compiled: list[str]
) -> None:
    from facilitator import paths
    from facilitator.errors import FacilitatorError
    from ui import app

    def no_home() -> Path:
        raise FacilitatorError("cannot find your home folder")

    monkeypatch.setattr(paths, "cache_dir", no_home)
    assert app._support_cache() is None
    with compiled_once(None):
        assert run(compile(SOURCE, NAME, "exec")) == 42
    assert compiled == [NAME]


def test_nothing_is_read_when_nothing_is_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PySide already loaded (a test run, a script that imported it first): no support module
    is compiled, and the cache is neither read nor written."""
    from ui import support_code

    monkeypatch.setattr(support_code, "_read", lambda cache: pytest.fail("read"))
    cache = tmp_path / CACHE_NAME
    with compiled_once(cache):
        compile("x = 1", "mine.py", "exec")
    assert not cache.exists()
