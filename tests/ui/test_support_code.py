"""PySide's support code is compiled once and kept: the next start takes it from the cache,
and only the same source is ever taken; a bad cache only means compiling again."""

from __future__ import annotations

import builtins
import marshal
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.support_code import CACHE_NAME, compiled_once, is_support_code

SOURCE = b"answer = 42\n"
NAME = "shibokensupport/signature/example.py"


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


@pytest.mark.parametrize(
    "contents",
    [
        b"",
        b"\x00garbage",
        marshal.dumps((b"\x00\x00\r\n", {})),  # another Python's
        marshal.dumps(["not", "a", "cache"]),
    ],
)
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
