"""Which projector process is the active one: the process whose PostgreSQL session holds an
advisory lock (projector failover), found by the session's client port among the sockets
each process holds. Without such a lock every projector applies batches in turn (under the
tracking row's lock) and the first is taken."""

from __future__ import annotations

import os
from pathlib import Path

import psycopg

from tests.topology import Topology


def sockets_of(pid: int) -> set[str]:
    """The socket inodes a process holds open."""
    folder = Path(f"/proc/{pid}/fd")
    links = set()
    for entry in folder.iterdir():
        try:
            links.add(os.readlink(entry))
        except OSError:  # closed meanwhile
            continue
    return {link[len("socket:[") : -1] for link in links if link.startswith("socket:[")}


def inode_of_local_port(port: int) -> str | None:
    """The inode of the TCP socket bound to ``port`` on this machine, if any."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port:
                return fields[9]
    return None


def active_projector(topology: Topology, database_url: str, projectors: list[str]) -> str:
    """The projector holding the advisory lock, else the first of ``projectors``."""
    with psycopg.connect(database_url.partition("?")[0], autocommit=True) as admin:
        ports = admin.execute(
            "SELECT a.client_port FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database()"
        ).fetchall()
    inodes = {inode_of_local_port(port) for (port,) in ports if port is not None}
    for service in projectors:
        process = topology.running.get(service)
        if process is not None and sockets_of(process.pid) & inodes:
            return service
    return projectors[0]
