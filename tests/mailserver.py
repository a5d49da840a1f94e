"""A real SMTP server for the tests of the outbox (aiosmtpd, on a free port of this
machine): it keeps every message it accepts, can be stopped and started again on the same
port, refuses the addresses it is told to with the code it is told, and can hold a
sender at the door (``hold_from``) until the test lets go, so that a test can kill a
worker in the middle of a batch at a known point."""

import asyncio
import email
import socket
import threading
import time
from contextlib import closing
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


def free_port():
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list
    message: email.message.Message

    @property
    def message_id(self):
        return self.message["Message-ID"]


@dataclass
class MailServer:
    port: int = field(default_factory=free_port)
    received: list = field(default_factory=list)
    # address -> the answer to RCPT TO, e.g. "550 5.1.1 No such user" or "451 4.3.0 Try later"
    refuse: dict = field(default_factory=dict)
    # hold the n-th MAIL FROM (counting from 1) until release() is called
    hold_from: int | None = None

    def __post_init__(self):
        self._controller = None
        self._lock = threading.Lock()
        self._mail_froms = 0
        self.connections = 0
        self.holding = threading.Event()
        self._released = threading.Event()

    # aiosmtpd handler hooks -----------------------------------------------------------

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self._lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        with self._lock:
            self._mail_froms += 1
            hold = self._mail_froms == self.hold_from
        if hold:
            self.holding.set()
            while not self._released.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 Held and let go"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        with self._lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    # the test's side --------------------------------------------------------------------

    def start(self):
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port, ready_timeout=10)
        self._controller.start()
        return self

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def release(self):
        self._released.set()

    def recipients(self):
        with self._lock:
            return [address for received in self.received for address in received.rcpt_tos]

    def wait_for(self, count, timeout=60):
        """Wait until ``count`` messages have arrived (or fail saying how many did)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.received) >= count:
                return self.received
            time.sleep(0.05)
        raise AssertionError(f"{len(self.received)} of {count} messages arrived within {timeout} s")
