"""Comments on a school programme (the block at the bottom of its page) and on its single
measures (a row under the measure, opened from the row). Whoever may see the programme may
comment (another district, another school: 404). htmx: a new comment appears at once; a
form with an error comes back in its place (422), a thread resolved meanwhile comes back
with a Russian notice (409), a forbidden resolve is 403."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST

from core.access import get_for_user
from core.forms import add_service_errors

from ..forms.comments import CommentForm, ReplyForm
from ..models import Comment, Measure, Roadmap
from ..selectors.comments import comment_block, open_comment_counts_by_measure
from ..services.comments import ThreadResolved, comment_create, comment_reply, comment_resolve

BLOCK = "roadmaps/comment_block.html"
ROW = "roadmaps/comment_measure_row.html"


def _programme(request, district_slug: str, pk: int) -> Roadmap:
    return get_for_user(Roadmap, request.user, pk, district__slug=district_slug,
                        school__isnull=False)


def _back(roadmap: Roadmap, anchor: str = "programme-comments"):
    response = redirect("roadmap_detail", roadmap.district.slug, roadmap.pk)
    response["Location"] += f"#{anchor}"
    return response


def block_context(request, roadmap: Roadmap, **extra) -> dict:
    """What `comment_block.html` needs (the template tag on the page gives the same)."""
    return {"district": roadmap.district, "roadmap": roadmap,
            "block": comment_block(request.user, roadmap),
            "form": extra.pop("form", None) or CommentForm(), **extra}


def _block(request, roadmap: Roadmap, *, status: int = 200, retarget: bool = False,
           badges=(), all_badges: bool = False, **extra) -> HttpResponse:
    ctx = block_context(request, roadmap, **extra)
    html = render_to_string(BLOCK, ctx, request=request)
    if all_badges:  # every measure with a thread: their counts may have changed
        badges = [g.measure.pk for g in ctx["block"].groups if g.measure]
    html += _badges(roadmap, badges)
    response = HttpResponse(html, status=status)
    if retarget:  # the request targeted its own form: the answer is the whole block
        response["HX-Retarget"] = "#programme-comments"
        response["HX-Reswap"] = "outerHTML"
    return response


def _badges(roadmap: Roadmap, measure_ids) -> str:
    """The measures' open-comment counts in their rows, swapped out of band."""
    ids = [m for m in measure_ids if m]
    if not ids:
        return ""
    counts = open_comment_counts_by_measure(roadmap)
    return "".join(render_to_string("roadmaps/comment_badge.html",
                                    {"measure_id": m, "count": counts.get(m, 0), "oob": True})
                   for m in ids)


def _refused(request, roadmap, form, exc: ValidationError):
    """A service refusal without htmx: the message on the page, back to the comments."""
    add_service_errors(form, exc)
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _back(roadmap)


# --- the block ------------------------------------------------------------------------------

@login_required
@require_GET
def programme_comments(request, district_slug: str, pk: int):
    roadmap = _programme(request, district_slug, pk)
    if not request.htmx:
        return _back(roadmap)
    return _block(request, roadmap, all_badges=True)


@login_required
@require_POST
def comment_new(request, district_slug: str, pk: int):
    """A comment on the programme as a whole."""
    roadmap = _programme(request, district_slug, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment_create(roadmap=roadmap, acting_user=request.user,
                           text=form.cleaned_data["text"])
        except ValidationError as exc:
            if not request.htmx:
                return _refused(request, roadmap, form, exc)
            add_service_errors(form, exc)
        else:
            if not request.htmx:
                return _back(roadmap)
            return _block(request, roadmap, retarget=True)
    elif not request.htmx:
        return _refused(request, roadmap, form, ValidationError([]))
    return render(request, "roadmaps/comment_form.html",
                  {"district": roadmap.district, "roadmap": roadmap, "form": form}, status=422)


@login_required
@require_POST
def comment_reply_view(request, district_slug: str, pk: int, comment_pk: int):
    roadmap = _programme(request, district_slug, pk)
    parent = get_for_user(Comment, request.user, comment_pk, roadmap=roadmap)
    parent.roadmap = roadmap
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            comment_reply(parent=parent, acting_user=request.user,
                          text=form.cleaned_data["text"], fixed=form.cleaned_data["fixed"])
        except ThreadResolved as exc:
            if not request.htmx:
                return _refused(request, roadmap, form, exc)
            return _block(request, roadmap, status=409, retarget=True, notice=exc.messages[0],
                          badges=[parent.measure_id])
        except ValidationError as exc:
            if not request.htmx:
                return _refused(request, roadmap, form, exc)
            add_service_errors(form, exc)
        else:
            if not request.htmx:
                return _back(roadmap, f"thread-{parent.parent_id or parent.pk}")
            return _block(request, roadmap, retarget=True)
    elif not request.htmx:
        return _refused(request, roadmap, form, ValidationError([]))
    block = comment_block(request.user, roadmap)
    thread = Comment.objects.filter(pk=parent.parent_id or parent.pk).first()
    return render(request, "roadmaps/comment_reply_form.html",
                  {"district": roadmap.district, "roadmap": roadmap, "t": thread,
                   "block": block, "form": form, "open": True}, status=422)


@login_required
@require_POST
def comment_resolve_view(request, district_slug: str, pk: int, comment_pk: int):
    roadmap = _programme(request, district_slug, pk)
    comment = get_for_user(Comment, request.user, comment_pk, roadmap=roadmap)
    comment.roadmap = roadmap
    try:
        comment_resolve(comment=comment, acting_user=request.user)
    except ThreadResolved as exc:
        if not request.htmx:
            messages.error(request, exc.messages[0])
            return _back(roadmap)
        return _block(request, roadmap, status=409, notice=exc.messages[0],
                      badges=[comment.measure_id])
    if not request.htmx:
        messages.success(request, "Замечание снято.")
        return _back(roadmap)
    return _block(request, roadmap, badges=[comment.measure_id])


# --- a measure's comments (the row under the measure) --------------------------------------------

def _measure_row(request, roadmap: Roadmap, measure: Measure, form=None, *, status=200,
                 created: bool = False) -> HttpResponse:
    ctx = {"district": roadmap.district, "roadmap": roadmap, "measure": measure,
           "block": comment_block(request.user, roadmap, measure=measure),
           "form": form or CommentForm()}
    response = HttpResponse(render_to_string(ROW, ctx, request=request), status=status)
    if created:
        # the programme's block reloads itself (and the rows' counts with it): a reply of
        # table rows and other elements together is not parsed reliably by the browser
        response["HX-Trigger"] = "comments-changed"
    return response


@login_required
def comment_measure(request, district_slug: str, pk: int, measure_pk: int):
    """GET: the measure's threads and a form, as a row under the measure; POST: a new
    comment on the measure."""
    roadmap = _programme(request, district_slug, pk)
    measure = get_for_user(Measure, request.user, measure_pk, roadmap=roadmap)
    if request.method != "POST":
        if not request.htmx:
            return _back(roadmap, f"measure-{measure.pk}")
        return _measure_row(request, roadmap, measure)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment_create(roadmap=roadmap, measure=measure, acting_user=request.user,
                           text=form.cleaned_data["text"])
        except ValidationError as exc:
            if not request.htmx:
                return _refused(request, roadmap, form, exc)
            add_service_errors(form, exc)
        else:
            if not request.htmx:
                return _back(roadmap, f"measure-{measure.pk}")
            return _measure_row(request, roadmap, measure, created=True)
    elif not request.htmx:
        return _refused(request, roadmap, form, ValidationError([]))
    return _measure_row(request, roadmap, measure, form, status=422)
