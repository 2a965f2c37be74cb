"""``ocop project`` keeps the read models up to date as a process of its own (for deployments
with several API processes), serving its metrics on ``OCOP_PROJECTOR_METRICS_PORT`` if set;
``ocop rebuild`` rebuilds every read model from the first event."""

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
from projections.progress import Progress, read_progress
from storage.connections import Connections, open_connections


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``ocop project`` and ``ocop rebuild``."""
    project = commands.add_parser(
        "project", help="keep the read models up to date, until SIGINT or SIGTERM"
    )
    project.add_argument("--batch-size", type=int, default=500, help="events per transaction")
    project.set_defaults(run=run_project)
    rebuild = commands.add_parser("rebuild", help="rebuild every read model from the first event")
    rebuild.add_argument("--batch-size", type=int, default=500, help="events per transaction")
    rebuild.set_defaults(run=run_rebuild)


add_command = add_commands  # the name the module loop of ``ocop.cli`` calls


def run_project(args: argparse.Namespace) -> int:
    """Runs the projector in the foreground until SIGINT or SIGTERM."""
    from ocop.projector_watch import ProjectorWatch  # loads the metrics library: see below

    settings = Settings()
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
        on_advance=log.after(lambda position: None), watch=ProjectorWatch(logger),
    )  # fmt: skip
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
