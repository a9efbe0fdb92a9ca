"""A real SMTP server on loopback (aiosmtpd) for the tests that send e-mail.

`mail_server` (a fixture of tests/conftest.py) starts it once per session, points Django's
SMTP backend at it for the test, and hands over a `Mailbox`: the messages it received,
parsed, oldest first. Nothing here is the locmem backend: a message is on the wire.
"""
from __future__ import annotations

import email
import email.policy
import socket
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    envelope_from: str
    envelope_to: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"]).strip()

    @property
    def to(self) -> list[str]:
        return self.envelope_to

    def part(self, content_type: str) -> str:
        """The text of the first part of that type («text/plain», «text/html»)."""
        for part in self.message.walk():
            if part.get_content_type() == content_type:
                return part.get_content()
        raise LookupError(f"no {content_type} part in «{self.subject}»")

    @property
    def text(self) -> str:
        return self.part("text/plain")

    @property
    def html(self) -> str:
        return self.part("text/html")


@dataclass
class Mailbox:
    messages: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        with self.lock:
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()

    def to(self, address: str) -> list[Received]:
        with self.lock:
            return [m for m in self.messages if address.lower() in (a.lower() for a in m.to)]

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list[Received]:
        """Wait until at least `count` messages arrived (a worker or a browser flow sends)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.05)
        raise AssertionError(f"expected {count} message(s), the SMTP server got {len(self.messages)}")

    def __len__(self) -> int:
        with self.lock:
            return len(self.messages)


class SMTPServer:
    """aiosmtpd's controller on 127.0.0.1 and a free port."""

    def __init__(self) -> None:
        self.mailbox = Mailbox()
        self.port = free_port()
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    def start(self) -> SMTPServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()
