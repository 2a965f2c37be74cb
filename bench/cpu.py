"""CPU time spent by a process and by the PostgreSQL backends of one database, from /proc.

Shows where a load's cost goes: per request, how many CPU milliseconds the API process (and
each of its threads, by its part) and the database's backends spent. Other databases'
backends (other users of the server) are left out; backends that end during a run take
their time with them (pools keep theirs), so a rebuild, whose parts' backends end with
them, is counted by the whole server instead (``server_seconds``).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


# Threads of the API process by their part in serving (their names' beginnings).
ROLES = (("MainThread", "event_loop"), ("ocop-intake", "intake"), ("ocop-projector", "projector"))


def process_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far (0 if it is gone)."""
    return _stat_seconds(Path(f"/proc/{pid}/stat"))


def _stat_seconds(stat: Path, *, children: bool = False) -> float:
    """utime + stime from a ``stat`` file (with ``children``, its reaped children's too)."""
    try:
        fields = stat.read_text().rpartition(")")[2].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return sum(int(value) for value in fields[11 : 15 if children else 13]) / TICK


def thread_seconds() -> dict[str, float]:
    """CPU seconds so far of this process's threads by their part (``ROLES``), the rest
    (threads that ended included) as ``other``."""
    seconds = dict.fromkeys([role for _, role in ROLES], 0.0)
    for thread in threading.enumerate():
        role = next((role for start, role in ROLES if thread.name.startswith(start)), None)
        if role and thread.native_id:
            seconds[role] += _stat_seconds(Path(f"/proc/self/task/{thread.native_id}/stat"))
    return {**seconds, "other": process_seconds(os.getpid()) - sum(seconds.values())}


def server_seconds() -> float:
    """CPU seconds so far of every PostgreSQL process on this machine, the ended ones too
    (the postmaster holds its reaped children's time)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == "postgres":
                total += _stat_seconds(entry / "stat", children=True)
        except OSError:
            continue
    return total


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
