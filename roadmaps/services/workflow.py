"""A school programme's approval cycle: the one owner of its state machine
(architecture.md, «The school side»).

A school programme is a `Roadmap` with a school. Its transitions, by name:

    name              from                      to                      who
    submit            draft, returned           submitted               the school's director
    forward           submitted                 under_regional_review   the district's coordinator, head
    return_municipal  submitted                 returned                the district's coordinator, head (comment required)
    return_regional   under_regional_review     returned                the region's working group (comment required)
    agree             under_regional_review     agreed                  the region's working group
    approve           agreed                    approved                the district's coordinator, head
    amend             approved                  draft                   the director, the coordinator

A superuser may take any transition a role may. Every transition writes a `Transition`
row and an audit record; `submit` also freezes a `Submission` (the content as it is now,
`snapshots.programme_snapshot`) and queues the rendering of its dated PDF
(`roadmaps.tasks.render_submission`, on commit).

For the others:
- `allowed_transitions(user, roadmap)` → the `Step`s this user may take now (empty for a
  municipal roadmap);
- `transition_apply(roadmap=, user=, name=, comment=, expected_status=,
  expected_transition_id=None)` → the `Transition` written. It locks the roadmap row and
  refuses a stale action (the programme moved on meanwhile: another tab, a double click)
  with `StaleTransition` (a ValidationError naming the current status, who and when);
  a role that may not take it gets `PermissionDenied`; a missing comment or an action
  that does not exist from this status a `ValidationError`. Messages are Russian.
- `EDITABLE` — the statuses in which the programme's content may be edited
  (roadmaps/access.py: only draft and returned).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from core import audit
from core.access import grants_for
from core.models import AuditRecord
from core.zones import in_zone
from schools.models import Role

from ..access import PROGRAMME_EDITABLE
from ..models import Roadmap, Submission, Transition
from .snapshots import programme_snapshot

logger = logging.getLogger(__name__)

S = Roadmap.Status
EDITABLE = PROGRAMME_EDITABLE  # one list: roadmaps/access.py refuses edits outside it


@dataclass(frozen=True)
class Step:
    """One transition of the cycle, as a button shows it."""

    name: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    label: str
    comment_required: bool = False
    style: str = ""  # "primary" | "danger" | "" (the button's look)

    @property
    def target_label(self) -> str:
        return S(self.target).label


STEPS: dict[str, Step] = {s.name: s for s in (
    Step("submit", (S.DRAFT, S.RETURNED), S.SUBMITTED, (Role.DIRECTOR,),
         "Подать на рассмотрение", style="primary"),
    Step("forward", (S.SUBMITTED,), S.UNDER_REGIONAL_REVIEW, (Role.COORDINATOR, Role.HEAD),
         "Направить на согласование в РРГ", style="primary"),
    Step("return_municipal", (S.SUBMITTED,), S.RETURNED, (Role.COORDINATOR, Role.HEAD),
         "Вернуть на доработку", comment_required=True, style="danger"),
    Step("return_regional", (S.UNDER_REGIONAL_REVIEW,), S.RETURNED, (Role.REGIONAL,),
         "Вернуть на доработку", comment_required=True, style="danger"),
    Step("agree", (S.UNDER_REGIONAL_REVIEW,), S.AGREED, (Role.REGIONAL,),
         "Согласовать", style="primary"),
    Step("approve", (S.AGREED,), S.APPROVED, (Role.COORDINATOR, Role.HEAD),
         "Утвердить", style="primary"),
    Step("amend", (S.APPROVED,), S.DRAFT, (Role.DIRECTOR, Role.COORDINATOR),
         "Внести изменения"),
)}
NAMES = tuple(STEPS)


class StaleTransition(ValidationError):
    """The programme is no longer in the status the form was shown for."""


def user_roles(user, roadmap: Roadmap) -> list[str]:
    """The roles of the cycle the user holds for this programme (from the request's grants)."""
    g = grants_for(user)
    roles = []
    if roadmap.school_id is not None and roadmap.school_id in g.directed_schools:
        roles.append(Role.DIRECTOR)
    if roadmap.district_id in g.coordinator_districts:
        roles.append(Role.COORDINATOR)
    if roadmap.district_id in g.head_districts:
        roles.append(Role.HEAD)
    if roadmap.district_id in g.regional_districts:
        roles.append(Role.REGIONAL)
    return roles


def _acting_role(user, roadmap: Roadmap, step: Step) -> str | None:
    """The role in which the user takes the step ("" for a superuser without one), or None."""
    held = user_roles(user, roadmap)
    for role in step.roles:
        if role in held:
            return role
    if grants_for(user).superuser:
        return ""
    return None


def allowed_transitions(user, roadmap: Roadmap) -> list[Step]:
    """The steps this user may take now (none for a municipal roadmap)."""
    if roadmap.school_id is None:
        return []
    return [s for s in STEPS.values()
            if roadmap.status in s.sources and _acting_role(user, roadmap, s) is not None]


def last_transition(roadmap: Roadmap) -> Transition | None:
    return (Transition.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
            .select_related("actor").order_by("-created_at", "-id").first())


def stale_message(roadmap: Roadmap, last: Transition | None) -> str:
    """«Программа уже «на согласовании в РРГ» (Петров П. П., 05.12.2026 14:03). Обновите страницу.»"""
    status = roadmap.get_status_display()
    if last is None:
        return f"Программа уже в статусе «{status}». Обновите страницу."
    who = last.actor.display_name if last.actor else "система"
    when = in_zone(last.created_at, roadmap.district.region.zone)
    return f"Программа уже в статусе «{status}» ({who}, {when}). Обновите страницу."


@transaction.atomic
def transition_apply(*, roadmap: Roadmap, user, name: str, comment: str = "",
                     expected_status: str, expected_transition_id: int | None = None
                     ) -> Transition:
    """Take the step `name` on the programme, once. See the module's docstring."""
    step = STEPS.get(name)
    if step is None:
        raise ValidationError("Такого действия с программой нет.", code="unknown")
    locked = (Roadmap.objects.select_for_update(of=("self",))
              .select_related("district__region", "school").get(pk=roadmap.pk))
    if locked.school_id is None:
        raise ValidationError("У муниципальной дорожной карты нет цикла согласования.",
                              code="municipal")
    last = last_transition(locked)
    moved = (locked.status != expected_status
             or (expected_transition_id is not None
                 and (last.pk if last else 0) != expected_transition_id))
    if moved:
        raise StaleTransition(stale_message(locked, last), code="stale")
    if locked.status not in step.sources:
        raise ValidationError(
            f"Из статуса «{locked.get_status_display()}» действие «{step.label}» недоступно.",
            code="wrong_status")
    role = _acting_role(user, locked, step)
    if role is None:
        raise PermissionDenied(f"Действие «{step.label}» не для вашей роли.")
    comment = (comment or "").strip()
    if step.comment_required and not comment:
        raise ValidationError({"comment": "Напишите, что нужно доработать: без комментария "
                                          "программа не возвращается."}, code="required")

    submission = None
    if step.name == "submit":
        submission = _submission_create(roadmap=locked, user=user)
    else:
        submission = (Submission.objects.filter(district_id=locked.district_id, roadmap=locked)
                      .order_by("-number").first())
    before = locked.status
    locked.status = step.target
    locked.full_clean()
    locked.save(update_fields=["status", "updated_at"])
    row = Transition(district_id=locked.district_id, roadmap=locked, from_status=before,
                     to_status=step.target, actor=user if getattr(user, "pk", None) else None,
                     actor_role=role, comment=comment, submission=submission)
    row.full_clean()
    row.save()
    audit.record(district_id=locked.district_id, actor=user, action=AuditRecord.Action.STATUS,
                 target=locked, roadmap_id=locked.pk, before={"status": before},
                 after={"status": locked.status, "transition": step.name,
                        "role": role, "comment": comment,
                        "submission": submission.number if submission else None})
    roadmap.status = locked.status
    return row


def _submission_create(*, roadmap: Roadmap, user) -> Submission:
    number = (Submission.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
              .aggregate(n=Max("number"))["n"] or 0) + 1
    submission = Submission(district_id=roadmap.district_id, roadmap=roadmap, number=number,
                            submitted_by=user if getattr(user, "pk", None) else None,
                            submitted_at=timezone.now(), content=programme_snapshot(roadmap),
                            render_state=Submission.RenderState.QUEUED)
    submission.full_clean()
    submission.save()  # audited with the step: the roadmap's record names the submission
    transaction.on_commit(partial(_queue, submission.pk))
    return submission


def _queue(submission_id: int) -> None:
    from ..tasks import queue_submission_render

    queue_submission_render(submission_id)


# --- the submission's PDF -------------------------------------------------------------------

NOT_QUEUED = ("Очередь задач недоступна: PDF не поставлен в очередь. "
              "Нажмите «Сформировать ещё раз».")


def submission_render(*, submission: Submission) -> Submission:
    """Lay out the frozen content as PDF and keep it (the layout holds no transaction)."""
    from ..documents.programme import render_programme_pdf

    pdf = render_programme_pdf(submission.content, number=submission.number,
                               submitted_at=submission.submitted_at,
                               zone=submission.roadmap.district.region.zone)
    return _submission_store_pdf(submission_id=submission.pk, pdf=pdf)


@transaction.atomic
def _submission_store_pdf(*, submission_id: int, pdf: bytes) -> Submission:
    from django.core.files.base import ContentFile

    locked = Submission.objects.select_for_update().get(pk=submission_id)
    old = locked.pdf.name
    locked.pdf.save(f"programme-{locked.roadmap_id}-v{locked.number}.pdf", ContentFile(pdf),
                    save=False)
    locked.render_state, locked.render_error = Submission.RenderState.DONE, ""
    locked.save(update_fields=["pdf", "render_state", "render_error"])
    if old and old != locked.pdf.name:
        transaction.on_commit(partial(locked.pdf.storage.delete, old))
    return locked


def submission_render_failed(*, submission_id: int, error: str) -> None:
    Submission.objects.filter(pk=submission_id).update(
        render_state=Submission.RenderState.FAILED, render_error=error[:2000])


def submission_render_not_queued(*, submission_id: int) -> bool:
    return bool(Submission.objects.filter(
        pk=submission_id, render_state=Submission.RenderState.QUEUED).update(
        render_state=Submission.RenderState.FAILED, render_error=NOT_QUEUED))


# a PDF still waiting for a worker after this long may be queued again by hand
STUCK_AFTER = timedelta(minutes=10)


def submission_is_stuck(submission: Submission) -> bool:
    return (submission.render_state == Submission.RenderState.QUEUED
            and submission.submitted_at < timezone.now() - STUCK_AFTER)


@transaction.atomic
def submission_render_retry(*, submission: Submission, acting_user) -> bool:
    """A failed PDF is queued again (a second click finds it queued already); one queued
    long ago and never started (no worker then) is sent again. However often it is sent,
    the task claims it once and renders it once."""
    retry = Q(render_state=Submission.RenderState.FAILED) | Q(
        render_state=Submission.RenderState.QUEUED,
        submitted_at__lt=timezone.now() - STUCK_AFTER)
    claimed = Submission.objects.filter(retry, pk=submission.pk).update(
        render_state=Submission.RenderState.QUEUED, render_error="")
    if claimed:
        # the district's trail, not the programme's journal (which lists content changes)
        audit.record(district_id=submission.district_id, actor=acting_user,
                     action=AuditRecord.Action.STATUS, target=submission,
                     after={"render_state": Submission.RenderState.QUEUED,
                            "roadmap": submission.roadmap_id, "number": submission.number})
        transaction.on_commit(partial(_queue, submission.pk))
    return bool(claimed)
