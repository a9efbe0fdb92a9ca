"""Uploads kept between a preview and its confirmation: a file in storage, a key in the
session. Nothing is created from them until the person confirms. A file whose import was
abandoned (the tab closed, the session expired, a failed confirm) is deleted by the
periodic ``core.tasks.purge_stale_uploads`` a day later (``stash_purge``)."""
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone

from .reading.document import RawDocument
from .reading.errors import DocumentError
from .reading.readers import read_document, read_text

SESSION_KEY = "pending_imports"
STASH_ROOT = "imports"
STASH_MAX_AGE = timedelta(days=1)


def read_upload(filename: str, data: bytes) -> RawDocument:
    """Check the size and read the file; a DocumentError carries the Russian message."""
    limit = settings.IMPORT_MAX_BYTES
    if len(data) > limit:
        raise DocumentError(
            f"Файл больше {limit // (1024 * 1024)} МБ. Разделите документ или сохраните только таблицу."
        )
    if not data:
        raise DocumentError("Файл пуст.")
    return read_document(filename, data)


def read_pasted(text: str) -> RawDocument:
    if not text.strip():
        raise DocumentError("Вставьте текст таблицы: поле пустое.")
    if len(text.encode("utf-8")) > settings.IMPORT_MAX_BYTES:
        raise DocumentError("Текст слишком большой (больше 20 МБ).")
    return read_text(text)


def stash(request, district, name: str, data: bytes, kind: str, **extra) -> str:
    token = secrets.token_urlsafe(12)
    path = default_storage.save(f"{STASH_ROOT}/{district.id}/{request.user.id}/{token}", ContentFile(data))
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {"name": name, "path": path, "kind": kind, "district": district.id, **extra}
    request.session[SESSION_KEY] = pending
    return token


def unstash(request, district, token: str) -> dict:
    item = request.session.get(SESSION_KEY, {}).get(token)
    if not item or item["district"] != district.id or not default_storage.exists(item["path"]):
        raise Http404("Загрузка не найдена")
    return item


def read_stashed(item: dict):
    with default_storage.open(item["path"], "rb") as fh:
        data = fh.read()
    if item["kind"] == "text":
        return read_pasted(data.decode("utf-8"))
    return read_upload(item["name"], data)


def discard(request, token: str) -> None:
    pending = request.session.get(SESSION_KEY, {})
    item = pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    if item and default_storage.exists(item["path"]):
        default_storage.delete(item["path"])


def read_source(form_data: dict, max_bytes: int):
    """(RawDocument, data, name, kind) from an ImportSourceForm's cleaned data."""
    upload, text = form_data.get("file"), form_data.get("text") or ""
    if upload:
        if upload.size > max_bytes:
            raise DocumentError("Файл больше 20 МБ. Разделите документ или сохраните только таблицу.")
        data = upload.read()
        return read_upload(upload.name, data), data, upload.name, "file"
    return read_pasted(text), text.encode("utf-8"), "вставленный текст", "text"


def stash_purge(*, older_than: timedelta = STASH_MAX_AGE, now: datetime | None = None) -> int:
    """Delete stashed uploads last written more than ``older_than`` ago; the number deleted.

    A preview in progress is never that old: the stash is written when the file is chosen
    and read back within minutes."""
    now = now or timezone.now()
    deleted = 0
    for path in _stashed_files(STASH_ROOT):
        try:
            modified = default_storage.get_modified_time(path)
        except FileNotFoundError:
            continue  # discarded meanwhile
        if now - modified > older_than:
            default_storage.delete(path)
            deleted += 1
    return deleted


def _stashed_files(directory: str):
    try:
        folders, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{directory}/{name}"
    for folder in folders:
        yield from _stashed_files(f"{directory}/{folder}")
