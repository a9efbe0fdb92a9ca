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
