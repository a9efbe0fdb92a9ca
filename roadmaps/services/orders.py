"""Writes for orders (приказы): draft, edit, render to PDF/DOCX, attach the signed scan.

Every write leaves an audit record. Rendering runs in a Celery job (`tasks.render_order`).
"""
from __future__ import annotations

import logging
from enum import StrEnum
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core import audit
from core.models import AuditRecord
from core.versioning import version_claim

from .. import scans
from ..documents.build import build_order_document, draft_order
from ..documents.data import document_revision
from ..documents.docx import render_docx
from ..documents.pdf import render_pdf
from ..models import Order, Roadmap

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = (
    "layout", "number", "issued_on", "place", "title", "preamble", "points",
    "signatory_position", "signatory_name", "interview_schedule", "include_roadmap_table",
    "include_school_list", "include_interview_schedule", "school_list_kinds",
)
SCAN_MAX_BYTES = 20 * 1024 * 1024
STALE_RENDER = Order.STALE_RUNNING
STALE_QUEUED = Order.STALE_QUEUED
BUSY = (Order.RenderState.QUEUED, Order.RenderState.RUNNING)
NOT_QUEUED = ("Не удалось поставить формирование файлов в очередь: сервер фоновых задач "
              "сейчас недоступен. Попробуйте ещё раз через несколько минут; если не получится, "
              "сообщите администратору.")
NEVER_STARTED = ("Формирование файлов так и не началось: обработчик фоновых задач не отвечает. "
                 "Попробуйте ещё раз; если не получится, сообщите администратору.")


def order_snapshot(order: Order) -> dict:
    out = {}
    for name in EDITABLE_FIELDS:
        value = getattr(order, name)
        out[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


def _unknown(fields: dict) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Поля приказа не редактируются: {', '.join(sorted(unknown))}")


@transaction.atomic
def order_create_draft(*, roadmap: Roadmap, acting_user, **fields) -> Order:
    """A new order for a municipal roadmap: the template's wording, then `fields` over it."""
    _unknown(fields)
    if not roadmap.is_municipal:
        raise ValidationError("Приказ готовится только для муниципальной дорожной карты.")
    order = draft_order(roadmap, acting_user=acting_user)
    for name, value in fields.items():
        setattr(order, name, value)
    order.full_clean()
    order.save()
    audit.record(district_id=order.district_id, actor=acting_user,
                 action=AuditRecord.Action.CREATE, target=order, after=order_snapshot(order),
                 roadmap_id=roadmap.id)
    return order


@transaction.atomic
def order_update(*, order: Order, expected_version: int | None, acting_user, **fields) -> Order:
    """Edit the wording of the order opened at `expected_version`; `core.versioning.
    StaleVersion` (with the saved order) if someone else saved it since. Rendered files
    become outdated (kept until the next render). Nothing changed: nothing is saved."""
    _unknown(fields)
    if order.is_signed:
        raise ValidationError("Приказ уже подписан: его текст не меняется.")
    before = order_snapshot(order)
    changed = [name for name, value in fields.items() if getattr(order, name) != value]
    if not changed:
        return order
    version_claim(order, expected_version, message="Приказ уже изменён другим пользователем")
    for name in changed:
        setattr(order, name, fields[name])
    if order.render_state in (Order.RenderState.DONE, Order.RenderState.FAILED):
        order.render_state = Order.RenderState.IDLE
        changed.append("render_state")
    order.full_clean()
    order.save(update_fields=[*changed, "updated_at"])
    audit.record(district_id=order.district_id, actor=acting_user,
                 action=AuditRecord.Action.UPDATE, target=order, before=before,
                 after=order_snapshot(order), roadmap_id=order.roadmap_id)
    return order


@transaction.atomic
class RenderRequest(StrEnum):
    QUEUED = "queued"    # the job is on its way
    BUSY = "busy"        # one is already under way
    CURRENT = "current"  # the stored files already print what the order says now


def order_files_are_current(order: Order) -> bool:
    """The stored files print exactly what the order, its roadmap and lists say now."""
    if order.render_state != Order.RenderState.DONE or not (order.pdf and order.docx):
        return False
    return bool(order.rendered_revision) and (
        order.rendered_revision == document_revision(build_order_document(order)))


def order_request_render(*, order: Order, acting_user) -> RenderRequest:
    """Queue the PDF/DOCX job, unless one is already under way (BUSY) or the stored files
    already print the current text (CURRENT: they are served as they are, nothing renders).

    A signed order is never rendered again: its files must stay what the head signed."""
    if order.status == Order.Status.SIGNED:
        raise ValidationError("Приказ подписан: файлы не формируются заново.")
    if order_files_are_current(order):
        return RenderRequest.CURRENT
    now = timezone.now()
    claimed = (
        Order.objects.filter(pk=order.pk)
        .filter(~Q(render_state__in=BUSY)
                | Q(render_state=Order.RenderState.QUEUED, render_requested_at__lt=now - STALE_QUEUED)
                | Q(render_requested_at__lt=now - STALE_RENDER)
                | Q(render_requested_at__isnull=True))
        .update(render_state=Order.RenderState.QUEUED, render_progress=0, render_error="",
                render_requested_at=now)
    )
    if not claimed:
        return RenderRequest.BUSY
    order.render_state, order.render_progress, order.render_error = Order.RenderState.QUEUED, 0, ""
    order.render_requested_at = now
    audit.record(district_id=order.district_id, actor=acting_user,
                 action=AuditRecord.Action.STATUS, target=order,
                 after={"render_state": Order.RenderState.QUEUED}, roadmap_id=order.roadmap_id)
    from ..tasks import queue_render

    transaction.on_commit(partial(queue_render, order.pk, getattr(acting_user, "pk", None)))
    return RenderRequest.QUEUED


def _report(order_id: int, percent: int) -> None:
    """Progress is written outside any transaction so the status page sees it at once."""
    Order.objects.filter(pk=order_id, render_state=Order.RenderState.RUNNING).update(
        render_progress=min(99, max(0, percent)))


def order_render(*, order: Order, acting_user) -> Order:
    """Render the order to PDF and DOCX and keep both files on it.

    Not atomic as a whole on purpose: the layout takes seconds and must neither hold a
    transaction open nor hide its progress; the files are stored in one transaction.
    """
    report = partial(_report, order.pk)
    report(5)
    doc = build_order_document(order)
    pdf = render_pdf(doc, progress=report)
    report(85)
    docx = render_docx(doc)
    report(95)
    return _order_store_files(order=order, pdf=pdf, docx=docx, acting_user=acting_user,
                              revision=document_revision(doc))


@transaction.atomic
def _order_store_files(*, order: Order, pdf: bytes, docx: bytes, acting_user,
                       revision: str) -> Order:
    locked = Order.objects.select_for_update().get(pk=order.pk)
    old = [name for name in (locked.pdf.name, locked.docx.name) if name]
    locked.pdf.save(f"order-{locked.pk}.pdf", ContentFile(pdf), save=False)
    locked.docx.save(f"order-{locked.pk}.docx", ContentFile(docx), save=False)
    # text edited while the job ran: keep the files, but show them as outdated
    changed = order.updated_at and locked.updated_at and locked.updated_at > order.updated_at
    locked.render_state = Order.RenderState.IDLE if changed else Order.RenderState.DONE
    locked.render_progress = 100
    locked.render_error, locked.rendered_at = "", timezone.now()
    locked.rendered_revision = revision
    locked.full_clean()
    # updated_at is left alone: it marks changes of the text, which the check above reads
    locked.save(update_fields=["pdf", "docx", "render_state", "render_progress", "render_error",
                               "rendered_at", "rendered_revision"])
    audit.record(district_id=locked.district_id, actor=acting_user,
                 action=AuditRecord.Action.STATUS, target=locked,
                 after={"render_state": locked.render_state, "pdf": locked.pdf.name,
                        "docx": locked.docx.name}, roadmap_id=locked.roadmap_id)
    outdated = [n for n in old if n not in {locked.pdf.name, locked.docx.name}]
    if outdated:
        transaction.on_commit(partial(_delete_files, outdated))
    return locked


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("Не удалось удалить старый файл приказа %s", name)


@transaction.atomic
def order_render_not_queued(*, order_id: int, acting_user=None) -> bool:
    """The broker refused the job: the order is renderable again, with the reason shown.

    Only a job still waiting is marked (a worker that somehow took it meanwhile wins)."""
    marked = Order.objects.filter(pk=order_id, render_state=Order.RenderState.QUEUED).update(
        render_state=Order.RenderState.FAILED, render_progress=0, render_error=NOT_QUEUED)
    if marked:
        order = Order.objects.get(pk=order_id)
        audit.record(district_id=order.district_id, actor=acting_user,
                     action=AuditRecord.Action.STATUS, target=order,
                     after={"render_state": Order.RenderState.FAILED, "error": NOT_QUEUED},
                     roadmap_id=order.roadmap_id)
    return bool(marked)


def orders_claim_stale_renders(*, limit: int = 100) -> list[int]:
    """Orders whose job was queued but never started: sent once more, then given up.

    A first sweep claims the order for one more send (progress 1 marks «sent again», the
    request time moves on, so the next sweep does not send it twice); an order still not
    started after that is marked failed, so the page says so and offers the render again
    instead of waiting forever for a worker that does not come."""
    now = timezone.now()
    stale = list(Order.objects.filter(render_state=Order.RenderState.QUEUED,
                                      render_requested_at__lt=now - STALE_QUEUED)
                 .values_list("pk", "render_requested_at", "render_progress")[:limit])
    claimed = []
    for pk, requested_at, progress in stale:
        same = Order.objects.filter(pk=pk, render_state=Order.RenderState.QUEUED,
                                    render_requested_at=requested_at)
        if progress == 0:
            if same.update(render_requested_at=now, render_progress=1):
                claimed.append(pk)
        elif same.update(render_state=Order.RenderState.FAILED, render_error=NEVER_STARTED):
            order = Order.objects.get(pk=pk)
            audit.record(district_id=order.district_id, actor=None,
                         action=AuditRecord.Action.STATUS, target=order,
                         after={"render_state": Order.RenderState.FAILED, "error": NEVER_STARTED},
                         roadmap_id=order.roadmap_id)
    return claimed


@transaction.atomic
def order_render_failed(*, order_id: int, error: str, acting_user=None) -> None:
    order = Order.objects.select_for_update().get(pk=order_id)
    order.render_state = Order.RenderState.FAILED
    order.render_error = error[:2000]
    order.save(update_fields=["render_state", "render_error", "updated_at"])
    audit.record(district_id=order.district_id, actor=acting_user,
                 action=AuditRecord.Action.STATUS, target=order,
                 after={"render_state": order.render_state, "error": order.render_error},
                 roadmap_id=order.roadmap_id)


def signed_scan_check_size(upload) -> None:
    if upload.size > SCAN_MAX_BYTES:
        raise ValidationError("Файл больше 20 МБ. Отсканируйте приказ с меньшим разрешением "
                              "или сохраните его в PDF.")


def signed_scan_inspect(upload) -> scans.Scan:
    """Open the scan: a PDF with pages or a sane JPEG/PNG, else a Russian ValidationError."""
    signed_scan_check_size(upload)
    try:
        return scans.inspect_scan(upload)
    except scans.ScanRejected as exc:
        raise ValidationError(str(exc), code="scan") from exc


def _signable(order: Order) -> None:
    if order.roadmap is None:
        raise ValidationError("Приказ не связан с дорожной картой.")
    if not order.number or not order.issued_on:
        raise ValidationError("Укажите номер и дату приказа, под которыми он подписан, "
                              "и загрузите скан ещё раз.")


def _locked(order: Order) -> Order:
    return (Order.objects.select_for_update(of=("self",)).select_related("roadmap")
            .get(pk=order.pk))


def order_upload_signed_scan(*, order: Order, upload, acting_user,
                             inspected: scans.Scan | None = None) -> Order:
    """The signed scan comes back: opened, its first page drawn, and kept waiting for the
    confirmation (`order_confirm_signed_scan`); nothing is signed or approved yet.

    The file is opened before any lock is taken (poppler may take seconds)."""
    inspected = inspected or signed_scan_inspect(upload)
    return _order_keep_pending_scan(order=order, upload=upload, inspected=inspected,
                                    acting_user=acting_user)


@transaction.atomic
def _order_keep_pending_scan(*, order: Order, upload, inspected: scans.Scan,
                             acting_user) -> Order:
    order = _locked(order)
    _signable(order)
    old = [n for n in (order.pending_scan.name, order.pending_scan_thumbnail.name) if n]
    upload.seek(0)
    order.pending_scan.save(f"signed-{order.pk}.{inspected.extension}", upload, save=False)
    order.pending_scan_thumbnail.save(f"signed-{order.pk}-page1.png",
                                      ContentFile(inspected.thumbnail), save=False)
    order.pending_scan_info, order.pending_scan_at = inspected.description, timezone.now()
    order.full_clean()
    order.save(update_fields=["pending_scan", "pending_scan_thumbnail", "pending_scan_info",
                              "pending_scan_at"])
    audit.record(district_id=order.district_id, actor=acting_user,
                 action=AuditRecord.Action.UPDATE, target=order,
                 after={"pending_scan": order.pending_scan.name,
                        "pending_scan_info": order.pending_scan_info},
                 roadmap_id=order.roadmap_id)
    if old:
        transaction.on_commit(partial(_delete_files, old))
    return order


@transaction.atomic
def order_discard_pending_scan(*, order: Order, acting_user) -> Order:
    """The uploaded scan was the wrong file: forget it (the signed one, if any, stays)."""
    order = _locked(order)
    old = [n for n in (order.pending_scan.name, order.pending_scan_thumbnail.name) if n]
    if not old:
        return order
    order.pending_scan = order.pending_scan_thumbnail = ""
    order.pending_scan_info, order.pending_scan_at = "", None
    order.save(update_fields=["pending_scan", "pending_scan_thumbnail", "pending_scan_info",
                              "pending_scan_at"])
    audit.record(district_id=order.district_id, actor=acting_user,
                 action=AuditRecord.Action.UPDATE, target=order,
                 before={"pending_scan": old[0]}, after={"pending_scan": ""},
                 roadmap_id=order.roadmap_id)
    transaction.on_commit(partial(_delete_files, old))
    return order


@transaction.atomic
def order_confirm_signed_scan(*, order: Order, acting_user, pending_name: str) -> Order:
    """The person saw the first page and confirms: the waiting scan becomes the signed one,
    the order is signed and its roadmap approved by it.

    `pending_name` is the scan the person saw; another uploaded meanwhile is not confirmed."""
    order = _locked(order)
    if not order.pending_scan.name:
        raise ValidationError("Нет загруженного скана для подтверждения: загрузите скан.")
    if order.pending_scan.name != pending_name:
        raise ValidationError("Тем временем загружен другой скан: проверьте его и подтвердите "
                              "ещё раз.", code="stale_scan")
    _signable(order)
    old = [n for n in (order.signed_scan.name, order.scan_thumbnail.name) if n]
    order.signed_scan.name, order.scan_thumbnail.name = (order.pending_scan.name,
                                                         order.pending_scan_thumbnail.name)
    order.scan_info = order.pending_scan_info
    order.pending_scan = order.pending_scan_thumbnail = ""
    order.pending_scan_info, order.pending_scan_at = "", None
    order.status, order.signed_at = Order.Status.SIGNED, timezone.now()
    order.full_clean()
    order.save(update_fields=["signed_scan", "scan_thumbnail", "scan_info", "pending_scan",
                              "pending_scan_thumbnail", "pending_scan_info", "pending_scan_at",
                              "status", "signed_at", "updated_at"])
    audit.record(district_id=order.district_id, actor=acting_user,
                 action=AuditRecord.Action.STATUS, target=order,
                 after={"status": order.status, "signed_scan": order.signed_scan.name},
                 roadmap_id=order.roadmap_id)
    roadmap = order.roadmap
    before = {"status": roadmap.status, "approved_by": roadmap.approved_by_id}
    roadmap.approved_by, roadmap.status = order, Roadmap.Status.APPROVED
    roadmap.full_clean()
    roadmap.save(update_fields=["approved_by", "status", "updated_at"])
    audit.record(district_id=roadmap.district_id, actor=acting_user,
                 action=AuditRecord.Action.STATUS, target=roadmap, before=before,
                 after={"status": roadmap.status, "approved_by": order.pk},
                 roadmap_id=roadmap.id)
    if old:
        transaction.on_commit(partial(_delete_files, old))
    return order
