"""What an uploaded signed scan really is, and its first page as a small PNG.

A scan is accepted when it opens: a PDF that poppler reads with at least one page (its
first page drawn by `pdftoppm`), or a JPEG/PNG image whose header gives sane dimensions
and whose pixels decode. Its first bytes alone prove nothing. Pure code, no Django: poppler
in a subprocess bounded in time and memory, Pillow for images.
"""
from __future__ import annotations

import re
import resource
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from PIL import Image

THUMBNAIL_SIDE = 480          # px, the longer side; shown at half size on the page
MIN_SIDE = 200                # px: smaller is no legible scan of a page
MAX_SIDE = 20_000             # px
MAX_PIXELS = 80_000_000       # an A4 page at 600 dpi is 35 Mpx
MAX_PAGES = 500
TIMEOUT = 20                  # s, for each poppler call
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space for each poppler call

NOT_A_SCAN = ("Это не скан приказа: загрузите файл PDF или изображение JPEG или PNG.")
BROKEN_PDF = ("Файл PDF не открывается (повреждён или это не PDF). Сохраните скан в PDF "
              "заново и загрузите ещё раз.")
EMPTY_PDF = "В файле PDF нет ни одной страницы."
BROKEN_IMAGE = ("Изображение не открывается (повреждено или загружено не полностью). "
                "Отсканируйте приказ ещё раз.")
SIGNATURES = ((b"%PDF-", "pdf"), (b"\xff\xd8\xff", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"))


class ScanRejected(ValueError):
    """The file is not a readable scan; the message is for the person, in Russian."""


@dataclass(frozen=True)
class Scan:
    extension: str            # pdf, jpg, png
    description: str          # «PDF, 3 страницы» / «PNG, 2480 × 3508 пикселей»
    thumbnail: bytes          # PNG of the first page


def kind_of(head: bytes) -> str:
    for signature, extension in SIGNATURES:
        if head.startswith(signature):
            return extension
    raise ScanRejected(NOT_A_SCAN)


def inspect_scan(source: BinaryIO) -> Scan:
    """Open the scan (read from the start of `source`) and draw its first page."""
    source.seek(0)
    extension = kind_of(source.read(16))
    source.seek(0)
    if extension == "pdf":
        return _inspect_pdf(source)
    return _inspect_image(source, extension)


def _pages(count: int) -> str:
    if count % 10 == 1 and count % 100 != 11:
        word = "страница"
    elif count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        word = "страницы"
    else:
        word = "страниц"
    return f"{count} {word}"


def _limit_memory() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _poppler(args: list[str]) -> subprocess.CompletedProcess:
    # util-linux's prlimit sets the limit in the child; preexec_fn (unsafe in a threaded
    # server) only where prlimit is missing
    prlimit = shutil.which("prlimit")
    limited = ([prlimit, f"--as={MEMORY_LIMIT}", "--", *args], None) if prlimit \
        else (args, _limit_memory)
    try:
        return subprocess.run(limited[0], capture_output=True, timeout=TIMEOUT, check=False,
                              preexec_fn=limited[1])
    except subprocess.TimeoutExpired as exc:
        raise ScanRejected("Файл PDF слишком сложный: он не открылся за отведённое время. "
                           "Сохраните скан в PDF заново.") from exc


def _inspect_pdf(source: BinaryIO) -> Scan:
    with tempfile.TemporaryDirectory(prefix="scan-") as folder:
        path = Path(folder, "scan.pdf")
        with path.open("wb") as out:
            while chunk := source.read(1024 * 1024):
                out.write(chunk)
        source.seek(0)
        info = _poppler(["pdfinfo", str(path)])
        found = re.search(rb"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
        if b"Invalid page count 0" in info.stderr:
            raise ScanRejected(EMPTY_PDF)
        if info.returncode != 0 or not found:
            raise ScanRejected(BROKEN_PDF)
        pages = int(found.group(1))
        if pages < 1:
            raise ScanRejected(EMPTY_PDF)
        if pages > MAX_PAGES:
            raise ScanRejected(f"В файле PDF {_pages(pages)}: это не скан приказа.")
        drawn = _poppler(["pdftoppm", "-png", "-f", "1", "-l", "1", "-scale-to",
                          str(THUMBNAIL_SIDE), "-singlefile", str(path),
                          str(Path(folder, "first"))])
        first = Path(folder, "first.png")
        if drawn.returncode != 0 or not first.exists() or not first.stat().st_size:
            raise ScanRejected(BROKEN_PDF)
        return Scan(extension="pdf", description=f"PDF, {_pages(pages)}",
                    thumbnail=first.read_bytes())


def _inspect_image(source: BinaryIO, extension: str) -> Scan:
    data = source.read()  # at most the upload cap; Pillow closes what it is given
    source.seek(0)
    try:
        image = Image.open(BytesIO(data), formats=["JPEG", "PNG"])
        width, height = image.size  # from the header: nothing decoded yet
    except Image.DecompressionBombError as exc:
        raise ScanRejected("Изображение слишком большое: отсканируйте приказ с разрешением "
                           "300 dpi.") from exc
    except Exception as exc:  # Pillow raises many kinds for a broken header
        raise ScanRejected(BROKEN_IMAGE) from exc
    if min(width, height) < MIN_SIDE:
        raise ScanRejected(f"Изображение {width} × {height} пикселей слишком мелкое для скана "
                           f"приказа: отсканируйте его с разрешением не меньше 150 dpi.")
    if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
        raise ScanRejected(f"Изображение {width} × {height} пикселей слишком большое: "
                           f"отсканируйте приказ с разрешением 300 dpi.")
    # a cut-off file must not pass as a scan with a grey bottom half (WeasyPrint, in the same
    # process, tells Pillow to accept truncated images): check the file's own ending
    if extension == "jpg" and not data.rstrip(b"\x00\r\n\t ").endswith(b"\xff\xd9"):
        raise ScanRejected(BROKEN_IMAGE)
    try:
        if extension == "png":
            Image.open(BytesIO(data), formats=["PNG"]).verify()  # every chunk and its CRC
        image.draft("RGB", (THUMBNAIL_SIDE, THUMBNAIL_SIDE))  # JPEG: decode at a lower scale
        image.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))     # decodes every pixel it needs
        out = BytesIO()
        image.convert("RGB").save(out, format="PNG", optimize=True)
    except Exception as exc:
        raise ScanRejected(BROKEN_IMAGE) from exc
    finally:
        image.close()
    label = "JPEG" if extension == "jpg" else "PNG"
    return Scan(extension=extension, description=f"{label}, {width} × {height} пикселей",
                thumbnail=out.getvalue())
