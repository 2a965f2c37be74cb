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
