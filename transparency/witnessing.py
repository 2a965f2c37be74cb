"""The register's side of C2SP tlog-witness: it pushes each new stored checkpoint, with a
consistency proof from the size each witness last cosigned, to the witnesses in its
settings, and appends the cosignatures that verify to the stored checkpoint.

It runs on a thread of its own, never in the projector's transaction: woken when a
checkpoint is stored, and every ``retry_every`` seconds for the witnesses that have not
cosigned the latest one yet. A witness that is down is logged and skipped; a 409 teaches the
size it holds (the request is sent again from there); any other refusal (a 422 is a fork
seen by the witness) is logged as an error.
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from typing import Any

from storage.connections import Connections
from storage.sql import Database
from transparency import checkpoints
from transparency.checkpoints import Stored
from transparency.cosignature import Cosigner
from transparency.refusals import MalformedKey, NoteNotVerified
from transparency.subtrees import consistency_proof
from transparency.witness import request_body


@dataclass(frozen=True)
class WitnessAddress:
    """A witness the register asks: its submission URL prefix and its cosigner key."""

    url: str
    cosigner: Cosigner

    @classmethod
    def parse(cls, text: str) -> WitnessAddress:
        """``<URL prefix> <vkey>``, as ``OCOP_LOG_WITNESSES`` lists them."""
        url, _, vkey = text.strip().partition(" ")
        if not url.startswith(("http://", "https://")):
            raise MalformedKey(f"a witness is '<http(s) URL> <vkey>', not {text!r}")
        return cls(url.rstrip("/"), Cosigner.from_vkey(vkey))


class Pusher:
    """Gathers the witnesses' cosignatures on the latest stored checkpoint of ``origin``."""

    def __init__(
        self, witnesses: list[WitnessAddress], connections: Connections, origin: str,
        logger: Any, *, timeout: float = 5.0, retry_every: float = 30.0,
    ) -> None:  # fmt: skip
        self.witnesses, self.connections, self.origin = witnesses, connections, origin
        self.log, self.timeout, self.retry_every = logger, timeout, retry_every
        self.sizes: dict[str, int] = {}  # what each witness last cosigned, as far as known
        self._woken, self._stopping = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None

    def offer(self, stored: Stored | None = None) -> None:
        """Wakes the pusher: a new checkpoint was stored."""
        self._woken.set()

    def start(self) -> None:
        """Pushes on a daemon thread until ``stop``."""
        self._thread = threading.Thread(target=self._run, name="ocop-witnessing", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10) -> None:
        """Stops the thread between pushes."""
        self._stopping.set()
        self._woken.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.push_latest()
            except Exception as error:  # the database away: asked again on the next wake
                self._tell("warning", "witness.push_failed", error=str(error))
            self._woken.wait(self.retry_every)
            self._woken.clear()

    def push_latest(self) -> int:
        """Asks every witness that has not cosigned the latest stored checkpoint; returns how
        many cosignatures it holds now."""
        stored = self.connections.ask(lambda db: checkpoints.latest(db, self.origin))
        if stored is None:
            return 0
        for witness in self.witnesses:
            if not cosigned_by(stored, witness.cosigner):
                self._ask(witness, stored)
        latest = self.connections.ask(lambda db: checkpoints.latest(db, self.origin))
        return len(latest.cosignatures) if latest else 0

    def _ask(self, witness: WitnessAddress, stored: Stored) -> None:
        """One witness, at most twice (the second time from the size a 409 told)."""
        for _ in range(2):
            old = self.sizes.get(witness.url, 0)
            if old > stored.checkpoint.size:
                return self._tell("error", "witness.ahead", witness=witness.url, size=old)
            proof = self.connections.ask(partial(proof_from, old=old, size=stored.checkpoint.size))
            status, text = self._post(witness.url, request_body(old, proof, stored.note))
            if status == 200:
                return self._keep(witness, stored, text)
            if status == 409 and text.strip().isdigit():
                self.sizes[witness.url] = int(text)
                continue
            level = "warning" if status == 0 else "error"
            return self._tell(
                level, "witness.refused", witness=witness.url, status=status, text=text
            )

    def _keep(self, witness: WitnessAddress, stored: Stored, text: str) -> None:
        state = stored.checkpoint
        for line in text.splitlines():
            with suppress(NoteNotVerified):
                witness.cosigner.timestamp(line, state.text)
                with self.connections.transaction() as db:
                    checkpoints.add_cosignature(db, state, line)
                self.sizes[witness.url] = state.size
                return self._tell("info", "witness.cosigned", witness=witness.url, size=state.size)
        self._tell("error", "witness.cosignature_not_verified", witness=witness.url)

    def _post(self, url: str, body: str) -> tuple[int, str]:
        """The status and text of the witness's answer; 0 if it could not be reached."""
        request = urllib.request.Request(f"{url}/add-checkpoint", body.encode(), method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return int(answer.status), answer.read().decode()
        except urllib.error.HTTPError as error:
            return int(error.code), error.read().decode(errors="replace")
        except (OSError, ValueError) as error:
            return 0, str(error)

    def _tell(self, level: str, event: str, **fields: Any) -> None:
        with suppress(Exception):
            getattr(self.log, level)(event, **fields)


def cosigned_by(stored: Stored, cosigner: Cosigner) -> bool:
    """Whether the stored checkpoint holds a valid cosignature by ``cosigner``."""
    for line in stored.cosignatures:
        with suppress(NoteNotVerified):
            cosigner.timestamp(line, stored.checkpoint.text)
            return True
    return False


def proof_from(db: Database, *, old: int, size: int) -> list[bytes]:
    """The consistency proof from the tree of ``old`` leaves to that of ``size``."""
    return consistency_proof(db, old, size)
