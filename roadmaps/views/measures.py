"""Editing measures in place (htmx): the row, its form, save with the optimistic lock,
add, move, delete, restore, and the live preview of a deadline."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from core.access import get_for_user
from core.models import AuditRecord
from core.versioning import StaleVersion, version_conflict

from ..deadlines import parse_deadline
from ..forms.editing import INDICATORS, MeasureForm, MoveForm, shows_indicators
from ..models import DeadlineKind, Measure, Section
from ..selectors import table as table_selectors
from ..services import measures as measure_services
from ..services.sections import section_restore
from ..tree import print_order
from .table import (
    back_to_roadmap,
    edit_measure,
    edit_roadmap,
    render_blocks,
    render_fragment,
    table_context,
)

ROW = "roadmaps/roadmap_detail_row.html"
ROW_FORM = "roadmaps/roadmap_detail_row_form.html"


def _row(request, measure, **extra):
    measure = table_selectors.measure_for_row(measure)
    return render_fragment(request, ROW, {**table_context(request, measure.roadmap), "measure": measure,
                                  **extra})


def _form_context(request, roadmap, form, measure=None, section=None) -> dict:
    preview = parse_deadline(form["deadline_text"].value() or "", roadmap.period_start,
                             roadmap.period_end)
    return {**table_context(request, roadmap), "form": form, "measure": measure,
            "section": section, "preview": preview, "kinds": dict(DeadlineKind.choices),
            "key": measure.pk if measure else f"new-{section.pk if section else 'root'}"}


def _initial(measure) -> dict:
    return {"number": measure.number, "number_was": measure.number, "version": measure.version,
            "text": measure.text, "deadline_text": measure.deadline_text,
            "responsible_text": measure.responsible_text, "result": measure.result,
            "output_form": measure.output_form,
            "responsible": list(measure.responsible_ids),
            **{f: getattr(measure, f) for f in INDICATORS}}


@login_required
@require_GET
def measure_row(request, district_slug: str, pk: int):
    measure = get_for_user(Measure, request.user, pk, district__slug=district_slug)
    return _row(request, measure)


@login_required
def measure_edit(request, district_slug: str, pk: int):
    measure = table_selectors.measure_for_row(edit_measure(request, district_slug, pk))
    roadmap = measure.roadmap
    organizations = table_selectors.district_responsibles(roadmap)
    indicators = shows_indicators(roadmap, measure.section)
    if request.method != "POST":
        form = MeasureForm(initial=_initial(measure), organizations=organizations,
                           indicators=indicators)
        return render_fragment(request, ROW_FORM, _form_context(request, roadmap, form, measure))
    form = MeasureForm(request.POST, organizations=organizations, editing=True,
                       indicators=indicators)
    if form.is_valid():
        number = form.number_change()
        try:
            measure_services.measure_update(
                measure=measure, expected_version=form.cleaned_data["version"],
                acting_user=request.user, number=number,
                clear_review_notes=form.cleaned_data["clear_review"], **form.service_kwargs(),
            )
        except StaleVersion as conflict:
            return _conflict(request, form, conflict.current)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not request.htmx:
                return back_to_roadmap(roadmap, f"measure-{measure.pk}")
            if number is not None:
                return render_blocks(request, roadmap, [measure.section_id])
            return _row(request, measure)
    return render_fragment(request, ROW_FORM, _form_context(request, roadmap, form, measure), status=422)


def _conflict(request, form, current):
    """Both versions side by side: the person chooses to overwrite or to discard theirs."""
    current = table_selectors.measure_for_row(current)
    mine = form.cleaned_data
    rows = [
        ("Мероприятие", mine["text"], current.text),
        ("Срок", mine["deadline_text"], current.deadline_text),
        ("Ответственные", mine["responsible_text"], current.responsible_text),
        ("Организации", ", ".join(o.short_name for o in mine["responsible"]),
         ", ".join(current.responsible_names)),
        ("Результат, показатель", mine["result"], current.result),
        ("Форма", mine["output_form"], current.output_form),
        *((form.fields[f].label, mine[f], getattr(current, f)) for f in INDICATORS
          if form.indicators),
    ]
    conflict = version_conflict(title=f"Мероприятие {current.number} уже изменено",
                                current=current, rows=rows)
    ctx = {**table_context(request, current.roadmap), "measure": current, "mine": mine,
           "conflict": conflict, "number": form.cleaned_data.get("number", "")}
    return render_fragment(request, "roadmaps/roadmap_detail_row_conflict.html", ctx, status=409)


@login_required
def measure_new(request, district_slug: str, pk: int):
    roadmap = edit_roadmap(request, district_slug, pk)
    section = None
    section_id = request.POST.get("section") or request.GET.get("section")
    if section_id:
        section = Section.objects.filter(district_id=roadmap.district_id, roadmap=roadmap,
                                         pk=section_id if str(section_id).isdigit() else 0).first()
        if section is None:
            raise Http404("Не найдено")
    organizations = table_selectors.district_responsibles(roadmap)
    form = MeasureForm(request.POST or None, organizations=organizations,
                       indicators=shows_indicators(roadmap, section))
    if request.method == "POST" and form.is_valid():
        try:
            measure = measure_services.measure_create(roadmap=roadmap, acting_user=request.user,
                                             section=section, number=form.number_change() or "",
                                             **form.service_kwargs())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not request.htmx:
                return back_to_roadmap(roadmap, f"measure-{measure.pk}")
            return render_blocks(request, roadmap, [section.pk if section else None])
    status = 422 if request.method == "POST" else 200
    return render_fragment(request, ROW_FORM, _form_context(request, roadmap, form, section=section),
                   status=status)


@login_required
@require_GET
def measure_menu(request, district_slug: str, pk: int):
    measure = edit_measure(request, district_slug, pk)
    sections = print_order(
        list(Section.objects.filter(district_id=measure.district_id, roadmap_id=measure.roadmap_id))
    )
    return render(request, "roadmaps/roadmap_detail_row_menu.html", {
        **table_context(request, measure.roadmap), "measure": measure, "sections": sections})


@login_required
@require_POST
def measure_move(request, district_slug: str, pk: int):
    measure = edit_measure(request, district_slug, pk)
    form = MoveForm(request.POST, roadmap=measure.roadmap)
    if not form.is_valid():
        return render_blocks(request, measure.roadmap, [measure.section_id],
                             {"text": "Не удалось перенести: раздел не найден.", "error": True})
    old_section = measure.section_id
    if form.cleaned_data["step"]:
        measure_services.measure_move_step(measure=measure, acting_user=request.user,
                                  step=form.cleaned_data["step"])
    else:
        measure_services.measure_move(measure=measure, acting_user=request.user,
                             section=form.cleaned_data["section"])
    if not request.htmx:
        return back_to_roadmap(measure.roadmap, f"measure-{measure.pk}")
    notice = {}
    if measure.section_id != old_section:
        notice = {"text": f"Мероприятие перенесено: теперь № {measure.number}."}
    return render_blocks(request, measure.roadmap, [old_section, measure.section_id], notice)


@login_required
@require_POST
def measure_delete(request, district_slug: str, pk: int):
    measure = edit_measure(request, district_slug, pk)
    roadmap, section_id, number = measure.roadmap, measure.section_id, measure.number
    record = measure_services.measure_delete(measure=measure, acting_user=request.user)
    text = f"Мероприятие {number} удалено.".replace("  ", " ")
    if not request.htmx:
        messages.success(request, text)
        return back_to_roadmap(roadmap)
    return render_blocks(request, roadmap, [section_id], {"text": text, "record": record})


@login_required
@require_POST
def record_restore(request, district_slug: str, pk: int, record_id: int):
    """Bring back a deleted measure or section from its «delete» record in the journal."""
    roadmap = edit_roadmap(request, district_slug, pk)
    record = AuditRecord.objects.filter(
        district_id=roadmap.district_id, roadmap_id_ref=roadmap.pk, pk=record_id,
        action=AuditRecord.Action.DELETE, target_type__in=["measure", "section"],
    ).first()
    if record is None:
        raise Http404("Не найдено")
    try:
        if record.target_type == "measure":
            restored = measure_services.measure_restore(record=record, roadmap=roadmap,
                                               acting_user=request.user)
            text, anchor = f"Мероприятие {restored.number} восстановлено.", f"measure-{restored.pk}"
        else:
            restored = section_restore(record=record, roadmap=roadmap,
                                                        acting_user=request.user)
            text = f"Раздел {restored.number} «{restored.title[:60]}» восстановлен."
            anchor = f"block-{restored.pk}"
    except ValidationError:
        text, anchor, restored = "Это уже восстановлено раньше.", "", None
    if not request.htmx:
        (messages.success if restored else messages.info)(request, text)
        return back_to_roadmap(roadmap, anchor)
    return render_blocks(request, roadmap, whole_table=True, notice={"text": text})


@login_required
@require_GET
def deadline_preview(request, district_slug: str, pk: int):
    roadmap = edit_roadmap(request, district_slug, pk)
    text = request.GET.get("deadline_text", "")[:500]
    return render(request, "roadmaps/roadmap_detail_deadline_preview.html", {
        "preview": parse_deadline(text, roadmap.period_start, roadmap.period_end),
        "kinds": dict(DeadlineKind.choices), "text": text,
    })
