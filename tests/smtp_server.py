"""A real SMTP server on 127.0.0.1 for tests: it records what it accepts and refuses the
recipients it is told to, as a mail server answers an address it does not know.

``smtp_server`` starts one on a free port; ``sending_through`` points Django's SMTP backend
at it. Messages are read back as parsed emails.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

REFUSAL = "550 5.1.1 <{address}>: Recipient address rejected: User unknown"
DEFERRAL = "450 4.2.1 <{address}>: Mailbox busy, try again later"


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class Mailbox:
    """The server's handler: what it accepted, and whom it refuses."""

    refuse: set[str] = field(default_factory=set)
    defer: set[str] = field(default_factory=set)  # Refused for now (4xx), as when greylisting.
    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return REFUSAL.format(address=address)
        if address in self.defer:
            return DEFERRAL.format(address=address)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        message = message_from_bytes(content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append(Received(str(envelope.mail_from), list(envelope.rcpt_tos), message))
        return "250 2.0.0 Ok: queued"

    def to(self, address: str) -> list[EmailMessage]:
        return [r.message for r in self.received if address in r.recipients]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class SmtpServer:
    mailbox: Mailbox
    controller: Controller

    @property
    def port(self) -> int:
        port: int = self.controller.port
        return port


def start(mailbox: Mailbox, port: int | None = None, **options: Any) -> SmtpServer:
    """A server on ``port`` (a free one if not given); stop it with ``.controller.stop()``."""
    controller = Controller(mailbox, hostname="127.0.0.1", port=port or free_port(), **options)
    controller.start()
    return SmtpServer(mailbox, controller)


def password_check(user: str, password: str) -> Any:
    """An aiosmtpd authenticator that lets in one user with one password."""

    def check(
        server: Any, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            user.encode(),
            password.encode(),
        )
        return AuthResult(success=ok, handled=False)

    return check


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = start(Mailbox())
    try:
        yield server
    finally:
        server.controller.stop()


def sending_through(settings: Any, server: SmtpServer, **extra: Any) -> None:
    """Send with Django's SMTP backend to ``server``, as a live site with EMAIL_HOST would."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    for name, value in extra.items():
        setattr(settings, name, value)
