"""The PostgreSQL restart of the fault tests, under load: while the server is down every
request in flight is answered within a bound, with 503 (and ``Retry-After``, which the load
checks) where it needs the store; once it accepts connections again, writes are acknowledged
and projected unaided. Both bounds are liveness checks, not speed: the figures are printed."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from time import monotonic

from projections.progress import read_progress
from storage.connections import Connections
from storage.pool import AWAY_WAIT
from tests.api.test_live_server import wait_until
from tests.faults import server
from tests.faults.load import Load

# While the server is down a request is answered (503 if it needs the store) within the
# pool's own timeout (the URL's connect_timeout, 5 s), the longest a request ever waits for
# a connection; a longer wait means it hung on the outage (before: 52 s, or the client's 10 s).
ANSWERED_WITHIN = 5.0
RECOVERED = 10.0  # seconds after the server's return, else it needed a hand
# What a request in flight while the server is down may be answered: served, 503, or 409
# in progress for a key whose claim the outage kept (releasing it needs the store; the load
# checks the 409's code and retries it once the claim lapses).
SERVED = {200, 201, 409, 503}


def seconds_until(condition: Callable[[], object], since: float, timeout: float = 60) -> float:
    """Waits for ``condition``; the seconds from ``since`` until it held."""
    wait_until(condition, timeout=timeout)
    return round(monotonic() - since, 2)


def restart_the_database(
    load: Load, database: Connections
) -> tuple[dict[str, object], tuple[float, float]]:
    """A PostgreSQL restart: writes resume unaided once the server accepts connections again;
    when it stopped and started accepting them."""
    began, outage = monotonic(), server.Outage()
    with ThreadPoolExecutor(1) as restarting:  # pg_ctlcluster returns well after the server
        restarted = restarting.submit(server.restart)
        down, up = outage.over()
        figures = resumed_after(load, database, up)
        restarted.result()
    return {"PostgreSQL restart took, s": round(up - began, 2), **figures}, (down, up)


def resumed_after(load: Load, database: Connections, up: float) -> dict[str, object]:
    """How soon after the server's return writes were acknowledged and projected."""
    # Liveness, not speed: writes go on within 10 s of the server's return, else recovery
    # would have needed a hand (it takes well under a second: the pools probe every 0.25 s).
    wait_until(lambda: load.acknowledged_after(up), timeout=RECOVERED)
    first = load.acknowledged_after(up)[0]
    acknowledged = round(first.at - up, 2)  # as the load saw it, not when the test looked
    projected = seconds_until(lambda: database.ask(read_progress).position >= first.position, up)
    assert acknowledged <= RECOVERED, f"writes resumed {acknowledged} s after: a hand was needed"
    return {
        "PostgreSQL up: writes acknowledged again after, s": acknowledged,
        "PostgreSQL up: read side past a write made after it, s": projected,
    }


def answered_while_down(load: Load, down: float, up: float) -> dict[str, object]:
    """Every request in flight while the server was down (the load stopped, so each has
    been answered or given up): none waited long, none failed, those that met it had 503."""
    during = [timing for timing in load.timings if timing[0] <= up and timing[1] >= down]
    longest = max((end - sent for sent, end, _ in during), default=0.0)
    unavailable = sum(status == 503 for _, _, status in during)
    # A request waits for the server at most AWAY_WAIT: only an outage shorter than that may
    # pass with no 503 (each request then waited it out and was served).
    assert unavailable > 0 or up - down <= AWAY_WAIT, "no 503 while the server was down"
    assert all(status in SERVED for _, _, status in during), "a request met no 503 but a failure"
    assert longest <= ANSWERED_WITHIN, f"a request waited {longest:.1f} s on a server away"
    return {
        "PostgreSQL down (refusing connections), s": round(up - down, 2),
        "PostgreSQL down: requests in flight (503s)": f"{len(during)} ({unavailable})",
        "PostgreSQL down: longest wait for an answer, s": round(longest, 2),
    }
