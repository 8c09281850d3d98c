"""An IEP meeting's roster is read for the members 34 CFR 300.321(a) names; nothing is refused."""

from __future__ import annotations

import pytest

from facilitator.model import Attendance, MeetingKind, Role
from facilitator.team import team_gaps

FULL_TEAM = [
    {"role": Role.PARENT, "attendance": Attendance.PRESENT},
    {"role": Role.GENERAL_ED_TEACHER, "attendance": Attendance.ARRIVED_LATE},
    {"role": Role.SPECIAL_ED_TEACHER, "attendance": Attendance.LEFT_EARLY},
    {"role": Role.DISTRICT_REPRESENTATIVE, "attendance": Attendance.PRESENT},
    {"role": Role.EVALUATION_INTERPRETER, "attendance": Attendance.PRESENT},
]


def lines(kind: MeetingKind, people: list[dict[str, str]]) -> list[str]:
    return [gap.sentence() for gap in team_gaps(kind, people)]


def test_a_full_team_lacks_no_one() -> None:
    assert lines(MeetingKind.FACILITATED_IEP, FULL_TEAM) == []


@pytest.mark.parametrize(
    "kind",
    [MeetingKind.PRE_IEP_DIALOGUE, MeetingKind.RESOLUTION, MeetingKind.MEDIATION,
     MeetingKind.INTERNAL_REVIEW, MeetingKind.OTHER],
)  # fmt: skip
def test_only_an_iep_meeting_has_a_team_the_regulation_names(kind: MeetingKind) -> None:
    assert team_gaps(kind, []) == []


def test_an_empty_iep_roster_lacks_every_member_in_the_regulations_order() -> None:
    assert lines(MeetingKind.RECONVENED_IEP, []) == [
        "No one on the roster is a parent (34 CFR 300.321(a)(1)).",
        "No one on the roster is a general-education teacher (34 CFR 300.321(a)(2): if the"
        " child is, or may be, in general education).",
        "No one on the roster is a special-education teacher or provider (34 CFR 300.321(a)(3)).",
        "No one on the roster is a district (LEA) representative (34 CFR 300.321(a)(4)).",
        "No one on the roster is someone who can interpret evaluation results (34 CFR"
        " 300.321(a)(5): unless a member above can).",
    ]


def test_a_member_away_is_said_so_and_an_excusal_needs_written_agreement() -> None:
    away = {
        Role.DISTRICT_REPRESENTATIVE: Attendance.EXCUSED,
        Role.EVALUATION_INTERPRETER: Attendance.ABSENT,
    }
    people = [{**p, "attendance": away.get(p["role"], p["attendance"])} for p in FULL_TEAM]
    assert lines(MeetingKind.FACILITATED_IEP, people) == [
        "The roster has a district (LEA) representative only as excused (34 CFR 300.321(a)(4)):"
        " an excusal takes the parent's and the district's written agreement and, when the"
        " member's area is discussed, the member's written input, given to the parent and the"
        " team before the meeting (34 CFR 300.321(e)).",
        "The roster has someone who can interpret evaluation results only as absent (34 CFR"
        " 300.321(a)(5): unless a member above can).",
    ]


@pytest.mark.parametrize("attendance", [Attendance.ABSENT, Attendance.EXCUSED])
def test_parents_are_never_excused_the_meeting_goes_ahead_without_them_only_after_attempts(
    attendance: Attendance,
) -> None:
    people = [{**p, "attendance": attendance} if p["role"] == Role.PARENT else p for p in FULL_TEAM]
    assert lines(MeetingKind.FACILITATED_IEP, people) == [
        f"The roster has a parent only as {attendance.value}: the meeting may go ahead without"
        " the parents only when the district could not get them to take part, and it keeps a"
        " record of its attempts (34 CFR 300.322(d))."
    ]


def test_a_related_services_provider_fills_the_special_education_place() -> None:
    people = [p for p in FULL_TEAM if p["role"] != Role.SPECIAL_ED_TEACHER]
    assert lines(MeetingKind.FACILITATED_IEP, people) == [
        "No one on the roster is a special-education teacher or provider (34 CFR 300.321(a)(3))."
    ]
    people.append({"role": Role.RELATED_SERVICES, "attendance": Attendance.PRESENT})
    assert lines(MeetingKind.FACILITATED_IEP, people) == []


def test_one_present_is_enough_where_another_in_the_role_is_away() -> None:
    people = [*FULL_TEAM, {"role": Role.PARENT, "attendance": Attendance.EXCUSED}]
    assert lines(MeetingKind.FACILITATED_IEP, people) == []
