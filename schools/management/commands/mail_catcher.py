"""`manage.py mail_catcher`: a local SMTP server for `make run` (aiosmtpd). Every message
the application sends is saved as var/mail/<time>-<subject>.eml (open it in any mail
program, or read it as text) and announced with one line in the console."""
from __future__ import annotations

import email
import email.policy
import logging
import re
import signal
import threading
from datetime import datetime
from pathlib import Path

from aiosmtpd.controller import Controller
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def eml_name(subject: str, when: datetime) -> str:
    """«20261204-190301-123456-Приглашение-в-систему.eml»: sortable, safe on any disk."""
    words = re.sub(r"[^\w-]+", "-", subject, flags=re.UNICODE).strip("-_")[:60].rstrip("-")
    return f"{when:%Y%m%d-%H%M%S-%f}-{words or 'без-темы'}.eml"


class SaveToFolder:
    """aiosmtpd's handler: each message into the folder, one line to `say`."""

    def __init__(self, folder: Path, say) -> None:
        self.folder, self.say = folder, say
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        subject = " ".join(str(message.get("Subject", "")).split())
        with self.lock:
            path = self.folder / eml_name(subject, datetime.now())
            path.write_bytes(raw)
        self.say(f"✉ {datetime.now():%H:%M:%S} → {', '.join(envelope.rcpt_tos)}: «{subject}» "
                 f"({path.relative_to(settings.BASE_DIR) if path.is_relative_to(settings.BASE_DIR) else path})")
        return "250 OK"


class Command(BaseCommand):
    help = ("Локальный почтовый сервер для разработки: письма сохраняются в var/mail/*.eml, "
            "о каждом — строка в консоли.")

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=1025)
        parser.add_argument("--folder", default=str(settings.BASE_DIR / "var" / "mail"))

    def handle(self, *args, host: str, port: int, folder: str, **opts):
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's every SMTP verb
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        handler = SaveToFolder(target, lambda line: (self.stdout.write(line), self.stdout.flush()))
        controller = Controller(handler, hostname=host, port=port)
        try:
            controller.start()
        except OSError as exc:
            raise CommandError(f"Не удалось занять {host}:{port}: {exc}") from exc
        self.stdout.write(f"Почтовый сервер слушает {host}:{port}; письма — в {target}")
        self.stdout.flush()
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        try:
            stop.wait()
        finally:
            controller.stop()
