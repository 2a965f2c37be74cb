"""The compose file's topology as local processes: each service's own command from
``docker-compose.yml`` (interpolation defaults filled in), run against one PostgreSQL
database, with every API on a free loopback port and the key volume as a folder.

``Topology`` starts ``init`` to completion, then the APIs and the projectors; it can kill a
process with SIGKILL and start it again, as compose's ``restart`` policy would. Each
process's output goes to a file (a pipe nobody reads would stall a busy server)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import yaml

from tests.api.test_live_server import answers, free_port, wait_until
from tests.conftest import sessions_of

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
DEFAULTED = re.compile(r"\$\{[A-Z_]+:-([^}]*)\}")  # ${NAME:-default}
KEY_VOLUME = "/app/keys"
SMALL_POOLS = "pool_size=2&max_overflow=4"
OUTPUTS: dict[subprocess.Popen[bytes], IO[bytes]] = {}  # what ``start`` started, printing where


def compose() -> dict[str, Any]:
    """The parsed compose file (anchors and merge keys resolved)."""
    parsed: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return parsed


def command_of(service: Mapping[str, Any]) -> list[str]:
    """A service's command with each ``${NAME:-default}`` read as its default."""
    return [DEFAULTED.sub(r"\1", part) for part in service["command"]]


def services_running(name: str) -> list[str]:
    """The compose services whose command is ``ocop <name> ...``, in the file's order."""
    return [
        service
        for service, spec in compose()["services"].items()
        if spec.get("command", [])[:2] == ["ocop", name]
    ]


class Topology:
    """The compose services as processes on this machine, against ``database_url``."""

    def __init__(self, database_url: str, folder: Path, **settings: str) -> None:
        self.folder, self.services = folder, compose()["services"]
        (folder / "keys").mkdir(mode=0o700, exist_ok=True)
        # Small pools (the event store opens all of its pool at start), so that the
        # topology's processes fit in a shared server's connections beside other tests.
        small = f"{database_url}{'&' if '?' in database_url else '?'}{SMALL_POOLS}"
        self.env = {**os.environ, "OCOP_DATABASE_URL": small, **settings}
        self.ports = {name: free_port() for name in services_running("serve")}
        self.running: dict[str, subprocess.Popen[bytes]] = {}
        self.starts: Counter[str] = Counter()  # how often each service was started

    def environment(self, service: str) -> dict[str, str]:
        """The service's environment, its key volume mapped onto the topology's folder."""
        own = {
            name: str(value).replace(KEY_VOLUME, str(self.folder / "keys"))
            for name, value in self.services[service].get("environment", {}).items()
        }
        return {**self.env, **own}

    def command(self, service: str) -> list[str]:
        """The service's command, run by this interpreter's ``ocop``, APIs on their port."""
        ocop = str(Path(sys.executable).with_name("ocop"))
        command = [ocop, *command_of(self.services[service])[1:]]
        if service in self.ports:
            command += ["--host", "127.0.0.1", "--port", str(self.ports[service])]
        return command

    def init(self) -> str:
        """Runs the one-shot ``init`` to completion; its output."""
        done = subprocess.run(
            self.command("init"), env=self.environment("init"), capture_output=True, timeout=120
        )
        assert done.returncode == 0, done.stderr.decode()
        return done.stdout.decode()

    def start(self, service: str) -> None:
        """Starts one long-running service (again, after a kill)."""
        self.starts[service] += 1
        with (self.folder / f"{service}.log").open("ab") as output:
            self.running[service] = subprocess.Popen(
                self.command(service),
                env=self.environment(service),
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        if service in self.ports:
            wait_until(lambda: answers(f"{self.url(service)}/healthz"), timeout=60)

    def url(self, service: str) -> str:
        """Where an API service listens."""
        return f"http://127.0.0.1:{self.ports[service]}"

    def kill(self, service: str) -> None:
        """``kill -9`` of one service's process, waiting for it to be gone."""
        process = self.running.pop(service)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    def log(self, service: str) -> str:
        """What a service has written so far."""
        return (self.folder / f"{service}.log").read_text(errors="replace")

    def stop(self, *services: str) -> None:
        """Stops these running services, or all (SIGTERM, then SIGKILL after 30 s)."""
        names = [name for name in services or list(self.running) if name in self.running]
        processes = [self.running.pop(name) for name in names]
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)


@contextmanager
def running(database_url: str, folder: Path, **settings: str) -> Iterator[Topology]:
    """The whole topology: ``init`` run, every API and projector started; stopped at exit."""
    topology = Topology(database_url, folder, **settings)
    topology.init()
    try:
        for service in (*services_running("serve"), *services_running("project")):
            topology.start(service)
        yield topology
    finally:
        topology.stop()


# Single commands as processes, outside the compose topology.


def start(*args: str, url: str) -> subprocess.Popen[bytes]:
    """One ``ocop`` command as a process of its own on the store at ``url``, its output going
    to a file (see ``output_of``): a pipe read only at the end fills with its request log
    and stalls the process mid-test."""
    ocop = Path(sys.executable).with_name("ocop")
    env = {**os.environ, "OCOP_DATABASE_URL": url}
    output = tempfile.TemporaryFile()  # noqa: SIM115 (closed by ``stop``)
    process = subprocess.Popen([str(ocop), *args], env=env, stdout=output, stderr=output)
    OUTPUTS[process] = output
    return process


def output_of(process: subprocess.Popen[bytes]) -> str:
    """What a process started by ``start`` has printed so far."""
    output = OUTPUTS[process]
    output.seek(0)
    return output.read().decode(errors="replace")


def stop(*processes: subprocess.Popen[bytes]) -> None:
    """Stops processes started by ``start`` (SIGTERM, then waits for each)."""
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=30)
        OUTPUTS.pop(process).close()


def projectors(database_url: str) -> int:
    """How many projector connections the database sees."""
    return sessions_of(database_url, "ocop-projector")
