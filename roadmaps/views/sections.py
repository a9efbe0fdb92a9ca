"""Editing sections in place (htmx): the header row, its form, add, move, delete."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from core.templatetags.ru import ru_plural
from core.versioning import StaleVersion, version_conflict

from ..forms.editing import SectionForm, SectionMoveForm
from ..models import Measure, Section
from ..services import sections as section_services
from .table import (
    back_to_roadmap,
    edit_roadmap,
    edit_section,
    render_blocks,
    render_fragment,
    table_context,
)

SECTION_FORM = "roadmaps/roadmap_detail_section_form.html"


def _form(request, roadmap, form, section=None, status=200):
    return render_fragment(request, SECTION_FORM, {**table_context(request, roadmap), "form": form,
                                           "section": section}, status=status)


@login_required
def section_new(request, district_slug: str, pk: int):
    roadmap = edit_roadmap(request, district_slug, pk)
    initial = {"parent": request.GET.get("parent")} if request.GET.get("parent") else None
    form = SectionForm(request.POST or None, roadmap=roadmap, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            section = section_services.section_create(
                roadmap=roadmap, title=form.cleaned_data["title"], acting_user=request.user,
                parent=form.cleaned_data["parent"], number=form.number_change() or "",
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not request.htmx:
                return back_to_roadmap(roadmap, f"block-{section.pk}")
            return render_blocks(request, roadmap, whole_table=True, close_section_form=True,
                                 notice={"text": f"Раздел {section.number} добавлен."})
    return _form(request, roadmap, form, status=422 if request.method == "POST" else 200)


@login_required
def section_edit(request, district_slug: str, pk: int):
    section = edit_section(request, district_slug, pk)
    roadmap = section.roadmap
    if request.method != "POST":
        form = SectionForm(initial={"title": section.title, "number": section.number,
                                    "number_was": section.number, "version": section.version},
                           roadmap=roadmap)
        return _form(request, roadmap, form, section)
    form = SectionForm(request.POST, roadmap=roadmap, editing=True)
    if form.is_valid():
        number = form.number_change()
        try:
            section_services.section_update(section=section, acting_user=request.user,
                                            expected_version=form.cleaned_data["version"],
                                            title=form.cleaned_data["title"], number=number)
        except StaleVersion as stale:
            return _conflict(request, form, stale.current)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not request.htmx:
                return back_to_roadmap(roadmap, f"block-{section.pk}")
            if number is not None:
                return render_blocks(request, roadmap, whole_table=True)
            return render_blocks(request, roadmap, [section.pk])
    return _form(request, roadmap, form, section, status=422)


def _conflict(request, form, current):
    """Both versions of the section side by side: keep the saved one or save one's own."""
    mine = form.cleaned_data
    number = mine.get("number") or ""
    rows = [("№", number if form.number_change() is not None else current.number,
             current.number),
            ("Название раздела", mine["title"], current.title)]
    conflict = version_conflict(title=f"Раздел {current.number} уже изменён".replace("  ", " "),
                                current=current, rows=rows)
    return render_fragment(request, "roadmaps/roadmap_detail_section_conflict.html", {
        **table_context(request, current.roadmap), "section": current, "conflict": conflict,
        "mine": mine}, status=409)


@login_required
@require_GET
def section_row(request, district_slug: str, pk: int):
    """Cancel an edit: the section's block as it was."""
    section = edit_section(request, district_slug, pk)
    return render_blocks(request, section.roadmap, [section.pk])


@login_required
@require_GET
def section_menu(request, district_slug: str, pk: int):
    section = edit_section(request, district_slug, pk)
    tops = Section.objects.filter(district_id=section.district_id, roadmap_id=section.roadmap_id,
                                  parent__isnull=True).exclude(pk=section.pk)
    has_children = Section.objects.filter(parent=section).exists()
    return render(request, "roadmaps/roadmap_detail_section_menu.html", {
        **table_context(request, section.roadmap), "section": section,
        "tops": list(tops.order_by("position", "id")), "has_children": has_children,
        # the measures of its sub-sections go with it too
        "measure_count": Measure.objects.filter(
            district_id=section.district_id,
            section__in=Section.objects.filter(Q(pk=section.pk) | Q(parent=section)),
        ).count()})


@login_required
@require_POST
def section_move(request, district_slug: str, pk: int):
    section = edit_section(request, district_slug, pk)
    roadmap = section.roadmap
    form = SectionMoveForm(request.POST, roadmap=roadmap)
    notice = None
    if form.is_valid():
        try:
            if form.cleaned_data["step"]:
                section_services.section_move_step(section=section, acting_user=request.user,
                                                   step=form.cleaned_data["step"])
            else:
                section_services.section_move(section=section, acting_user=request.user,
                                              parent=form.cleaned_data["parent"])
                notice = {"text": f"Раздел перенесён: теперь № {section.number}."}
        except ValidationError as exc:
            notice = {"text": " ".join(exc.messages), "error": True}
    else:
        notice = {"text": "Не удалось перенести: раздел не найден.", "error": True}
    if not request.htmx:
        if notice:
            (messages.error if notice.get("error") else messages.success)(request, notice["text"])
        return back_to_roadmap(roadmap, f"block-{section.pk}")
    return render_blocks(request, roadmap, whole_table=True, notice=notice)


@login_required
@require_POST
def section_delete(request, district_slug: str, pk: int):
    section = edit_section(request, district_slug, pk)
    roadmap = section.roadmap
    label = f"{section.number} «{section.title[:60]}»"
    record = section_services.section_delete(section=section, acting_user=request.user)
    count = len(record.before.get("measures", []))
    text = f"Раздел {label} удалён вместе с {ru_plural(count, 'мероприятием,мероприятиями,мероприятиями')}."
    if not request.htmx:
        messages.success(request, text)
        return back_to_roadmap(roadmap)
    return render_blocks(request, roadmap, whole_table=True, notice={"text": text, "record": record})

