"""Import a flagged-school list: upload or paste → preview of the matches → confirm."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.access import Action
from core.reading.errors import DocumentError
from core.uploads import discard, read_source, read_stashed, stash, unstash

from .. import access
from ..forms.imports import SchoolListImportForm
from ..list_table import parse_school_table
from ..models import SchoolList
from ..selectors.lists import preview_matches
from ..services.school_lists import school_list_import


@login_required
def school_list_import_upload(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug, Action.MANAGE)
    form = SchoolListImportForm(request.POST or None, request.FILES or None)
    error = refused = None
    if request.method == "POST" and form.is_valid():
        try:
            doc, data, name, kind = read_source(form.cleaned_data, settings.IMPORT_MAX_BYTES)
            parse_school_table(doc)
        except DocumentError as exc:
            error = str(exc)
            refused = getattr(form.cleaned_data.get("file"), "name", None)
        else:
            token = stash(request, district, name, data, kind, list_kind=form.cleaned_data["kind"],
                          year=form.cleaned_data["year"],
                          source_document=form.cleaned_data["source_document"])
            return redirect("school_list_import_preview", district.slug, token)
    return render(request, "schools/list_import_upload.html",
                  {"district": district, "form": form, "error": error, "refused": refused},
                  status=400 if request.method == "POST" else 200)


@login_required
def school_list_import_preview(request, district_slug: str, token: str):
    district = access.get_district_for_user(request.user, district_slug, Action.MANAGE)
    item = unstash(request, district, token)
    try:
        rows = parse_school_table(read_stashed(item))
    except DocumentError as exc:
        discard(request, token)
        messages.error(request, str(exc))
        return redirect("school_list_import", district.slug)
    if request.method == "POST":
        if "cancel" in request.POST:
            discard(request, token)
            messages.info(request, "Импорт перечня отменён, ничего не изменено.")
            return redirect("district_detail", district.slug)
        try:
            school_list, matched, created = school_list_import(
                district=district, kind=item["list_kind"], year=item["year"], rows=rows,
                source_document=item["source_document"], acting_user=request.user,
            )
        except DocumentError as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            discard(request, token)
            messages.success(request, f"Перечень {school_list} сохранён: найдено в справочнике "
                                      f"{matched}, добавлено новых школ {created}.")
            return redirect("district_detail", district.slug)
    return render(request, "schools/list_import_preview.html", {
        "district": district, "token": token, "source_name": item["name"],
        "kind_label": SchoolList.Kind(item["list_kind"]).label, "year": item["year"],
        "rows": preview_matches(district, rows),
    })
