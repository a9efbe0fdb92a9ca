"""The database gone: one Russian line that says which database could not be reached
(vendor, name, host and port — never the password), for manage.py and the web process."""
from __future__ import annotations

import logging

from django.conf import settings
from django.db import connections
from django.db.utils import OperationalError

log = logging.getLogger(__name__)


def _operational(exc: BaseException | None) -> bool:
    """An OperationalError of Django or of the driver anywhere in the exception's chain."""
    try:
        import psycopg
        driver_errors: tuple = (psycopg.OperationalError,)
    except ImportError:  # pragma: no cover
        driver_errors = ()
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, (OperationalError, *driver_errors)):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def describe(alias: str = "default") -> str:
    """«База данных PostgreSQL «roadmaps» на 127.0.0.1:5432»."""
    db = settings.DATABASES[alias]
    engine = db.get("ENGINE", "")
    if "sqlite" in engine:
        return f"база данных SQLite «{db.get('NAME')}»"
    vendor = "PostgreSQL" if "postgresql" in engine else engine.rsplit(".", 1)[-1]
    host = db.get("HOST") or "localhost"
    port = db.get("PORT") or ("5432" if vendor == "PostgreSQL" else "")
    return f"база данных {vendor} «{db.get('NAME')}» на {host}{':' if port else ''}{port}"


def unreachable_line(alias: str = "default") -> str:
    return (f"Не удалось подключиться: {describe(alias)} не отвечает. "
            "Проверьте DATABASE_URL и что сервер базы данных запущен.")


def failed_connecting(exc: BaseException | None) -> str | None:
    """The alias whose connection could not be opened, when `exc` is that failure (in a
    request: the connection of that alias was never established)."""
    if not _operational(exc):
        return None
    for alias in settings.DATABASES:
        if connections[alias].connection is None:
            return alias
    return None


def probe_unreachable(exc: BaseException | None) -> str | None:
    """After a command failed with `exc` (its connections are closed by then): the alias of
    a database that cannot be reached now, found by trying to connect again."""
    if not _operational(exc):
        return None
    for alias in settings.DATABASES:
        try:
            connections[alias].ensure_connection()
        except OperationalError:
            return alias
        finally:
            connections[alias].close()
    return None


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers with our Russian 503 page (under DEBUG
    too) and the log gets one line instead of a traceback."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        alias = failed_connecting(exc)
        if alias is None:
            return None
        return unavailable_response(request, alias)


def unavailable_response(request, alias: str):
    from .errors import error_response

    log.error(unreachable_line(alias))
    session = getattr(request, "session", None)
    if session is not None and not hasattr(session, "_session_cache"):
        # SessionMiddleware reads the session on the way out (SESSION_SAVE_EVERY_REQUEST):
        # let it see an empty one rather than go to the database again. Nothing is saved
        # on a 5xx, and the cookie stays, so the person is still signed in afterwards.
        session._session_cache = {}
    response = error_response(None, 503, "503.html")
    response["Retry-After"] = "60"
    response._has_been_logged = True  # the line above says it; no second «Service Unavailable»
    return response
