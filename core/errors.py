"""Our error pages (templates/400.html, 413.html, 500.html …), Russian and in the layout of
the site, for the cases Django would answer with its own English page.

Under DEBUG they are ours too (core.middleware.DebugErrorPagesMiddleware puts our 404 and
500 pages in place of Django's technical ones; DEBUG_TECHNICAL_ERRORS=1 keeps Django's).
"""
import logging
import sys

from django.http import HttpResponse
from django.template import loader

# What is shown when even the layout cannot be rendered (a broken base template).
PLAIN_500 = (
    '<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Ошибка сервера</title>'
    "</head><body><h1>Что-то пошло не так</h1><p>Попробуйте обновить страницу через минуту.</p>"
    '<p><a href="/">На главную</a></p></body></html>'
)

log = logging.getLogger(__name__)


def error_response(request, status: int, template: str, **context) -> HttpResponse:
    """The page of `template` with `status`. Rendered without the request's context
    processors when `request` is None (nothing on the page may need the database)."""
    try:
        html = loader.render_to_string(template, context, request=request)
    except Exception:  # the page of an error must not raise a second one
        log.exception("Error page %s could not be rendered", template)
        html = PLAIN_500
    response = HttpResponse(html, status=status)
    response["X-Error-Page"] = str(status)  # static/js/app.js: never swapped into a page
    return response


def size_label(size: int) -> str:
    """«21 МБ», «64 КБ»."""
    if size >= 1024 * 1024:
        return f"{size // (1024 * 1024)} МБ"
    return f"{max(1, size // 1024)} КБ"


def too_big(request, limit: int, anonymous: bool = False) -> HttpResponse:
    return error_response(request, 413, "413.html", limit=size_label(limit), anonymous=anonymous)


def bad_request(request, reason: str = "") -> HttpResponse:
    return error_response(request, 400, "400.html", reason=reason)


def bad_request_page(request, exception=None) -> HttpResponse:
    """handler400 (a bad Host header and the like, raised before our middleware)."""
    return bad_request(None)


def server_error(request) -> HttpResponse:
    """handler500: our page, without the request's context (it may be the database that
    failed), and a plain Russian page if even that cannot be rendered; the 503 page when
    the database could not be reached (outside a view: core.database's middleware has the
    views)."""
    from .database import failed_connecting, unavailable_response

    alias = failed_connecting(sys.exc_info()[1])
    if alias is not None:
        return unavailable_response(request, alias)
    return error_response(None, 500, "500.html")
