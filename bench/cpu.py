"""CPU time spent by a process and by the PostgreSQL backends of one database, from /proc.

Shows where a load's cost goes: per request, how many CPU milliseconds the API process and
the database's backends spent. Other databases' backends (other users of the server) are
left out; backends that end during a run take their time with them (pools keep theirs).
"""

from __future__ import annotations

import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def process_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def backend_seconds(database: str) -> float:
    """CPU seconds of every live PostgreSQL backend connected to ``database``."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if title.startswith("postgres:") and f" {database} " in title:
            total += process_seconds(int(entry.name))
    return total


class Meter:
    """Reads the CPU seconds of a process and of a database's backends, together."""

    def __init__(self, pid: int, database: str) -> None:
        self.pid, self.database = pid, database

    def read(self) -> tuple[float, float]:
        return process_seconds(self.pid), backend_seconds(self.database)
