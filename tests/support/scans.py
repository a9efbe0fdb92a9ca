"""Signed scans as a head's office would upload them: real files that open.

`PDF_SCAN` is a one-page PDF (drawn by WeasyPrint), `PNG_SCAN` and `JPEG_SCAN` a page
scanned at a modest resolution; `FAKE_PDF` is the 13-byte-style file that only starts
like a PDF.
"""
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw
from weasyprint import HTML


def _pdf(pages: int = 1) -> bytes:
    body = "".join(f'<p style="page-break-after: always">Приказ от 22.06.2020 № 143/1, '
                   f'лист {n + 1}. Подпись.</p>' for n in range(pages))
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def _page_image(format: str, size=(620, 877)) -> bytes:
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for n in range(12):  # lines of «text» and a signature
        draw.rectangle((60, 80 + n * 40, size[0] - 60 - (n % 3) * 80, 92 + n * 40), fill="#333")
    draw.ellipse((size[0] - 220, size[1] - 160, size[0] - 80, size[1] - 90), outline="#1a3c8f",
                 width=4)
    out = BytesIO()
    image.save(out, format=format)
    return out.getvalue()


PDF_SCAN = _pdf()
PNG_SCAN = _page_image("PNG")
JPEG_SCAN = _page_image("JPEG")
FAKE_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def scan(content: bytes = PDF_SCAN, name: str = "scan.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)
