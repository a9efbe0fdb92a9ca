"""The order as PDF: a Django template (autoescaped) laid out by WeasyPrint.

WeasyPrint gets a URL fetcher that serves only our own static files: text typed into a
measure prints as text (autoescaping), and even a crafted page could fetch nothing else.
"""
from __future__ import annotations

import contextlib
import logging
import mimetypes
import re
import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils._os import safe_join
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .data import OrderDocument

ASSET_HOST = "order-assets.invalid"
BASE_URL = f"http://{ASSET_HOST}/"
TEMPLATE = "roadmaps/documents/order.html"

Progress = Callable[[int], None]


class ResourceRefused(ValueError):
    """A resource outside our static files was asked for; WeasyPrint skips it."""


def _static_file(relative: str) -> Path | None:
    """Our static file for a path under STATIC_URL: the source tree first, then STATIC_ROOT."""
    try:
        found = finders.find(relative)
        if found:
            return Path(found)
        if settings.STATIC_ROOT:
            path = Path(safe_join(str(settings.STATIC_ROOT), relative))
            if path.is_file():
                return path
        if hasattr(staticfiles_storage, "path"):
            path = Path(staticfiles_storage.path(relative))
            if path.is_file():
                return path
    except Exception:  # SuspiciousFileOperation, NotImplementedError …
        return None
    return None


class StaticOnlyFetcher(URLFetcher):
    """Serves `/static/…` of our own origin from disk; refuses every other URL.

    `requested` records every URL WeasyPrint asked for, `refused` those it did not get.
    """

    def __init__(self):
        super().__init__(allowed_protocols=("http",), allow_redirects=False,
                         fail_on_errors=False, timeout=1)
        self.requested: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        self.requested.append(url)
        parts = urlsplit(url)
        static_url = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/"
        if (parts.scheme == "http" and parts.netloc == ASSET_HOST
                and parts.path.startswith(static_url) and not parts.query):
            relative = unquote(parts.path[len(static_url):])
            path = _static_file(relative) if relative and ".." not in relative.split("/") else None
            if path is not None:
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=path.read_bytes(),
                                          headers={"Content-Type": content_type})
        self.refused.append(url)
        raise ResourceRefused(f"Внешний ресурс не загружается: {url}")

    def open(self, url, data=None, timeout=None):  # never reach the network through urllib
        target = url.full_url if hasattr(url, "full_url") else url
        return self.fetch(target)


_STEP = re.compile(r"Step (\d)(?:.*Page (\d+))?")


class _ProgressHandler(logging.Handler):
    """Turns WeasyPrint's own progress log («Step 5 - Creating layout - Page 3») into percent."""

    def __init__(self, progress: Progress, start: int, end: int):
        super().__init__(level=logging.INFO)
        self.progress, self.start, self.end = progress, start, end
        self.thread = threading.get_ident()
        self.last = start

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        match = _STEP.match(record.getMessage())
        if not match:
            return
        step, page = int(match[1]), int(match[2] or 0)
        share = (step - 1) / 7 if step != 5 else (4 + min(page, 30) / 30) / 7
        value = self.start + int((self.end - self.start) * share)
        if value >= self.last + 3:
            self.last = value
            self.progress(value)


# WeasyPrint narrates its steps on this logger; they feed the progress bar, not the console.
PROGRESS_LOGGER = logging.getLogger("weasyprint.progress")
PROGRESS_LOGGER.setLevel(logging.INFO)
PROGRESS_LOGGER.propagate = False


@contextlib.contextmanager
def _listening(progress: Progress | None, start: int, end: int):
    if progress is None:
        yield
        return
    handler = _ProgressHandler(progress, start, end)
    PROGRESS_LOGGER.addHandler(handler)
    try:
        yield
    finally:
        PROGRESS_LOGGER.removeHandler(handler)


def order_html(doc: OrderDocument) -> str:
    return render_to_string(TEMPLATE, {"doc": doc})


def html_to_pdf(html: str, *, fetcher: URLFetcher | None = None,
                progress: Progress | None = None, span: tuple[int, int] = (10, 80)) -> bytes:
    """Lay out HTML we made ourselves; `progress` hears percent values inside `span`."""
    with _listening(progress, *span):
        return HTML(string=html, base_url=BASE_URL,
                    url_fetcher=fetcher or StaticOnlyFetcher()).write_pdf()


def render_pdf(doc: OrderDocument, *, fetcher: URLFetcher | None = None,
               progress: Progress | None = None) -> bytes:
    return html_to_pdf(order_html(doc), fetcher=fetcher, progress=progress)
