"""The PostgreSQL server the tests use, restarted as an operator (or a crash and its
supervisor) would: ``pg_ctlcluster ... restart`` on the cluster that listens on the tests'
port (``OCOP_TEST_POSTGRES``; ``main`` on 5432 here and in CI), and ``pg_isready`` until
it answers again."""

from __future__ import annotations

import subprocess
import threading
from time import monotonic
from urllib.parse import urlsplit

from tests.conftest import ADMIN_URL


def cluster() -> tuple[str, str]:
    """The version and name of the local cluster serving the tests' port."""
    port = str(urlsplit(ADMIN_URL).port or 5432)
    listed = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
    )
    for line in listed.stdout.splitlines():
        version, name, cluster_port, *_ = line.split()
        if cluster_port == port:
            return version, name
    raise AssertionError(f"no local PostgreSQL cluster listens on port {port}")


def restart() -> None:
    """Restarts the server (fast shutdown: every session is cut)."""
    version, name = cluster()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart", "-m", "fast"],
        check=True,
        capture_output=True,
        timeout=60,
    )


def answers() -> bool:
    """Whether the server accepts connections."""
    address = urlsplit(ADMIN_URL)
    ready = subprocess.run(
        ["pg_isready", "-h", address.hostname or "127.0.0.1", "-p", str(address.port or 5432)],
        capture_output=True,
    )
    return ready.returncode == 0


def ensure_up(timeout: float = 60.0) -> None:
    """Waits until the server answers; starts it first if it is down and stays down."""
    deadline, pause = monotonic() + timeout, threading.Event()
    started = False
    while not answers():
        if not started and monotonic() > deadline - timeout / 2:
            version, name = cluster()
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "start"],
                capture_output=True,
                timeout=60,
            )
            started = True
        assert monotonic() < deadline, f"PostgreSQL did not answer within {timeout} s"
        pause.wait(0.1)


class Outage:
    """When the server stopped accepting connections and when it accepted them again, as
    ``pg_isready`` sees it, asked every 50 ms on a thread of its own from the moment it is
    made (before the restart) until the server is back."""

    def __init__(self, timeout: float = 60.0) -> None:
        self.down_at: float | None = None
        self.up_at: float | None = None
        self.timeout = timeout
        self._watching = threading.Thread(target=self._watch, daemon=True)
        self._watching.start()

    def _watch(self) -> None:
        deadline, pause = monotonic() + self.timeout, threading.Event()
        while self.up_at is None and monotonic() < deadline:
            accepting = answers()
            if not accepting and self.down_at is None:
                self.down_at = monotonic()
            elif accepting and self.down_at is not None:
                self.up_at = monotonic()
            pause.wait(0.05)

    def over(self) -> tuple[float, float]:
        """Waits for the server's return; when it went down and when it came back."""
        self._watching.join(self.timeout)
        assert self.down_at is not None and self.up_at is not None, "no outage was seen"
        return self.down_at, self.up_at
