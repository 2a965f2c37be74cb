"""The register's metrics, in Prometheus's text format (``prometheus-client``): the one home
of every metric's name, help and labels.

What each process counts: requests by route template (never the raw path: few labels),
method and status, with their latency; commands accepted, by the event each recorded, and
refused, by their problem's ``code``; the events its projector applied, whether that
projector is the active one, and a rebuild's progress. What a scrape reads from the database
as it is answered, the same whichever process answers: the log's head (events appended), the
read side's position and lag.

Several processes (uvicorn's workers) each write their counts to files in the folder that
``PROMETHEUS_MULTIPROC_DIR`` names (the library's multiprocess mode, chosen when it is first
imported: ``ocop/metrics_folder.py`` names the folder before then), and a scrape, whichever
worker answers it, adds every process's counts up.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from prometheus_client import REGISTRY, Counter, Gauge, Histogram, disable_created_metrics
from prometheus_client.exposition import (
    CONTENT_TYPE_PLAIN_0_0_4,
    generate_latest,
    start_wsgi_server,
)
from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead

from ocop.metrics_folder import FOLDER
from projections.progress import Progress, now
from registry.orders import Recorded

# No ``_created`` series beside every counter.
disable_created_metrics()  # type: ignore[no-untyped-call]

REQUESTS = Counter(
    "ocop_http_requests",
    "HTTP requests answered, by route template, method and status.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "ocop_http_request_duration_seconds",
    "Seconds taken to answer an HTTP request, by route template and method.",
    ["route", "method"],
)
ACCEPTED = Counter(
    "ocop_commands_accepted", "Commands saved, by the event each recorded.", ["event"]
)
REFUSED = Counter(
    "ocop_commands_refused", "Commands answered with a problem, by its code.", ["code"]
)
PROJECTED = Counter(
    "ocop_projector_events_applied", "Events the projector applied to the read models."
)
ACTIVE = Gauge(
    "ocop_projector_active",
    "1 while the projector of a process is the active one (summed over live processes).",
    multiprocess_mode="livesum",
)
REBUILD_DONE = Gauge(
    "ocop_rebuild_events_done", "Events a running rebuild has applied.", multiprocess_mode="livemax"
)
REBUILD_PLANNED = Gauge(
    "ocop_rebuild_events_planned",
    "Events in the log when the running rebuild began.",
    multiprocess_mode="livemax",
)
COMMANDS = "/v1/products"  # every command is a POST under it


def answered(method: str, route: str, status: int, seconds: float, code: str | None) -> None:
    """Counts one answered request; a command's problem is counted by its code too."""
    REQUESTS.labels(route, method, str(status)).inc()
    LATENCY.labels(route, method).observe(seconds)
    if code is not None and method == "POST" and route.startswith(COMMANDS):
        REFUSED.labels(code).inc()


def accepted(saved: Recorded) -> None:
    """Counts one saved command by the event it recorded."""
    ACCEPTED.labels(saved.event).inc()


@dataclass(frozen=True)
class Exposition:
    """One scrape's answer: the metrics in Prometheus's text format, and its media type."""

    body: bytes
    media_type: str = CONTENT_TYPE_PLAIN_0_0_4


class Scrape:
    """What a scrape reads: the counts (of every process sharing the folder, if one is
    named), then the log's head and the read side's progress, read now by ``progress``."""

    def __init__(self, progress: Callable[[], Progress]) -> None:
        self.progress = progress

    def collect(self) -> Iterator[Metric]:
        """Every metric family, for the exposition."""
        folder = os.environ.get(FOLDER)
        if folder:
            forget_dead_processes(Path(folder))
            yield from MultiProcessCollector(None, path=folder).collect()  # type: ignore[no-untyped-call]
        else:
            yield from REGISTRY.collect()
        yield from self.read_side()

    def read_side(self) -> Iterator[Metric]:
        """The log's head and the projection's position and lag (``ocop_store_up`` 0 when
        the database does not answer: a scrape never fails for it)."""
        try:
            seen = self.progress()
        except Exception:  # the store is away: say so, and count what this process counted
            yield GaugeMetricFamily("ocop_store_up", STORE_UP, value=0)
            return
        yield GaugeMetricFamily("ocop_store_up", STORE_UP, value=1)
        yield CounterMetricFamily(
            "ocop_log_events_appended", "Events appended to the register's log.", value=seen.head
        )
        yield GaugeMetricFamily(
            "ocop_projection_position", "The log position the read models reflect.",
            value=seen.position,
        )  # fmt: skip
        yield GaugeMetricFamily(
            "ocop_projection_lag_events", "Events the read models have yet to apply.",
            value=seen.lag,
        )  # fmt: skip
        yield GaugeMetricFamily(
            "ocop_projection_lag_seconds",
            "Seconds the read models have been behind without advancing (0 when caught up).",
            value=seen.lag_seconds(now()),
        )


STORE_UP = "1 when the scrape read the log's head and the read side's progress."


def exposition(progress: Callable[[], Progress]) -> Exposition:
    """The metrics as a scrape answers them."""
    return Exposition(generate_latest(Scrape(progress)))


def serve_metrics(host: str, port: int, progress: Callable[[], Progress]) -> Callable[[], None]:
    """Serves the metrics on ``host:port`` from a thread of this process (``ocop project``,
    which serves no API); answers how to stop it."""
    server, thread = start_wsgi_server(port, host, Scrape(progress))

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(5)

    return stop


def forget_dead_processes(folder: Path) -> None:
    """Drops the live gauges of processes that are gone (a worker that died or was replaced):
    uvicorn tells no one when a worker ends, so a scrape looks for itself."""
    for path in folder.glob("gauge_live*_*.db"):
        pid = int(path.stem.rpartition("_")[2])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            mark_process_dead(pid, str(folder))  # type: ignore[no-untyped-call]
        except PermissionError:
            continue  # alive, another user's
