"""The order as PDF: a Django template (autoescaped) laid out by WeasyPrint.

WeasyPrint gets a URL fetcher that serves only our own static files: text typed into a
measure prints as text (autoescaping), and even a crafted page could fetch nothing else.
"""
from __future__ import annotations

import mimetypes
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


def order_html(doc: OrderDocument) -> str:
    return render_to_string(TEMPLATE, {"doc": doc})


def html_to_pdf(html: str, *, fetcher: URLFetcher | None = None,
                progress: Progress | None = None) -> bytes:
    """Lay out HTML we made ourselves; `progress` hears 60 after layout."""
    document = HTML(string=html, base_url=BASE_URL,
                    url_fetcher=fetcher or StaticOnlyFetcher()).render()
    if progress:
        progress(60)
    return document.write_pdf()


def render_pdf(doc: OrderDocument, *, fetcher: URLFetcher | None = None,
               progress: Progress | None = None) -> bytes:
    return html_to_pdf(order_html(doc), fetcher=fetcher, progress=progress)
