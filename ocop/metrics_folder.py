"""The folder where several processes count their metrics together (prometheus-client's
multiprocess mode), named by ``PROMETHEUS_MULTIPROC_DIR``.

The library chooses, once, when it is first imported in a process, whether that process
counts in memory or in the folder. So the folder is named before then: this module imports
only the standard library, and the command line loads ``ocop.metrics`` (and the library)
only when a command runs. ``ocop serve --workers N`` names the folder here, in the
supervising process, before building anything: its workers (and its projector) then count
in it, and a scrape that any worker answers adds every process's counts up.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

FOLDER = "PROMETHEUS_MULTIPROC_DIR"


@contextmanager
def across_processes(folder: Path | None) -> Iterator[Path]:
    """The folder the processes about to start count in: ``folder`` (``OCOP_METRICS_DIR``),
    emptied of an earlier run's files, or else a new temporary one, removed afterwards;
    named to this process and its children by ``PROMETHEUS_MULTIPROC_DIR`` meanwhile."""
    path = Path(tempfile.mkdtemp(prefix="ocop-metrics-")) if folder is None else folder
    path.mkdir(parents=True, exist_ok=True)
    for stale in path.glob("*.db"):
        stale.unlink()
    before = os.environ.get(FOLDER)
    os.environ[FOLDER] = str(path)
    try:
        yield path
    finally:
        if before is None:
            os.environ.pop(FOLDER, None)
        else:
            os.environ[FOLDER] = before
        if folder is None:
            with suppress(OSError):
                shutil.rmtree(path)
