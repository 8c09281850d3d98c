"""The balance of voices in one SQL query, for the tracker's every repaint.

`facilitator.talk_time.speaking_balance` parses every turn's timestamps in Python: about 9 ms for a
2,000-turn meeting, over half of the one frame a speaker key has to repaint the tracker. This is the
same computation as one read-only aggregate (SQLite keeps julian days as integer milliseconds, so
the sums are exact); `tests/ui/test_talk_query.py` checks it gives the core's answer to the ms.
It can go once the core computes the balance in SQL itself.
"""

from __future__ import annotations

from facilitator.clock import timestamp_ms
from facilitator.model import MeetingId, ParticipantId, Side
from facilitator.store import Workspace
from facilitator.talk_time import PersonBalance, SideBalance, SpeakingBalance

_PER_PERSON = """
WITH turn AS (
    SELECT participant_id, started_at, ended_at,
           lag(participant_id) OVER running AS previous_speaker,
           lag(ended_at) OVER running AS previous_end
    FROM speaking_turns WHERE meeting_id = :meeting
    WINDOW running AS (ORDER BY started_at, id)
)
SELECT participant_id,
       sum(max(0, cast(round((julianday(coalesce(ended_at, :now)) - julianday(started_at))
           * 86400000.0) AS INTEGER))) AS talk_ms,
       sum(CASE WHEN previous_speaker = participant_id AND (previous_end = started_at
                     OR started_at IN (SELECT resumed_at FROM interruptions
                                       WHERE meeting_id = :meeting))
                THEN 0 ELSE 1 END) AS turns,
       max(coalesce(ended_at, :now)) AS last_end
FROM turn GROUP BY participant_id
"""


def speaking_balance(ws: Workspace, meeting_id: MeetingId) -> SpeakingBalance:
    """Talk time per person and per side, as `facilitator.talk_time.speaking_balance` has it."""
    now = ws.now()
    now_ms = timestamp_ms(now)
    people = ws.rows(
        "SELECT id, name, role, side FROM participants WHERE meeting_id = ? ORDER BY position, id",
        (meeting_id,),
    )
    spoken = {
        r["participant_id"]: r for r in ws.rows(_PER_PERSON, {"meeting": meeting_id, "now": now})
    }
    current = ws.scalar(
        "SELECT participant_id FROM speaking_turns WHERE meeting_id = ? AND ended_at IS NULL"
        " ORDER BY started_at DESC, id DESC LIMIT 1",
        (meeting_id,),
    )
    total = sum(int(r["talk_ms"]) for r in spoken.values())
    balances = []
    for person in people:
        mine = spoken.get(person["id"])
        talk = int(mine["talk_ms"]) if mine else 0
        balances.append(
            PersonBalance(
                participant_id=ParticipantId(person["id"]),
                name=person["name"],
                role=person["role"],
                side=Side(person["side"]),
                talk_ms=talk,
                turns=int(mine["turns"]) if mine else 0,
                share=talk / total if total else 0.0,
                last_spoke_ms=timestamp_ms(mine["last_end"]) if mine else None,
            )
        )
    sides = {}
    for side in Side:
        members = [b for b in balances if b.side is side]
        side_ms = sum(b.talk_ms for b in members)
        sides[side] = SideBalance(
            side=side,
            talk_ms=side_ms,
            turns=sum(b.turns for b in members),
            share=side_ms / total if total else 0.0,
            people=len(members),
        )
    speaker = ParticipantId(current) if current is not None else None
    return SpeakingBalance(now_ms, balances, sides, total, speaker)
