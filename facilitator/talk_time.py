"""The balance of voices: who has spoken, for how long, how often, and who has not been heard.

All durations are integer milliseconds computed from stored timestamps; an open turn counts up to
`now`. Interruptions (when the app was not recording) are never counted as speech.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.clock import timestamp_ms
from facilitator.model import MeetingId, ParticipantId, Side
from facilitator.store import Workspace


@dataclass(frozen=True)
class PersonBalance:
    participant_id: ParticipantId
    name: str
    role: str
    side: Side
    talk_ms: int
    turns: int
    share: float  # of all talk time in the meeting, 0..1
    last_spoke_ms: int | None  # when their last turn ended (now, if speaking)

    @property
    def has_spoken(self) -> bool:
        return self.turns > 0


@dataclass(frozen=True)
class SideBalance:
    side: Side
    talk_ms: int
    turns: int
    share: float
    people: int


@dataclass(frozen=True)
class SpeakingBalance:
    """Per person and per side, at one moment (`now_ms`)."""

    now_ms: int
    people: list[PersonBalance]
    sides: dict[Side, SideBalance]
    total_ms: int
    current_speaker: ParticipantId | None

    def not_heard_yet(self) -> list[PersonBalance]:
        return [p for p in self.people if not p.has_spoken]

    def quiet_for(self, minutes: float, *, since_ms: int) -> list[PersonBalance]:
        """People who have not spoken for longer than `minutes` (counting from `since_ms`,
        usually the meeting's start, for those who have not spoken at all)."""
        limit = int(minutes * 60_000)
        return [
            p
            for p in self.people
            if p.participant_id != self.current_speaker
            and self.now_ms - (p.last_spoke_ms if p.last_spoke_ms is not None else since_ms) > limit
        ]


def speaking_balance(
    ws: Workspace, meeting_id: MeetingId, *, agenda_item_id: int | None = None
) -> SpeakingBalance:
    """Talk time per person and per side; for one agenda item when `agenda_item_id` is given."""
    now_ms = timestamp_ms(ws.now())
    people = ws.rows(
        "SELECT id, name, role, side, attendance FROM participants WHERE meeting_id = ?"
        " ORDER BY position, id",
        (meeting_id,),
    )
    sql = "SELECT participant_id, started_at, ended_at FROM speaking_turns WHERE meeting_id = ?"
    order = " ORDER BY started_at, id"
    params: tuple[int, ...] = (meeting_id,)
    if agenda_item_id is not None:
        sql += " AND agenda_item_id = ?"
        params += (agenda_item_id,)
    talk: dict[int, int] = {}
    turns: dict[int, int] = {}
    last: dict[int, int] = {}
    current: ParticipantId | None = None
    resumed = _resumed_at(ws, meeting_id)
    previous: tuple[int, str | None] = (0, None)
    for participant_id, started_at, ended_at in ws.conn.execute(sql + order, params):
        start = timestamp_ms(started_at)
        end = timestamp_ms(ended_at) if ended_at else now_ms
        if ended_at is None:
            current = ParticipantId(participant_id)
        talk[participant_id] = talk.get(participant_id, 0) + max(0, end - start)
        # A turn split at an agenda change, or reopened after an interruption, is the same turn.
        continues = previous[0] == participant_id and (
            previous[1] == started_at or started_at in resumed
        )
        if not continues:
            turns[participant_id] = turns.get(participant_id, 0) + 1
        previous = (participant_id, ended_at)
        last[participant_id] = max(last.get(participant_id, end), end)
    total = sum(talk.values())
    balances = [
        PersonBalance(
            participant_id=ParticipantId(p["id"]),
            name=p["name"],
            role=p["role"],
            side=Side(p["side"]),
            talk_ms=talk.get(p["id"], 0),
            turns=turns.get(p["id"], 0),
            share=talk.get(p["id"], 0) / total if total else 0.0,
            last_spoke_ms=last.get(p["id"]),
        )
        for p in people
    ]
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
    return SpeakingBalance(now_ms, balances, sides, total, current)


def _resumed_at(ws: Workspace, meeting_id: int) -> set[str]:
    return {
        r[0]
        for r in ws.conn.execute(
            "SELECT resumed_at FROM interruptions WHERE meeting_id = ?", (meeting_id,)
        )
    }


def format_duration(ms: int) -> str:
    """`m:ss` under an hour, `h:mm:ss` from an hour; negative durations keep their sign."""
    sign = "-" if ms < 0 else ""
    seconds = abs(ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"
