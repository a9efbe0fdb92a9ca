"""Recognising file containers by their first bytes, and checking zip packages for safety.

Word and Excel files (.docx, .xlsx) are zip packages. Before python-docx or openpyxl
sees one, it is opened with :mod:`zipfile` and refused when it is damaged, encrypted, or
a zip bomb: its members would unpack to more than ``MAX_TOTAL_SIZE`` in all, a member
bigger than ``RATIO_MIN_SIZE`` is compressed more than ``MAX_RATIO`` to one, or it holds
more than ``MAX_MEMBERS`` members. An XML part bigger than ``MAX_XML_PART`` is refused
too: python-docx and openpyxl build the whole tree in memory, at about ten times the
XML's size. ``open_package`` judges only the sizes declared in the zip directory.

The directory may lie (a member that says 10 KB and inflates to 1 GiB: zipfile asks zlib
for up to 2 GiB at once when a library reads a member whole, and cuts the result only
afterwards). So the readers never give the uploaded bytes to python-docx or openpyxl:
``safe_copy`` unpacks every member itself, a chunk at a time, counting the bytes actually
produced against the same limits, and stores what was produced in a new, honest
package. Only stored and deflated members are accepted (Office writes nothing
else; bzip2 and lzma members are inflated by zipfile in one unbounded step), and an XML
part with a document type declaration (``<!DOCTYPE``, the door of external entities and
entity expansion: Office never writes one) is refused.

A password-protected .docx/.xlsx is not a zip at all: Office stores it as an OLE compound
file (the format of old .doc/.xls) holding an ``EncryptedPackage`` stream.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable

from .errors import DocumentError

MAX_TOTAL_SIZE = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_MIN_SIZE = 1024 * 1024
MAX_MEMBERS = 5000
MAX_XML_PART = 30 * 1024 * 1024  # a roadmap's document.xml or sheet is well under 5 MB

TOO_BIG = (
    "Документ слишком большой для разбора. Сохраните в отдельный файл только таблицу "
    "мероприятий и загрузите его."
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

DOCX_MAIN = "word/document.xml"
XLSX_MAIN = "xl/workbook.xml"

UNSAFE = (
    "Файл повреждён или небезопасен: его содержимое не совпадает с описанием внутри файла "
    "или содержит конструкции, которых Word и Excel не создают. Откройте его в Word или "
    "Excel, сохраните заново в формате .docx или .xlsx и загрузите ещё раз."
)
DAMAGED = (
    "Файл повреждён или не является документом Word/Excel. Откройте его в Word или "
    "Excel, сохраните заново в формате .docx или .xlsx и загрузите ещё раз."
)
PASSWORD = (
    "Файл защищён паролем. Откройте его в Word или Excel, снимите пароль "
    "(сохраните документ без пароля) и загрузите ещё раз."
)
BOMB = (
    "Файл отклонён: после распаковки он оказался бы слишком большим или сжат "
    "подозрительно сильно. Сохраните документ заново в Word или Excel и загрузите ещё раз."
)
LEGACY_WORD = (
    "Это документ старого формата Word (.doc). Откройте его в Word и сохраните как "
    "«Документ Word (.docx)», затем загрузите ещё раз."
)
LEGACY_EXCEL = (
    "Это книга старого формата Excel (.xls). Откройте её в Excel и сохраните как "
    "«Книга Excel (.xlsx)», затем загрузите ещё раз."
)
LEGACY_UNKNOWN = (
    "Это документ старого формата Office (.doc/.xls). Сохраните его в формате .docx или "
    ".xlsx и загрузите ещё раз."
)
PDF = (
    "Файлы PDF не читаются: таблица в них теряет столбцы. Загрузите исходный документ "
    "Word (.docx) или Excel (.xlsx) либо вставьте текст таблицы."
)
RTF = (
    "Файлы RTF не читаются. Откройте файл в Word, сохраните как «Документ Word (.docx)» "
    "и загрузите ещё раз."
)
OPEN_DOCUMENT = (
    "Это документ OpenDocument (.odt/.ods). Сохраните его в формате .docx или .xlsx "
    "и загрузите ещё раз."
)


def sniff(data: bytes) -> str:
    """What the bytes are: "zip", "ole", "pdf", "rtf" or "other" (maybe text)."""
    if data.startswith(ZIP_MAGICS):
        return "zip"
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    return "other"


def ole_message(data: bytes, extension: str) -> str:
    """The message for an OLE compound file: an encrypted package or a legacy .doc/.xls.

    Stream names in the OLE directory are UTF-16; looking for them is enough to tell an
    encrypted Office package from an old Word or Excel file.
    """
    if _has_stream(data, "EncryptedPackage") or _has_stream(data, "EncryptionInfo"):
        return PASSWORD
    if _has_stream(data, "WordDocument"):
        return LEGACY_WORD
    if _has_stream(data, "Workbook") or _has_stream(data, "Book"):
        return LEGACY_EXCEL
    if extension in (".docx", ".xlsx", ".docm", ".xlsm"):
        # A new-format name on an OLE file is what Office writes for a password.
        return PASSWORD
    if extension == ".doc":
        return LEGACY_WORD
    if extension == ".xls":
        return LEGACY_EXCEL
    return LEGACY_UNKNOWN


def _has_stream(data: bytes, name: str) -> bool:
    return name.encode("utf-16-le") in data


def open_package(data: bytes) -> zipfile.ZipFile:
    """Open a zip package after the safety checks; raise ``DocumentError`` if refused."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except Exception as exc:  # BadZipFile, NotImplementedError (odd versions), OSError …
        raise DocumentError(DAMAGED) from exc
    check_members(members)
    return package


def check_members(members: list[zipfile.ZipInfo]) -> None:
    """Refuse encrypted members and zip bombs, judging by the declared sizes."""
    if len(members) > MAX_MEMBERS:
        raise DocumentError(BOMB)
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise DocumentError(PASSWORD)
        if member.filename.lower().endswith(".xml") and member.file_size > MAX_XML_PART:
            raise DocumentError(TOO_BIG)
        total += member.file_size
        if total > MAX_TOTAL_SIZE:
            raise DocumentError(BOMB)
        if member.file_size > RATIO_MIN_SIZE:
            if member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise DocumentError(BOMB)


CHUNK = 64 * 1024
_ACCEPTED_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"),
              "<!DOCTYPE".encode("utf-16-be"), "<!ENTITY".encode("utf-16-le"),
              "<!ENTITY".encode("utf-16-be"))
_MARK_OVERLAP = max(len(mark) for mark in _DTD_MARKS)


def safe_copy(data: bytes, transform: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """An honest copy of a package: every member unpacked here under a running limit on
    the bytes produced, passed through ``transform(name, content)`` when given, and stored
    in a new package one member at a time (so no more than the copy and one member are in
    memory).

    The members are inflated from their compressed bytes, a chunk at a time (zipfile
    would stop quietly at the declared size, hiding the lie). Raises ``DocumentError``
    (``UNSAFE``) when a member produces more or fewer bytes than it declared or a wrong
    checksum, when the package as a whole or an XML part grows past its limit, when a member
    uses a compression Office does not write, or when an XML part declares a document type.
    """
    package = open_package(data)
    total = 0
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
        for info in package.infolist():
            if info.is_dir():
                continue
            if info.compress_type not in _ACCEPTED_COMPRESSION:
                raise DocumentError(UNSAFE)
            is_xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
            content = _inflate_member(data, info, MAX_XML_PART if is_xml else MAX_TOTAL_SIZE,
                                      MAX_TOTAL_SIZE - total, is_xml)
            total += len(content)
            if transform is not None:
                content = transform(info.filename, content)
            target.writestr(zipfile.ZipInfo(info.filename), content)
            del content
    return buffer.getvalue()


def _inflate_member(data: bytes, info: zipfile.ZipInfo, limit: int, room: int,
                    is_xml: bool) -> bytes:
    raw = _raw_member(data, info)
    chunks: list[bytes] = []
    produced = 0
    tail = b""
    decompressor = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    pending = raw
    while True:
        if decompressor is None:
            chunk, pending = pending[:CHUNK], pending[CHUNK:]
        else:
            try:
                chunk = decompressor.decompress(pending, CHUNK)
            except zlib.error as exc:
                raise DocumentError(UNSAFE) from exc
            pending = decompressor.unconsumed_tail
        if not chunk:
            break
        produced += len(chunk)
        if produced > info.file_size or produced > limit or produced > room:
            raise DocumentError(UNSAFE)
        if is_xml:
            window = tail + chunk
            if any(mark in window for mark in _DTD_MARKS):
                raise DocumentError(UNSAFE)
            tail = window[-_MARK_OVERLAP:]
        chunks.append(chunk)
    content = b"".join(chunks)
    ended = decompressor is None or decompressor.eof
    if not ended or produced != info.file_size or zlib.crc32(content) != info.CRC:
        raise DocumentError(UNSAFE)
    return content


def _raw_member(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """The compressed bytes of a member, found through its local header."""
    start = info.header_offset
    header = data[start:start + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise DocumentError(UNSAFE)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    begin = start + 30 + name_length + extra_length
    raw = data[begin:begin + info.compress_size]
    if len(raw) != info.compress_size:
        raise DocumentError(UNSAFE)
    return raw


def package_kind(package: zipfile.ZipFile) -> str:
    """"docx", "xlsx", "opendocument" or "unknown", judged by the members present."""
    names = set(package.namelist())
    if DOCX_MAIN in names:
        return "docx"
    if XLSX_MAIN in names:
        return "xlsx"
    if "mimetype" in names or "content.xml" in names:
        return "opendocument"
    return "unknown"


def require_member(package: zipfile.ZipFile, name: str, message: str) -> None:
    if name not in set(package.namelist()):
        raise DocumentError(message)
