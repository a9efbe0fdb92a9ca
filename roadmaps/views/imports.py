"""Import a roadmap: upload or paste → preview (mapping, period) → confirm."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.access import Action
from core.forms import ImportSourceForm
from core.reading.errors import DocumentError
from core.uploads import discard, read_source, read_stashed, stash, unstash
from schools import access

from ..forms.imports import ImportOptionsForm
from ..selectors.imports import FIELD_LABELS, build_preview
from ..services.imports import roadmap_import


@login_required
def roadmap_import_upload(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug, Action.MANAGE)
    form = ImportSourceForm(request.POST or None, request.FILES or None)
    error = refused = None
    if request.method == "POST" and form.is_valid():
        try:
            doc, data, name, kind = read_source(form.cleaned_data, settings.IMPORT_MAX_BYTES)
            build_preview(doc, district)
        except DocumentError as exc:
            error = str(exc)
            refused = getattr(form.cleaned_data.get("file"), "name", None)
        else:
            token = stash(request, district, name, data, kind)
            return redirect("roadmap_import_preview", district.slug, token)
    status = 400 if request.method == "POST" else 200
    return render(request, "roadmaps/import_upload.html", {
        "district": district, "form": form, "error": error, "refused": refused,
    }, status=status)


@login_required
def roadmap_import_preview(request, district_slug: str, token: str):
    district = access.get_district_for_user(request.user, district_slug, Action.MANAGE)
    item = unstash(request, district, token)
    data = request.POST if request.method == "POST" else None
    try:
        doc = read_stashed(item)
        preview = build_preview(doc, district)
        form = ImportOptionsForm(data, headers=preview.parsed.headers)
        mapping, period = form.mapping(), form.period()
        if mapping or period:
            preview = build_preview(doc, district, mapping=mapping, period=period)
    except DocumentError as exc:
        discard(request, token)
        messages.error(request, str(exc))
        return redirect("roadmap_import", district.slug)
    if not form.is_bound:
        form.bind_defaults(mapping=preview.parsed.mapping, period=preview.period,
                           title=preview.parsed.title)
    error = None
    confirming = request.method == "POST" and "refresh" not in request.POST
    if confirming and form.is_valid():
        if preview.period is None:
            error = "Не удалось определить период по названию: укажите начало и конец периода."
        else:
            try:
                roadmap = roadmap_import(
                    district=district, preview=preview, acting_user=request.user,
                    title=form.cleaned_data["title"] or preview.parsed.title,
                    period_start=preview.period[0], period_end=preview.period[1],
                    source_name=item["name"],
                )
            except (DocumentError, ValidationError) as exc:
                error = "; ".join(getattr(exc, "messages", [str(exc)]))
            else:
                discard(request, token)
                messages.success(request, f"Дорожная карта создана: мероприятий {preview.measure_count}, "
                                          f"требуют проверки {preview.flagged_count}.")
                return redirect("roadmap_detail", district.slug, roadmap.pk)
    return render(request, "roadmaps/import_preview.html", {
        "district": district, "form": form, "preview": preview, "source_name": item["name"],
        "token": token, "error": error, "field_labels": FIELD_LABELS,
        "mapping_fields": [form[f"map_{name}"] for name in FIELD_LABELS],
    }, status=400 if error else 200)


@login_required
@require_POST
def roadmap_import_cancel(request, district_slug: str, token: str):
    district = access.get_district_for_user(request.user, district_slug, Action.MANAGE)
    discard(request, token)
    messages.info(request, "Импорт отменён, ничего не создано.")
    return redirect("district_detail", district.slug)
