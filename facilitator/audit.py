"""The audit log: an append-only, hash-chained record of every operation.

Each event's `hash` is SHA-256 over its id, time, meeting, kind, the SHA-256 of its payload
(`payload_hash`) and the previous event's hash, so editing, deleting or reordering any event by hand
breaks the chain from that point on. `audit_head` remembers the newest event, so removing the last
events is caught too.

Chaining the payload's hash rather than the payload itself lets a deliberate deletion of a meeting
remove its text from the log (the payload becomes `REDACTED`) while the chain still verifies; a
payload is accepted as redacted only if a later deletion event names that event.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, NamedTuple

from facilitator.text import clean_text

try:  # CPython's own SHA-256: the same digests, without hashlib loading OpenSSL (about 3 ms)
    from _sha256 import sha256 as _sha256  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - other Pythons (3.12 renamed it _sha2)
    from hashlib import sha256 as _sha256

GENESIS = "0" * 64
REDACTED = '{"redacted":true}'


def sha256_text(text: str) -> str:
    digest: str = _sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return digest


def event_hash(
    *,
    event_id: int,
    at: str,
    meeting_id: int | None,
    kind: str,
    payload_hash: str,
    prev_hash: str,
) -> str:
    material = json.dumps(
        [event_id, at, meeting_id, kind, payload_hash, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return sha256_text(material)


def encode_payload(payload: dict[str, Any]) -> str:
    """Canonical JSON, so that the same content always hashes the same. Lone surrogates (which no
    file can hold) become U+FFFD, as they do in stored text."""
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return clean_text(text)


def append_event(
    conn: sqlite3.Connection, *, at: str, meeting_id: int | None, kind: str, payload: dict[str, Any]
) -> int:
    """Append one event; the caller holds the write transaction that it belongs to."""
    head = conn.execute("SELECT last_event_id, last_hash FROM audit_head WHERE id = 1").fetchone()
    last_id, prev_hash = (head[0], head[1]) if head else (0, GENESIS)
    event_id = last_id + 1
    text = encode_payload(payload)
    payload_hash = sha256_text(text)
    digest = event_hash(
        event_id=event_id,
        at=at,
        meeting_id=meeting_id,
        kind=kind,
        payload_hash=payload_hash,
        prev_hash=prev_hash,
    )
    conn.execute(
        "INSERT INTO events (id, at, meeting_id, kind, payload, payload_hash, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (event_id, at, meeting_id, kind, text, payload_hash, prev_hash, digest),
    )
    conn.execute(
        "INSERT INTO audit_head (id, last_event_id, last_hash) VALUES (1, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET last_event_id = excluded.last_event_id,"
        " last_hash = excluded.last_hash",
        (event_id, digest),
    )
    return event_id


class ChainReport(NamedTuple):
    """The outcome of checking the audit chain: `problem` names the first bad event."""

    events_checked: int
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_chain(conn: sqlite3.Connection, *, newest: int | None = None) -> ChainReport:
    """Walk the chain from the first event, or only re-hash the `newest` events (a cheap check
    for start-up: it still finds any missing event by counting, but trusts older hashes)."""
    prev_hash = GENESIS
    expected_id = 1
    checked = 0
    if newest is not None:
        count, last_id = conn.execute(
            "SELECT count(*), coalesce(max(id), 0) FROM events"
        ).fetchone()
        if count != last_id:
            gap = last_id - count
            return ChainReport(0, f"{gap} event{'s are' if gap != 1 else ' is'} missing")
        expected_id = max(1, last_id - newest + 1)
        if expected_id > 1:
            anchor = conn.execute("SELECT hash FROM events WHERE id = ?", (expected_id - 1,))
            prev_hash = anchor.fetchone()[0]
        checked = expected_id - 1
    redactions = _redactions(conn)
    rows = conn.execute(
        "SELECT id, at, meeting_id, kind, payload, payload_hash, prev_hash, hash"
        " FROM events WHERE id >= ? ORDER BY id",
        (expected_id,),
    )
    for event_id, at, meeting_id, kind, payload, payload_hash, stored_prev, stored_hash in rows:
        if event_id != expected_id:
            return ChainReport(
                checked, f"event {expected_id} is missing (the next event is {event_id})"
            )
        if stored_prev != prev_hash:
            return ChainReport(
                checked,
                f"event {event_id} does not follow event {event_id - 1}"
                " (an earlier event was changed, removed or reordered)",
            )
        digest = event_hash(
            event_id=event_id,
            at=at,
            meeting_id=meeting_id,
            kind=kind,
            payload_hash=payload_hash,
            prev_hash=stored_prev,
        )
        payload_ok = sha256_text(payload) == payload_hash or (
            payload == REDACTED and event_id in redactions
        )
        if digest != stored_hash or not payload_ok:
            return ChainReport(checked, f"event {event_id} ({kind}, {at}) was altered")
        prev_hash = stored_hash
        expected_id += 1
        checked += 1
    head = conn.execute("SELECT last_event_id, last_hash FROM audit_head WHERE id = 1").fetchone()
    last_id, last_hash = (head[0], head[1]) if head else (0, GENESIS)
    if last_id != checked or last_hash != prev_hash:
        if last_id > checked:
            return ChainReport(checked, f"events {checked + 1} to {last_id} are missing")
        return ChainReport(checked, "the audit head does not match the last event")
    return ChainReport(checked)


def _redactions(conn: sqlite3.Connection) -> set[int]:
    """Events whose payloads a deletion event (kind `*.delete`) says it redacted."""
    redacted: set[int] = set()
    for (payload,) in conn.execute("SELECT payload FROM events WHERE kind LIKE '%.delete'"):
        try:
            ids = json.loads(payload).get("summary", {}).get("redacted_events", [])
        except (ValueError, AttributeError):
            continue
        redacted.update(i for i in ids if isinstance(i, int))
    return redacted
