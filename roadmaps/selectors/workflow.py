"""Reads of a school programme's cycle shaped for its pages: the panel on the programme's
page, the timeline, a submission's «what changed»."""
from __future__ import annotations

from dataclasses import dataclass

from ..models import Roadmap, Submission, Transition
from ..programme_diff import ProgrammeDiff, programme_diff
from ..services import workflow


def _submissions(roadmap: Roadmap):
    return (Submission.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
            .defer("content"))


def status_label(value: str) -> str:
    return Roadmap.Status(value).label if value in Roadmap.Status.values else value


def approved_submission_id(roadmap: Roadmap) -> int | None:
    """The version that was approved last (it stays readable during an amendment)."""
    return (Transition.objects.filter(district_id=roadmap.district_id, roadmap=roadmap,
                                      to_status=Roadmap.Status.APPROVED)
            .order_by("-created_at", "-id").values_list("submission_id", flat=True).first())


@dataclass
class Panel:
    roadmap: Roadmap
    steps: list[workflow.Step]
    last: Transition | None
    latest: Submission | None
    approved: Submission | None
    # a refused step's form shows its message and what was typed
    error_step: str = ""
    error: str = ""
    comment: str = ""
    notice: str = ""  # a stale action's message

    @property
    def last_id(self) -> int:
        return self.last.pk if self.last else 0


def programme_panel(user, roadmap: Roadmap) -> Panel:
    """What the panel shows this user: three queries whatever the programme's history."""
    last = workflow.last_transition(roadmap)
    latest = _submissions(roadmap).order_by("-number").first()
    approved_id = approved_submission_id(roadmap)
    approved = None
    if approved_id:
        approved = latest if latest and latest.pk == approved_id else (
            _submissions(roadmap).filter(pk=approved_id).first())
    return Panel(roadmap=roadmap, steps=workflow.allowed_transitions(user, roadmap), last=last,
                 latest=latest, approved=approved)


@dataclass
class Timeline:
    transitions: list[Transition]
    submissions: list[Submission]
    approved_id: int | None


def programme_timeline(roadmap: Roadmap) -> Timeline:
    """Every step (with who and the submission it concerns) and every submission: two
    queries whatever their number (the approved version is read off the steps)."""
    transitions = list(Transition.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
                       .select_related("actor").order_by("created_at", "id"))
    submissions = list(_submissions(roadmap).select_related("submitted_by").order_by("number"))
    by_id = {s.pk: s for s in submissions}
    for s in submissions:
        s.is_stuck = workflow.submission_is_stuck(s)
    for t in transitions:
        t.submission_row = by_id.get(t.submission_id)
        t.from_label, t.to_label = status_label(t.from_status), status_label(t.to_status)
    approved = [t for t in transitions if t.to_status == Roadmap.Status.APPROVED]
    return Timeline(transitions=transitions, submissions=submissions,
                    approved_id=approved[-1].submission_id if approved else None)


@dataclass
class Changes:
    submission: Submission
    previous: Submission | None
    diff: ProgrammeDiff


def submission_changes(roadmap: Roadmap, number: int) -> Changes | None:
    """Submission `number` against the one before it; None when there is no such submission."""
    rows = list(Submission.objects.filter(district_id=roadmap.district_id, roadmap=roadmap,
                                          number__in=[number - 1, number])
                .select_related("submitted_by").order_by("number"))
    current = next((s for s in rows if s.number == number), None)
    if current is None:
        return None
    previous = next((s for s in rows if s.number == number - 1), None)
    return Changes(submission=current, previous=previous,
                   diff=programme_diff(previous.content if previous else None, current.content))
