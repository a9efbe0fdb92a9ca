"""The local mail catcher's letters (var/mail/*.eml, `make run`), for an administrator,
only under DEBUG: what the application sent, without opening a mail program."""
from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

LIMIT = 200


@dataclass
class Letter:
    name: str
    subject: str
    to: str
    date: str
    text: str = ""


def _folder() -> Path:
    return settings.BASE_DIR / "var" / "mail"


def _read(path: Path, *, body: bool = False) -> Letter:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    letter = Letter(path.name, " ".join(str(message.get("Subject", "")).split()),
                    str(message.get("To", "")), str(message.get("Date", "")))
    if body:
        part = message.get_body(preferencelist=("plain",))
        letter.text = part.get_content() if part is not None else ""
    return letter


def _allowed(request) -> None:
    if not (settings.DEBUG and request.user.is_superuser):
        raise Http404("Не найдено")


@login_required
def mail_list(request):
    _allowed(request)
    folder = _folder()
    paths = sorted(folder.glob("*.eml"), reverse=True)[:LIMIT] if folder.is_dir() else []
    return render(request, "schools/dev_mail.html", {"letters": [_read(p) for p in paths],
                                                     "folder": folder})


@login_required
def mail_detail(request, name: str):
    _allowed(request)
    path = _folder() / name
    if "/" in name or not name.endswith(".eml") or not path.is_file():
        raise Http404("Не найдено")
    return render(request, "schools/dev_mail.html", {"letter": _read(path, body=True),
                                                     "folder": _folder()})
