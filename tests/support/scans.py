"""Signed scans as a head's office would upload them."""
from django.core.files.uploadedfile import SimpleUploadedFile

PDF_SCAN = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_SCAN = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def scan(content: bytes = PDF_SCAN, name: str = "scan.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)
