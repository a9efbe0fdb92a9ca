"""A school programme's cycle: the transition buttons (the panel on the programme's page),
the timeline, a submission's PDF and what changed since the previous submission.

School programmes only: a municipal roadmap, like another tenant's programme, is a 404."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from core.access import get_for_user, grants_for

from ..forms.workflow import TransitionForm
from ..models import Roadmap, Submission
from ..selectors import workflow as selectors
from ..services import workflow

PANEL = "roadmaps/programme_panel_body.html"


def get_programme(request, district_slug: str, pk: int) -> Roadmap:
    roadmap = get_for_user(Roadmap, request.user, pk, district__slug=district_slug)
    if roadmap.school_id is None:
        raise Http404("Не найдено")
    return roadmap


def _panel_reply(request, roadmap: Roadmap, status: int, *, step: str = "", error: str = "",
                 comment: str = "", notice: str = ""):
    roadmap.refresh_from_db(fields=["status"])
    panel = selectors.programme_panel(request.user, roadmap)
    if step and error:
        panel.error_step, panel.error, panel.comment = step, error, comment
    panel.notice = notice
    context = {"panel": panel, "roadmap": roadmap, "district": roadmap.district}
    template = PANEL if request.htmx else "roadmaps/programme_action.html"
    return render(request, template, context, status=status)


@login_required
@require_POST
def programme_transition(request, district_slug: str, pk: int):
    roadmap = get_programme(request, district_slug, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        return _panel_reply(request, roadmap, 422, notice=first)
    data = form.cleaned_data
    step = workflow.STEPS[data["name"]]
    try:
        workflow.transition_apply(
            roadmap=roadmap, user=request.user, name=step.name, comment=data["comment"],
            expected_status=data["expected_status"],
            expected_transition_id=data["expected_transition"])
    except workflow.StaleTransition as stale:
        return _panel_reply(request, roadmap, 409, notice=stale.messages[0])
    except PermissionDenied as refused:
        return render(request, "roadmaps/programme_refused.html",
                      {"roadmap": roadmap, "district": roadmap.district,
                       "message": str(refused) or "Недостаточно прав."}, status=403)
    except ValidationError as exc:
        messages_ = exc.message_dict.get("comment") if hasattr(exc, "error_dict") else exc.messages
        return _panel_reply(request, roadmap, 422, step=step.name, error=messages_[0],
                            comment=data["comment"])
    messages.success(request, f"Программа: {workflow.S(step.target).label}.")
    url = reverse("roadmap_detail", args=[roadmap.district.slug, roadmap.pk])
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


@login_required
@require_GET
def programme_timeline(request, district_slug: str, pk: int):
    roadmap = get_programme(request, district_slug, pk)
    timeline = selectors.programme_timeline(roadmap)
    return render(request, "roadmaps/programme_timeline.html", {
        "district": roadmap.district, "roadmap": roadmap, "timeline": timeline,
        "can_retry": _may_retry(request.user, roadmap),
    })


def _submission(roadmap: Roadmap, number: int) -> Submission:
    try:
        return Submission.objects.defer("content").get(
            district_id=roadmap.district_id, roadmap=roadmap, number=number)
    except Submission.DoesNotExist:
        raise Http404("Не найдено") from None


@login_required
@require_GET
def submission_pdf(request, district_slug: str, pk: int, number: int):
    roadmap = get_programme(request, district_slug, pk)
    submission = _submission(roadmap, number)
    field = submission.pdf
    if (submission.render_state != Submission.RenderState.DONE or not field.name
            or not field.storage.exists(field.name)):
        raise Http404("PDF ещё не сформирован")
    day = submission.submitted_at.astimezone(roadmap.district.region.zone)
    name = f"{roadmap.school.short_name} — версия {number} от {day:%d.%m.%Y}.pdf"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name.replace("/", "-"),
                        content_type="application/pdf")


def _may_retry(user, roadmap: Roadmap) -> bool:
    """Whoever takes part in the cycle (not a curator, who only reads and comments)."""
    return grants_for(user).superuser or bool(workflow.user_roles(user, roadmap))


@login_required
@require_POST
def submission_render_retry(request, district_slug: str, pk: int, number: int):
    roadmap = get_programme(request, district_slug, pk)
    submission = _submission(roadmap, number)
    if not _may_retry(request.user, roadmap):
        raise PermissionDenied("Формировать PDF заново может участник согласования.")
    if workflow.submission_render_retry(submission=submission, acting_user=request.user):
        messages.success(request, f"PDF версии № {number} поставлен в очередь.")
    else:
        messages.info(request, f"PDF версии № {number} уже формируется или готов.")
    return redirect("programme_timeline", roadmap.district.slug, roadmap.pk)


@login_required
@require_GET
def submission_changes(request, district_slug: str, pk: int, number: int):
    roadmap = get_programme(request, district_slug, pk)
    changes = selectors.submission_changes(roadmap, number)
    if changes is None:
        raise Http404("Не найдено")
    return render(request, "roadmaps/programme_changes.html", {
        "district": roadmap.district, "roadmap": roadmap, "changes": changes,
    })
