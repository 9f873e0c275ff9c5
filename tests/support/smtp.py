"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1, a port of 5700–5799), recording what it accepted.

``stall_first_rcpt``: the first RCPT TO waits until ``release()`` — a worker blocked there is mid-delivery
and nothing has been accepted yet (a test kills it then).
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import os
import socket
import threading
from dataclasses import dataclass, field
from email.message import Message

from aiosmtpd.controller import Controller

PORTS = range(5700, 5800)


def _own_ports() -> range:
    """Under pytest-xdist each worker searches its own slice of ``PORTS`` (gw0 5700–5709, gw1 5710–5719, …):
    two workers checking the same port at once would both find it free."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return PORTS
    start = PORTS.start + 10 * (int(worker[2:]) % 10)
    return range(start, start + 10)


def free_port() -> int:
    for port in _own_ports():
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 5700-5799")


@dataclass
class Recorder:
    """The aiosmtpd handler: keeps each accepted message (after it answered 250 to the data)."""

    stall_first_rcpt: bool = False
    received: list[Message] = field(default_factory=list)
    stalled: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.stall_first_rcpt and not self.stalled.is_set():
            self.stalled.set()
            while not self.released.is_set():
                await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"

    def release(self) -> None:
        self.released.set()


class MailServer:
    """Start/stop a recording server on a fixed port (so a test can have it down first and up later)."""

    def __init__(self, port: int | None = None, stall_first_rcpt: bool = False):
        self.port = port or free_port()
        self.recorder = Recorder(stall_first_rcpt=stall_first_rcpt)
        self.controller: Controller | None = None

    @property
    def received(self) -> list[Message]:
        return self.recorder.received

    def start(self) -> MailServer:
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        self.recorder.release()
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def env(self) -> dict[str, str]:
        return {"APPROVAL_SMTP_HOST": "127.0.0.1", "APPROVAL_SMTP_PORT": str(self.port),
                "APPROVAL_SMTP_FROM": "spj-noreply@example.gov.cn"}
