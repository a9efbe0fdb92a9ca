"""Reading rendered documents back: PDF text and fonts through poppler."""
import subprocess
from pathlib import Path


def pdf_text(data: bytes, tmp_path: Path) -> str:
    """The text in drawing order (`-raw`): a table cell's lines stay together."""
    path = tmp_path / "order.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def pdf_fonts(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                          text=True).stdout


def squash(text: str) -> str:
    """Text without any whitespace: table cells wrap anywhere, the words stay in order."""
    return "".join(text.split())
