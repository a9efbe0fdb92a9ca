"""Creating roadmaps (from scratch or as next year's copy), their title and period, archive."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from schools import access
from schools.forms import add_service_errors

from .. import editing_roadmaps, services
from ..forms import CopyForwardForm, RoadmapForm
from .pages import import_url
from .table import edit_roadmap


@login_required
def roadmap_new(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug, access.Action.EDIT)
    form = RoadmapForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            roadmap = services.roadmap_create(district=district, acting_user=request.user,
                                              **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Дорожная карта создана. Добавьте разделы и мероприятия.")
            return redirect("roadmap_detail", district.slug, roadmap.pk)
    return render(request, "roadmaps/roadmap_form.html", {
        "district": district, "form": form, "import_url": import_url(district),
        "title": "Новая дорожная карта",
    }, status=422 if request.method == "POST" else 200)


@login_required
def roadmap_settings(request, district_slug: str, pk: int):
    roadmap = edit_roadmap(request, district_slug, pk)
    form = RoadmapForm(request.POST or None, initial={
        "title": roadmap.title, "period_start": roadmap.period_start,
        "period_end": roadmap.period_end})
    if request.method == "POST" and form.is_valid():
        try:
            editing_roadmaps.roadmap_update(roadmap=roadmap, acting_user=request.user,
                                            **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Изменения сохранены.")
            return redirect("roadmap_detail", roadmap.district.slug, roadmap.pk)
    return render(request, "roadmaps/roadmap_form.html", {
        "district": roadmap.district, "roadmap": roadmap, "form": form,
        "title": "Название и период",
    }, status=422 if request.method == "POST" else 200)


@login_required
def roadmap_copy(request, district_slug: str, pk: int):
    source = edit_roadmap(request, district_slug, pk)
    form = CopyForwardForm(request.POST or None, initial={
        "title": editing_roadmaps.shift_years_in_text(source.title)})
    if request.method == "POST" and form.is_valid():
        try:
            roadmap = editing_roadmaps.roadmap_copy_forward(
                source=source, acting_user=request.user, title=form.cleaned_data["title"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Копия создана: сроки сдвинуты на год, все мероприятия "
                                      "отмечены для проверки.")
            return redirect("roadmap_detail", roadmap.district.slug, roadmap.pk)
    return render(request, "roadmaps/roadmap_copy.html", {
        "district": source.district, "roadmap": source, "form": form,
        "period_start": editing_roadmaps.shift_date_years(source.period_start),
        "period_end": editing_roadmaps.shift_date_years(source.period_end),
        "measure_count": source.measures.count(),
    }, status=422 if request.method == "POST" else 200)


@login_required
@require_POST
def roadmap_archive(request, district_slug: str, pk: int):
    roadmap = edit_roadmap(request, district_slug, pk)
    archived = request.POST.get("archived", "1") == "1"
    editing_roadmaps.roadmap_archive(roadmap=roadmap, acting_user=request.user, archived=archived)
    messages.success(request, "Дорожная карта перенесена в архив." if archived
                     else "Дорожная карта возвращена из архива.")
    return redirect("roadmap_detail", roadmap.district.slug, roadmap.pk)
