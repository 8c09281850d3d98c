"""Damage as a disk or a crash leaves it in a closed workspace file, for tests that check what the
app makes of it."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def flip(path: Path, offset: int, count: int = 1) -> None:
    """Invert `count` bytes of the file at `offset` (what a failing sector does)."""
    data = bytearray(path.read_bytes())
    data[offset : offset + count] = bytes(b ^ 0xFF for b in data[offset : offset + count])
    path.write_bytes(bytes(data))


def flip_in_schema_text(path: Path, text: bytes, at: int = 2) -> None:
    """Invert one byte of the schema's SQL (byte `at` of the first `text` in the file): it is no
    longer UTF-8, and SQLite quotes it in its complaint (or parses around it, inside a string)."""
    offset = path.read_bytes().index(text)
    flip(path, offset + at)


def damage_table(path: Path, table: str) -> None:
    """Garbage in the page header of a small table (its root page is its only page): the file
    opens, and reading that table says "database disk image is malformed"."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (page,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    flip(path, (page - 1) * page_size + 3, 5)  # its cell count and where its cells start


def undecodable_text(path: Path, table: str, column: str, row_id: int) -> None:
    """One stored text whose bytes are not UTF-8, as a flipped bit in a row leaves it."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            f"UPDATE {table} SET {column} = CAST(X'3230323FFF2D31312D3233' AS TEXT) WHERE id = ?",
            (row_id,),
        )
    conn.close()
