"""Whom an IEP meeting's team still lacks (34 CFR 300.321(a)), read from its roster.

Only an IEP meeting (facilitated or reconvened) has a team the regulation names; a pre-IEP
dialogue, a resolution meeting, a mediation or an internal review does not. What a roster cannot
tell is said as the regulation says it: a general-education teacher "if the child is, or may be,
in general education"; someone to interpret evaluation results "unless a member above can". The
facilitator reads these as reminders while preparing; nothing is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from facilitator.model import Attendance, MeetingKind, Role

IEP_MEETINGS = frozenset({MeetingKind.FACILITATED_IEP, MeetingKind.RECONVENED_IEP})


class Member(NamedTuple):
    """One member the regulation asks for: who may fill the place, and how to name it."""

    roles: frozenset[Role]
    name: str  # "a district (LEA) representative", as a sentence says it
    condition: str  # "" or the regulation's "if ..." / "unless ..."
    paragraph: str  # "300.321(a)(4)"


MEMBERS = (
    Member(frozenset({Role.PARENT}), "a parent", "", "300.321(a)(1)"),
    Member(
        frozenset({Role.GENERAL_ED_TEACHER}),
        "a general-education teacher",
        "if the child is, or may be, in general education",
        "300.321(a)(2)",
    ),
    Member(
        frozenset({Role.SPECIAL_ED_TEACHER, Role.RELATED_SERVICES}),
        "a special-education teacher or provider",
        "",
        "300.321(a)(3)",
    ),
    Member(
        frozenset({Role.DISTRICT_REPRESENTATIVE}),
        "a district (LEA) representative",
        "",
        "300.321(a)(4)",
    ),
    Member(
        frozenset({Role.EVALUATION_INTERPRETER}),
        "someone who can interpret evaluation results",
        "unless a member above can",
        "300.321(a)(5)",
    ),
)

_AWAY = frozenset({Attendance.ABSENT, Attendance.EXCUSED})


class Gap(NamedTuple):
    """A member the roster does not give the meeting, and why: not on it, absent or excused."""

    member: Member
    why: str  # "missing", "absent" or "excused"

    def sentence(self) -> str:
        """One line a facilitator reads: what is missing, the paragraph, the condition."""
        member = self.member
        cite = f"34 CFR {member.paragraph}"
        where = f"({cite}: {member.condition})" if member.condition else f"({cite})"
        if self.why == "missing":
            return f"No one on the roster is {member.name} {where}."
        if Role.PARENT in member.roles:  # parents are not excused: they take part, or not
            return (
                f"The roster has {member.name} only as {self.why}: the meeting may go ahead"
                " without the parents only when the district could not get them to take part,"
                " and it keeps a record of its attempts (34 CFR 300.322(d))."
            )
        if self.why == "absent":
            return f"The roster has {member.name} only as absent {where}."
        return (
            f"The roster has {member.name} only as excused {where}: an excusal takes the"
            " parent's and the district's written agreement and, when the member's area is"
            " discussed, the member's written input, given to the parent and the team before"
            " the meeting (34 CFR 300.321(e))."
        )


def team_gaps(kind: str, participants: Iterable[Mapping[str, Any]]) -> list[Gap]:
    """The members an IEP meeting of this roster lacks, in the regulation's order; none for
    another kind of meeting. A place is filled by anyone in one of its roles who is not marked
    absent or excused; where everyone in it is away, the gap says how (excused before absent)."""
    if kind not in IEP_MEETINGS:
        return []
    people = list(participants)
    gaps = []
    for member in MEMBERS:
        holding = [p for p in people if p.get("role") in member.roles]
        away = {p.get("attendance") for p in holding}
        if not holding:
            gaps.append(Gap(member, "missing"))
        elif away <= _AWAY:
            why = "excused" if Attendance.EXCUSED in away else "absent"
            gaps.append(Gap(member, why))
    return gaps
