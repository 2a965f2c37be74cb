"""The fault test kills the active projector: the process whose session holds the failover's
advisory lock, found through the sockets it holds; without such a lock, the first one."""

from __future__ import annotations

import os
from types import SimpleNamespace
from typing import cast

import psycopg
import pytest

from tests.faults.sessions import active_projector
from tests.topology import Topology

pytestmark = pytest.mark.postgres


def topology_of(**pids: int) -> Topology:
    """A topology whose running services are these process ids (no process is started)."""
    running = {name: SimpleNamespace(pid=pid) for name, pid in pids.items()}
    return cast(Topology, SimpleNamespace(running=running))


def test_the_process_holding_the_advisory_lock_is_the_active_projector(postgres_url: str) -> None:
    topology = topology_of(**{"projector-1": os.getppid(), "projector-2": os.getpid()})
    projectors = ["projector-1", "projector-2"]
    assert active_projector(topology, postgres_url, projectors) == "projector-1"
    with psycopg.connect(postgres_url.partition("?")[0], autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(4242)")
        assert active_projector(topology, postgres_url, projectors) == "projector-2"
