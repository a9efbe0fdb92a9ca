"""Turning an uploaded file into a ``RawDocument``: dispatch by content, then extension.

The first bytes decide, not the name: a .xlsx that is really a Word document is read as
Word, a .docx that is really plain text is read as text. The extension only chooses the
message for files that cannot be read (an old .doc, an encrypted .docx). Size limits are
the caller's business (20 MB), the zip-bomb limits are checked in ``containers``.
"""
from __future__ import annotations

from pathlib import PurePath

from .containers import (
    DAMAGED,
    OPEN_DOCUMENT,
    PDF,
    RTF,
    ole_message,
    open_package,
    package_kind,
    sniff,
)
from .document import Block, Paragraph, RawDocument, Table
from .errors import DocumentError
from .excel import read_xlsx
from .text import decode_text, read_text
from .word import read_docx

__all__ = [
    "Block",
    "Paragraph",
    "RawDocument",
    "Table",
    "decode_text",
    "read_document",
    "read_docx",
    "read_text",
    "read_xlsx",
]

EMPTY = "Файл пуст"
OFFICE_EXTENSIONS = (".docx", ".xlsx", ".docm", ".xlsm", ".doc", ".xls")


def read_document(filename: str, data: bytes) -> RawDocument:
    """Read a Word, Excel or text file into blocks; ``DocumentError`` when impossible."""
    if not data or not data.strip():
        raise DocumentError(EMPTY)
    extension = PurePath(filename or "").suffix.lower()
    container = sniff(data)
    if container == "zip":
        return _read_package(data)
    if container == "ole":
        raise DocumentError(ole_message(data, extension))
    if container == "pdf":
        raise DocumentError(PDF)
    if container == "rtf":
        raise DocumentError(RTF)
    try:
        text = decode_text(data)
    except DocumentError as exc:
        if extension in OFFICE_EXTENSIONS:
            raise DocumentError(DAMAGED) from exc
        raise
    if not text.strip():
        raise DocumentError(EMPTY)
    return read_text(text)


def _read_package(data: bytes) -> RawDocument:
    package = open_package(data)
    kind = package_kind(package)
    if kind == "docx":
        return read_docx(data)
    if kind == "xlsx":
        return read_xlsx(data)
    if kind == "opendocument":
        raise DocumentError(OPEN_DOCUMENT)
    raise DocumentError(DAMAGED)
