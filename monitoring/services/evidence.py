"""Evidence of a progress report: files (PDF, DOCX, XLSX, JPG, PNG, judged by their first
bytes, never by the name) and links (http and https only). Files are kept under
`evidence/<district>/…` and downloaded only through a view that checks access.

A file is refused before anything is stored: larger than 20 MB, not one of the five kinds
(a renamed program, an archive, an old .doc), or an Office package that fails the shared
safety checks of `core.reading.containers` (zip bombs, encrypted parts)."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from core import audit
from core.models import AuditRecord
from core.reading.containers import OLE_MAGIC, ZIP_MAGICS, open_package, package_kind
from core.reading.errors import DocumentError

from ..models import Evidence, ProgressReport

MAX_BYTES = settings.IMPORT_MAX_BYTES  # 20 MB, as every upload of the product
ALLOWED = "PDF, DOCX, XLSX, JPG или PNG"


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str


KINDS = {
    "pdf": FileKind(".pdf", "application/pdf"),
    "docx": FileKind(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": FileKind(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "jpg": FileKind(".jpg", "image/jpeg"),
    "png": FileKind(".png", "image/png"),
}


def _too_big(name: str) -> str:
    return (f"Файл «{name}» больше {MAX_BYTES // (1024 * 1024)} МБ. Уменьшите его (например, "
            f"сохраните скан с меньшим разрешением) или дайте ссылку на документ.")


def evidence_check_size(*, name: str, size: int) -> None:
    """Refuse an upload by its size, before its bytes are read or stored."""
    if size > MAX_BYTES:
        raise ValidationError(_too_big(name), code="too_big")
    if size == 0:
        raise ValidationError(f"Файл «{name}» пуст.", code="empty")


def evidence_sniff(*, name: str, data: bytes) -> FileKind:
    """What the bytes are, one of KINDS, or a Russian ValidationError."""
    evidence_check_size(name=name, size=len(data))
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return KINDS["pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return KINDS["png"]
    if head.startswith(b"\xff\xd8\xff"):
        return KINDS["jpg"]
    if head.startswith(ZIP_MAGICS):
        try:
            kind = package_kind(open_package(data))
        except DocumentError as exc:
            raise ValidationError(f"Файл «{name}» не принят: {exc}", code="unsafe") from exc
        if kind in KINDS:
            return KINDS[kind]
        raise ValidationError(f"Файл «{name}» — архив или документ другого формата, а не "
                              f"{ALLOWED}.", code="kind")
    if head.startswith(b"MZ") or head.startswith(b"\x7fELF"):
        raise ValidationError(f"Файл «{name}» — это программа, а не документ: такие файлы не "
                              f"принимаются. Приложите {ALLOWED}.", code="program")
    if head.startswith(OLE_MAGIC):
        raise ValidationError(f"Файл «{name}» сохранён в старом формате Word или Excel (.doc, "
                              f".xls). Сохраните его как .docx или .xlsx, или как PDF.",
                              code="legacy")
    raise ValidationError(f"Файл «{name}» не похож на {ALLOWED}: принимаются только эти "
                          f"форматы.", code="kind")


def evidence_check_link(url: str) -> str:
    """An http(s) address with a host, else a Russian ValidationError; the address cleaned."""
    url = (url or "").strip()
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise ValidationError(f"В ссылке «{url[:80]}» есть пробелы: укажите один адрес.",
                              code="link")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValidationError(f"Ссылка «{url[:80]}» не принята: нужен адрес сайта, "
                              f"начинающийся с http:// или https://.", code="link")
    if len(url) > 1000:
        raise ValidationError("Ссылка длиннее 1000 символов.", code="link")
    return url


def _safe_name(name: str, kind: FileKind) -> str:
    base = (name or "файл").replace("\\", "/").rsplit("/", 1)[-1].strip() or "файл"
    base = "".join(ch for ch in base if ch.isprintable())[:150]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem or 'файл'}{kind.extension}"


@transaction.atomic
def evidence_add_file(*, report: ProgressReport, acting_user, name: str, data: bytes) -> Evidence:
    kind = evidence_sniff(name=name, data=data)
    shown = _safe_name(name, kind)
    evidence = Evidence(district_id=report.district_id, report=report, kind=Evidence.Kind.FILE,
                        name=shown, size=len(data), content_type=kind.content_type,
                        added_by=acting_user)
    evidence.file.save(shown, ContentFile(data), save=False)
    evidence.save()
    audit.record(district_id=report.district_id, actor=acting_user,
                 action=AuditRecord.Action.CREATE, target=evidence,
                 after={"report": report.pk, "file": shown, "size": len(data)},
                 roadmap_id=report.measure.roadmap_id)
    return evidence


@transaction.atomic
def evidence_add_link(*, report: ProgressReport, acting_user, url: str) -> Evidence:
    url = evidence_check_link(url)
    evidence = Evidence(district_id=report.district_id, report=report, kind=Evidence.Kind.LINK,
                        url=url, name=url[:300], added_by=acting_user)
    evidence.save()
    audit.record(district_id=report.district_id, actor=acting_user,
                 action=AuditRecord.Action.CREATE, target=evidence,
                 after={"report": report.pk, "url": url}, roadmap_id=report.measure.roadmap_id)
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence, acting_user) -> None:
    report = evidence.report
    if report.review == ProgressReport.Review.ACCEPTED:
        raise ValidationError("Отчёт принят: его подтверждения уже не меняются.")
    before = {"report": report.pk, "file": evidence.name if evidence.file else "",
              "url": evidence.url}
    audit.record(district_id=evidence.district_id, actor=acting_user,
                 action=AuditRecord.Action.DELETE, target=evidence, before=before,
                 roadmap_id=report.measure.roadmap_id)
    stored = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage
    evidence.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
