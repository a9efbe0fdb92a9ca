"""Middleware of the whole site: request limits with Russian answers, the Permissions-Policy."""
import logging

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http.multipartparser import MultiPartParserError

from .errors import bad_request, too_big

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")

TOO_MANY_FIELDS = "В форме слишком много полей: сервер принимает не больше {n}."
TOO_MANY_FILES = "Отправлено слишком много файлов сразу: сервер принимает не больше {n}."
UNREADABLE = "Отправленные данные повреждены или не похожи на форму сайта."
SUSPICIOUS = "Отправленные данные выглядят небезопасно (например, слишком длинное или необычное имя файла)."


def _security_log(exc) -> None:
    logging.getLogger(f"django.security.{type(exc).__name__}").error(str(exc))


class RequestLimitsMiddleware:
    """Refuse a request bigger than the site accepts by its Content-Length, before a byte
    of it is read (413): REQUEST_MAX_BYTES for everyone, ANONYMOUS_REQUEST_MAX_BYTES for
    someone not signed in (the login form is a few hundred bytes). Then read the form
    here, so that a body over Django's limits (DATA_UPLOAD_MAX_MEMORY_SIZE, the number of
    fields or files, the upload handler's file cap) or one that cannot be parsed is
    answered with our Russian page, under DEBUG too, instead of Django's English one.
    Django reads the form at this point of every POST anyway (the CSRF check)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.ANONYMOUS_REQUEST_MAX_BYTES and not request.user.is_authenticated:
            return too_big(request, settings.ANONYMOUS_REQUEST_MAX_BYTES, anonymous=True)
        if length > settings.REQUEST_MAX_BYTES:
            return too_big(request, settings.REQUEST_MAX_BYTES)
        if request.method == "POST" and request.content_type in FORM_TYPES:
            refused = self._read_form(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    def _read_form(self, request):
        try:
            request.POST  # noqa: B018  (parses the body, and the files with it)
            request.FILES  # noqa: B018
        except RequestDataTooBig as exc:
            request._mark_post_parse_error()
            _security_log(exc)
            return too_big(request, settings.REQUEST_MAX_BYTES)
        except TooManyFieldsSent as exc:
            request._mark_post_parse_error()
            _security_log(exc)
            return bad_request(request, TOO_MANY_FIELDS.format(n=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS))
        except TooManyFilesSent as exc:
            request._mark_post_parse_error()
            _security_log(exc)
            return bad_request(request, TOO_MANY_FILES.format(n=settings.DATA_UPLOAD_MAX_NUMBER_FILES))
        except SuspiciousOperation as exc:
            request._mark_post_parse_error()
            _security_log(exc)
            return bad_request(request, SUSPICIOUS)
        except (MultiPartParserError, BadRequest) as exc:
            request._mark_post_parse_error()
            logging.getLogger("django.request").warning("Bad request (unreadable body): %s", exc)
            return bad_request(request, UNREADABLE)
        return None

    def process_exception(self, request, exc):
        """A view that meets a suspicious operation (a file name storage refuses, a body over
        the limit read late) answers with our page, as production would, under DEBUG too."""
        if isinstance(exc, RequestDataTooBig):
            _security_log(exc)
            return too_big(request, settings.REQUEST_MAX_BYTES)
        if isinstance(exc, SuspiciousOperation):
            _security_log(exc)
            return bad_request(request, SUSPICIOUS)
        return None


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header (settings.PERMISSIONS_POLICY) on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class DebugErrorPagesMiddleware:
    """Under DEBUG too, a person sees our Russian 404 and 500 pages, not Django's technical
    English ones (the traceback still goes to the console through the `django.request`
    logger). `DEBUG_TECHNICAL_ERRORS=1` brings Django's pages back for a developer.
    Outermost, so it sees the pages Django makes from any exception. Does nothing when
    DEBUG is off: the handlers of config/urls.py answer there."""

    PAGES = {404: "404.html", 500: "500.html"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (not settings.DEBUG or settings.DEBUG_TECHNICAL_ERRORS
                or response.status_code not in self.PAGES or "X-Error-Page" in response
                or not response.get("Content-Type", "").startswith("text/html")
                or getattr(response, "streaming", False)):
            return response
        from .errors import error_response

        # the 500 page without the request's context: it may be the database that failed
        return error_response(request if response.status_code == 404 else None,
                              response.status_code, self.PAGES[response.status_code])
