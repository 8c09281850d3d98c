"""The meeting record's vocabulary: ids, kinds, roles, sides and statuses, in plain words.

Enum values are what the store holds; `.label` is what a person reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, NewType

CaseId = NewType("CaseId", int)
MeetingId = NewType("MeetingId", int)
ParticipantId = NewType("ParticipantId", int)
AgendaItemId = NewType("AgendaItemId", int)
SpeakingTurnId = NewType("SpeakingTurnId", int)
ConcernId = NewType("ConcernId", int)
NonNegotiableId = NewType("NonNegotiableId", int)
SolutionId = NewType("SolutionId", int)
AgreementId = NewType("AgreementId", int)
ActionItemId = NewType("ActionItemId", int)
NoteId = NewType("NoteId", int)
EventId = NewType("EventId", int)


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        return _LABELS.get(self.value, self.value.replace("_", " "))


class MeetingKind(_Labelled):
    PRE_IEP_DIALOGUE = "pre_iep_dialogue"
    FACILITATED_IEP = "facilitated_iep"
    INTERNAL_REVIEW = "internal_review"
    RESOLUTION = "resolution"
    MEDIATION = "mediation"
    RECONVENED_IEP = "reconvened_iep"
    OTHER = "other"

    @property
    def makes_decisions_by_default(self) -> bool:
        return self not in (MeetingKind.PRE_IEP_DIALOGUE, MeetingKind.INTERNAL_REVIEW)

    @property
    def is_confidential(self) -> bool:
        """Mediation discussions are confidential (34 CFR 300.506(b)(8))."""
        return self is MeetingKind.MEDIATION


class MeetingStatus(_Labelled):
    PLANNED = "planned"
    LIVE = "live"
    ENDED = "ended"


class Side(_Labelled):
    FAMILY = "family"
    SCHOOL = "school"
    NEUTRAL = "neutral"


class Role(_Labelled):
    """IEP team roles (34 CFR 300.321) and the others who are often in the room."""

    PARENT = "parent"
    STUDENT = "student"
    GENERAL_ED_TEACHER = "general_ed_teacher"
    SPECIAL_ED_TEACHER = "special_ed_teacher"
    DISTRICT_REPRESENTATIVE = "district_representative"
    EVALUATION_INTERPRETER = "evaluation_interpreter"
    RELATED_SERVICES = "related_services"
    ADVOCATE = "advocate"
    INTERPRETER = "interpreter"
    FACILITATOR = "facilitator"
    NOTE_TAKER = "note_taker"
    ATTORNEY = "attorney"
    ADMINISTRATOR = "administrator"
    OTHER = "other"

    @property
    def usual_side(self) -> Side:
        if self in (Role.PARENT, Role.STUDENT, Role.ADVOCATE):
            return Side.FAMILY
        if self in (Role.INTERPRETER, Role.FACILITATOR, Role.NOTE_TAKER):
            return Side.NEUTRAL
        return Side.SCHOOL


class Attendance(_Labelled):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"
    ARRIVED_LATE = "arrived_late"
    LEFT_EARLY = "left_early"


class ConcernStatus(_Labelled):
    RAISED = "raised"
    DISCUSSING = "discussing"
    ADDRESSED = "addressed"
    PARKED = "parked"


class SolutionStatus(_Labelled):
    PROPOSED = "proposed"
    AGREED = "agreed"
    NOT_AGREED = "not_agreed"
    PARKED = "parked"


class HeldBy(_Labelled):
    SCHOOL = "school"
    FAMILY = "family"


class ActionStatus(_Labelled):
    OPEN = "open"
    DONE = "done"


_LABELS = {
    "pre_iep_dialogue": "Pre-IEP dialogue",
    "facilitated_iep": "Facilitated IEP meeting",
    "internal_review": "Internal team review",
    "resolution": "Resolution meeting",
    "mediation": "Mediation",
    "reconvened_iep": "Reconvened IEP meeting",
    "other": "Other",
    "planned": "Planned",
    "live": "Live",
    "ended": "Ended",
    "family": "Family",
    "school": "School",
    "neutral": "Neutral",
    "parent": "Parent",
    "student": "Student",
    "general_ed_teacher": "General education teacher",
    "special_ed_teacher": "Special education teacher",
    "district_representative": "District representative (LEA)",
    "evaluation_interpreter": "Evaluation specialist",
    "related_services": "Related services provider",
    "advocate": "Advocate",
    "interpreter": "Interpreter",
    "facilitator": "Facilitator",
    "note_taker": "Note taker",
    "attorney": "Attorney",
    "administrator": "Administrator",
    "present": "Present",
    "absent": "Absent",
    "excused": "Excused",
    "arrived_late": "Arrived late",
    "left_early": "Left early",
    "raised": "Raised",
    "discussing": "Discussing",
    "addressed": "Addressed",
    "parked": "Parked",
    "proposed": "Proposed",
    "agreed": "Agreed",
    "not_agreed": "Not agreed",
    "open": "Open",
    "done": "Done",
}


def is_team_only(meeting: Mapping[str, Any]) -> bool:
    """Whether a whole meeting is the school team's only (an internal review, the preparation for
    a mediation): nothing from it goes into a parent copy of the minutes or onto the projector,
    and what is carried from it into another meeting starts team-only there."""
    return bool(meeting.get("team_only")) or meeting.get("kind") == MeetingKind.INTERNAL_REVIEW
