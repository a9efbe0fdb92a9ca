"""Orders: compose from a roadmap, render to PDF/DOCX, download, upload the signed scan."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from core.access import Action, can, get_for_user
from core.versioning import StaleVersion, version_conflict

from ..documents.build import build_roadmap_table, draft_order, school_list_availability
from ..documents.xlsx import render_xlsx
from ..forms.orders import (
    ConfirmScanForm,
    InterviewFormSet,
    OrderForm,
    PointFormSet,
    SignedScanForm,
    interview_initial,
    point_initial,
)
from ..models import Order, Roadmap
from ..services import orders

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _points_text(points) -> str:
    lines = []
    for n, p in enumerate(points or [], start=1):
        lines.append(f"{n}. {p.get('text', '')}")
        lines += [f"   – {s}" for s in p.get("subpoints", [])]
    return "\n".join(lines)


def _interviews_text(groups) -> str:
    return "\n".join(f"{g.get('date', '')} {g.get('time', '')}: {', '.join(g.get('schools', []))}"
                     for g in groups or [])


def _appendices_text(o) -> str:
    names = [label for flag, label in ((o["include_roadmap_table"], "дорожная карта"),
                                       (o["include_school_list"], "перечень школ"),
                                       (o["include_interview_schedule"], "график собеседований"))
             if flag]
    return ", ".join(names) or "нет"


def _order_conflict(fields: dict, current: Order):
    """The person's order beside the saved one, field by field (only differences shown)."""
    saved = {name: getattr(current, name) for name in orders.EDITABLE_FIELDS}
    layouts = dict(Order.Layout.choices)
    rows = [
        ("Форма документа", layouts.get(fields["layout"]), layouts.get(saved["layout"])),
        ("Номер", fields["number"], saved["number"]),
        ("Дата", fields["issued_on"], saved["issued_on"]),
        ("Место издания", fields["place"], saved["place"]),
        ("Заголовок", fields["title"], saved["title"]),
        ("Преамбула", fields["preamble"], saved["preamble"]),
        ("Пункты", _points_text(fields["points"]), _points_text(saved["points"])),
        ("Должность подписывающего", fields["signatory_position"], saved["signatory_position"]),
        ("Подписывающий", fields["signatory_name"], saved["signatory_name"]),
        ("Приложения", _appendices_text(fields), _appendices_text(saved)),
        ("Перечни", ", ".join(sorted(fields["school_list_kinds"])),
         ", ".join(sorted(saved["school_list_kinds"] or []))),
        ("График собеседований", _interviews_text(fields["interview_schedule"]),
         _interviews_text(saved["interview_schedule"])),
    ]
    return version_conflict(title="Приказ уже изменён", current=current, rows=rows)


def _compose(request, *, roadmap, order, template_wording=False):
    source = draft_order(roadmap, acting_user=request.user) if template_wording else order
    data = request.POST if request.method == "POST" else None
    editing = bool(order.pk)
    # the version is the order's, also when the wording comes back from the template
    initial = {**OrderForm.initial_from(source), "version": order.version}
    form = OrderForm(data, initial=initial, editing=editing)
    points = PointFormSet(data, initial=point_initial(source.points), prefix="points")
    interviews = InterviewFormSet(data, initial=interview_initial(order.interview_schedule),
                                  prefix="interviews")
    error = conflict = None
    status = 400 if data is not None else 200
    if data is not None and form.is_valid() and points.is_valid() and interviews.is_valid():
        fields = {**form.text_fields(), "points": points.points(),
                  "interview_schedule": interviews.groups()}
        try:
            if editing:
                order = orders.order_update(order=order, acting_user=request.user,
                                            expected_version=form.cleaned_data["version"],
                                            **fields)
            else:
                order = orders.order_create_draft(roadmap=roadmap, acting_user=request.user,
                                                  **fields)
        except StaleVersion as stale:
            conflict, status = _order_conflict(fields, stale.current), 409
            # the person's text stays in the form; saving it again means «mine over theirs»
            data = data.copy()
            data["version"] = stale.current.version
            form = OrderForm(data, initial=initial, editing=editing)
            form.is_valid()
        except ValidationError as exc:
            error = _errors(exc)
        else:
            messages.success(request, "Приказ сохранён. Сформируйте PDF и DOCX для подписи.")
            return redirect("order_detail", roadmap.district.slug, order.pk)
    lists = school_list_availability(roadmap)
    return render(request, "roadmaps/order_compose.html", {
        "district": roadmap.district, "roadmap": roadmap, "order": order, "form": form,
        "points": points, "interviews": interviews, "error": error, "conflict": conflict,
        "school_list_kinds": [(box, lists.kind_note(box.data["value"]))
                              for box in form["school_list_kinds"]],
        "school_list_data": {"schools": lists.schools, "labels": lists.labels,
                             "messages": lists.messages},
        "school_list_notice": lists.notice(
            include=bool(form["include_school_list"].value()),
            kinds=form["school_list_kinds"].value() or [],
            stamp=form["layout"].value() == Order.Layout.APPROVAL_STAMP),
    }, status=status)


@login_required
def order_new(request, district_slug: str, pk: int):
    roadmap = get_for_user(Roadmap, request.user, pk, Action.MANAGE,
                                          district__slug=district_slug, school__isnull=True)
    order = draft_order(roadmap, acting_user=request.user)
    return _compose(request, roadmap=roadmap, order=order)


@login_required
def order_edit(request, district_slug: str, pk: int):
    order = get_for_user(Order, request.user, pk, Action.MANAGE,
                                      district__slug=district_slug, roadmap__isnull=False)
    if order.is_signed:
        messages.info(request, "Приказ подписан: его текст больше не меняется.")
        return redirect("order_detail", district_slug, order.pk)
    return _compose(request, roadmap=order.roadmap, order=order,
                    template_wording=request.GET.get("template") == "1")


def _detail_context(request, order, **extra) -> dict:
    return {"district": order.district, "order": order, "roadmap": order.roadmap,
            "can_manage": can(request.user, Action.MANAGE, order), **extra}


@login_required
@require_GET
def order_detail(request, district_slug: str, pk: int):
    order = get_for_user(Order, request.user, pk, district__slug=district_slug)
    return render(request, "roadmaps/order_detail.html",
                  _detail_context(request, order, scan_form=SignedScanForm(),
                                  school_list_notice=_school_list_notice(order)))


def _school_list_notice(order) -> str:
    """Why the ticked school-list appendix will not print (drafts only; signed is signed)."""
    if order.roadmap is None or order.is_signed:
        return ""
    return school_list_availability(order.roadmap).notice(
        include=order.include_school_list, kinds=order.school_list_kinds,
        stamp=order.layout == Order.Layout.APPROVAL_STAMP)


@login_required
@require_GET
def order_status(request, district_slug: str, pk: int):
    order = get_for_user(Order, request.user, pk, district__slug=district_slug)
    return render(request, "roadmaps/order_status.html", _detail_context(request, order))


@login_required
@require_POST
def order_render(request, district_slug: str, pk: int):
    order = get_for_user(Order, request.user, pk, Action.MANAGE,
                                      district__slug=district_slug)
    try:
        outcome = orders.order_request_render(order=order, acting_user=request.user)
        if outcome == orders.RenderRequest.BUSY:
            messages.info(request, "Файлы уже формируются.")
        elif outcome == orders.RenderRequest.CURRENT:
            messages.info(request, "Файлы уже сформированы по нынешнему тексту приказа и "
                                   "дорожной карты — можно скачивать.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.htmx:
        order.refresh_from_db()
        return render(request, "roadmaps/order_status.html", _detail_context(request, order))
    return redirect("order_detail", district_slug, order.pk)


@login_required
@require_POST
def order_upload_scan(request, district_slug: str, pk: int):
    """Upload: the scan is opened and its first page shown; the approval waits for a click."""
    order = get_for_user(Order, request.user, pk, Action.MANAGE,
                                      district__slug=district_slug)
    form = SignedScanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            orders.order_upload_signed_scan(order=order, upload=form.cleaned_data["scan"],
                                            inspected=form.inspected, acting_user=request.user)
        except ValidationError as exc:
            form.add_error("scan", _errors(exc))
        else:
            messages.info(request, "Скан загружен. Проверьте по первой странице, что это "
                                   "подписанный приказ, и подтвердите утверждение.")
            return redirect(_signed_anchor(district_slug, order))
    return render(request, "roadmaps/order_detail.html",
                  _detail_context(request, order, scan_form=form), status=400)


def _signed_anchor(district_slug: str, order) -> str:
    return reverse("order_detail", args=[district_slug, order.pk]) + "#signed"


@login_required
@require_POST
def order_confirm_scan(request, district_slug: str, pk: int):
    """The person saw the first page: the order is signed and the roadmap approved."""
    order = get_for_user(Order, request.user, pk, Action.MANAGE,
                                      district__slug=district_slug)
    form = ConfirmScanForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Нет загруженного скана для подтверждения: загрузите скан.")
        orders.order_confirm_signed_scan(order=order, acting_user=request.user,
                                         pending_name=form.cleaned_data["scan"])
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, "Утверждение подтверждено: приказ подписан, дорожная карта "
                                  "утверждена.")
    return redirect(_signed_anchor(district_slug, order))


@login_required
@require_POST
def order_discard_scan(request, district_slug: str, pk: int):
    order = get_for_user(Order, request.user, pk, Action.MANAGE,
                                      district__slug=district_slug)
    orders.order_discard_pending_scan(order=order, acting_user=request.user)
    messages.info(request, "Загруженный скан удалён. Загрузите верный файл.")
    return redirect(_signed_anchor(district_slug, order))


def _download_name(order, suffix: str) -> str:
    if order.number and order.issued_on:
        label = f"Приказ от {order.issued_on:%d.%m.%Y} № {order.number}".replace("/", "-")
    else:
        label = f"Проект приказа {order.pk}"
    return f"{label}{suffix}"


@login_required
@require_GET
def order_download(request, district_slug: str, pk: int, kind: str):
    order = get_for_user(Order, request.user, pk, district__slug=district_slug)
    field = {"pdf": order.pdf, "docx": order.docx, "scan": order.signed_scan,
             "pending_scan": order.pending_scan}.get(kind)
    if not field or not field.name or not field.storage.exists(field.name):
        raise Http404("Файл ещё не сформирован")
    if kind == "pending_scan":
        suffix = "." + field.name.rsplit(".", 1)[-1]
        return FileResponse(field.open("rb"), as_attachment=True,
                            filename=_download_name(order, " (скан на проверке)" + suffix))
    suffix = "." + field.name.rsplit(".", 1)[-1]
    name = _download_name(order, " (подписанный)" + suffix if kind == "scan" else suffix)
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)


@login_required
@require_GET
def order_scan_thumbnail(request, district_slug: str, pk: int, which: str):
    """The first page of the signed scan (or of the one waiting for confirmation), as PNG."""
    order = get_for_user(Order, request.user, pk, district__slug=district_slug)
    field = order.pending_scan_thumbnail if which == "pending" else order.scan_thumbnail
    if not field.name or not field.storage.exists(field.name):
        raise Http404("Нет миниатюры")
    response = FileResponse(field.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_GET
def roadmap_export_xlsx(request, district_slug: str, pk: int):
    roadmap = get_for_user(Roadmap, request.user, pk, district__slug=district_slug)
    subtitle = (f"{roadmap.district.name}. Период: {roadmap.period_start:%d.%m.%Y} – "
                f"{roadmap.period_end:%d.%m.%Y}")
    data = render_xlsx(build_roadmap_table(roadmap), subtitle=subtitle)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="roadmap-{roadmap.pk}.xlsx"'
    return response
