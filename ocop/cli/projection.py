"""``ocop project`` keeps the read models up to date as a process of its own (for deployments
with several API processes); ``ocop rebuild`` rebuilds every read model from the first event.

Any number of ``ocop project`` may run on PostgreSQL: one is active, the others stand by
(``projections.lease``). On SQLite one projector runs at a time: a second ``ocop project``,
or ``ocop serve`` projecting in-process beside one, is refused (exit 4). It serves its
metrics on ``OCOP_PROJECTOR_METRICS_PORT`` if set.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType

from ocop.bootstrap import build_registry
from ocop.log_keeping import log_keeping, refused_start, self_check
from ocop.logs import configure_logging
from ocop.settings import Settings
from projections import Projector
from projections.lease import active_projector, lease_of
from projections.progress import Progress, read_progress
from storage.connections import Connections, open_connections

ANOTHER_PROJECTOR = 4  # the exit status of a projector refused beside another (SQLite)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``ocop project`` and ``ocop rebuild``."""
    project = commands.add_parser(
        "project", help="keep the read models up to date, until SIGINT or SIGTERM"
    )
    project.add_argument("--batch-size", type=int, default=500, help="events per transaction")
    project.add_argument(
        "--status", action="store_true", help="say which projector is active (exit 1: none)"
    )
    project.set_defaults(run=run_project)
    rebuild = commands.add_parser("rebuild", help="rebuild every read model from the first event")
    rebuild.add_argument("--batch-size", type=int, default=500, help="events per transaction")
    rebuild.set_defaults(run=run_rebuild)


add_command = add_commands  # the name the module loop of ``ocop.cli`` calls


def run_project(args: argparse.Namespace) -> int:
    """Runs the projector in the foreground until SIGINT or SIGTERM (or, with ``--status``,
    says which projector is active)."""
    from ocop.projector_watch import ProjectorWatch  # loads the metrics library: see below

    settings = Settings()
    if args.status:
        return say_active(settings)
    logger = configure_logging(settings.log_level).bind(part="projector")
    registry = build_registry(settings)
    connections = open_connections(settings.store)
    if refused_start(self_check(settings, registry, connections), logger, "ocop project"):
        connections.close()
        registry.close()
        return 3
    try:
        stop_metrics = metrics_served(settings, connections)
    except OSError as error:  # the port is taken, or the address is not this host's
        print(f"ocop project: cannot serve metrics: {error}", file=sys.stderr)
        connections.close()
        registry.close()
        return 2
    log = log_keeping(settings, connections, logger)
    projector = Projector(
        registry, connections, batch_size=args.batch_size, logger=logger,
        on_advance=log.after(lambda position: None), lease=lease_of(connections),
        standby_interval=settings.projector_standby_seconds, watch=ProjectorWatch(logger),
        gather=paced(settings),
    )  # fmt: skip
    if second_projector_refused(projector, settings, "ocop project"):
        log.stop()
        connections.close()
        registry.close()
        return ANOTHER_PROJECTOR
    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    projector.start()
    try:
        stopping.wait()
    finally:
        projector.stop()
        stop_metrics()
        log.stop()
        connections.close()
        registry.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def paced(settings: Settings) -> float:
    """The pace of a projector in a process of its own: the setting's on PostgreSQL, where
    waiting reads in the API processes hurry it (``projections.hurrying``); none on SQLite,
    where nothing could."""
    return settings.projector_gather_seconds if settings.store.kind == "postgresql" else 0.0


def second_projector_refused(projector: Projector, settings: Settings, command: str) -> bool:
    """On SQLite, where one projector runs at a time, takes the lease now or says on stderr
    who holds it (True: refused). On PostgreSQL a second projector stands by instead."""
    lease = projector.turn.lease
    if lease is None or lease.standby or lease.take():
        return False
    holder = projector.connections.ask(active_projector)
    who = f" ({holder.holder}, since {holder.since:%Y-%m-%d %H:%M:%S} UTC)" if holder else ""
    print(
        f"{command}: a projector already keeps the read models of "
        f"{settings.store.described()}{who}; on SQLite one runs at a time "
        "(ocop serve projects in-process unless --no-projector).",
        file=sys.stderr,
    )
    return True


def say_active(settings: Settings) -> int:
    """Prints the active projector (``host:pid``, since when); 1 if none is."""
    connections = open_connections(settings.store)
    try:
        holder = connections.ask(active_projector)
    finally:
        connections.close()
    if holder is None:
        print(f"No projector is active on {settings.store.described()}.")
        return 1
    print(f"{holder.holder} active since {holder.since:%Y-%m-%d %H:%M:%S} UTC")
    return 0


def metrics_served(settings: Settings, connections: Connections) -> Callable[[], None]:
    """Serves this process's metrics where the settings say, if they do; answers how to
    stop serving them. The metrics library loads only when a command runs, never with the
    command line (``ocop/metrics_folder.py`` says why)."""
    from ocop.metrics import serve_metrics

    port = settings.projector_metrics_port
    if port is None:
        return lambda: None

    def progress() -> Progress:
        return connections.ask(read_progress)

    return serve_metrics(settings.projector_metrics_host, port, progress)


def run_rebuild(args: argparse.Namespace) -> int:
    """Drops and refills every read model, with a progress bar; prints events per second."""
    settings = Settings()
    configure_logging(settings.log_level)
    registry = build_registry(settings)
    connections = open_connections(settings.store)
    projector = Projector(registry, connections, batch_size=args.batch_size)
    try:
        report = projector.rebuild(progress=True)
    finally:
        projector.stop()
        connections.close()
        registry.close()
    print(
        f"Rebuilt the read models from {report.events} events in {report.seconds:.2f} s "
        f"({report.events_per_second:,.0f} events/s)."
    )
    return 0
