"""The API as the benchmarks serve it, in a process of its own.

``python -m bench.server URL PORT`` builds the production app from ``Settings`` (projector
in-process unless ``OCOP_RUN_PROJECTOR=false``, as for ``ocop serve``; request log on) and
adds bench-only routes: ``GET /bench/constant``, a constant JSON body shaped like a public
answer, through the same middleware and a sync handler like the public routes;
``GET /bench/intake``, how the intake has grouped the commands so far; and
``GET /bench/threads``, the CPU seconds of the process's threads by part. uvicorn serves it
with ``ocop serve``'s own options (``server_options``). ``python -m bench.server URL PORT N``
serves N such processes on the port as ``ocop serve --workers N`` does: uvicorn's
supervisor, each process building its own app (``worker_app``), the projector once, in it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

from bench.cpu import thread_seconds

ROOT = Path(__file__).resolve().parent.parent  # where ``python -m bench...`` finds the code

CONSTANT = {
    "code": "QN-000000", "name": "Sản phẩm thử nghiệm số 0", "group": "food", "subgroup": "",
    "owner_name": "HTX thử nghiệm 0", "owner_kind": "cooperative", "province": "Quảng Ninh",
    "district": "Uông Bí", "commune": "Xã 0", "status": "suspended", "stars": 4,
    "certificate_number": "QN-000000-C3", "valid_from": "2024-04-01",
    "valid_until": "2027-03-31",
    "reasons": [{"on": "2025-01-10", "kind": "suspended", "inspection_ref": "45/BB-KT",
                 "reason": "Chất lượng không đạt như cam kết",
                 "corrective_deadline": "2025-04-10"}],
}  # fmt: skip


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmHWM for process {pid}")


class Server:
    """Starts the API on a free loopback port; stops it on leaving the ``with`` block."""

    def __init__(
        self, url: str, log_path: Path, startup_seconds: float = 120, workers: int = 1,
        env: dict[str, str] | None = None,
    ) -> None:  # fmt: skip
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log = log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.server", url, str(self.port), str(workers)],
            stdout=subprocess.DEVNULL, stderr=self.log, cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        )  # fmt: skip
        try:
            self._wait_until_ready(startup_seconds)
        except BaseException:
            self.stop()
            raise

    def _wait_until_ready(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                raise RuntimeError(f"the API exited with {code}; see {self.log.name}")
            try:
                ready = httpx.get(f"{self.base_url}/readyz", timeout=2)
                if ready.status_code == 200 and ready.json()["lag"] == 0:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"the API was not ready within {seconds} s")

    def peak_rss_mb(self) -> float:
        return peak_rss_mb(self.process.pid)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
        self.log.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()


def unthrottled(url: str) -> Any:
    """The settings the bench serves with: all the load comes from one loopback address, so
    the per-address limit would measure itself."""
    from ocop.settings import Settings

    return Settings(database_url=url, anonymous_burst=10**9, anonymous_per_second=1e9)


def bench_app(url: str, *, run_projector: bool = True) -> Any:
    """The production app over ``url``, plus the bench-only routes (the projector in this
    process unless told not to, here or by ``OCOP_RUN_PROJECTOR``)."""
    from dataclasses import asdict

    from ocop.services import build_services
    from ocop.site import create_site

    settings = unthrottled(url)
    services = build_services(settings)
    app = create_site(services, run_projector=run_projector and settings.run_projector)

    @app.get("/bench/constant", include_in_schema=False)
    def constant() -> dict[str, Any]:
        return CONSTANT

    @app.get("/bench/intake", include_in_schema=False)
    def intake() -> dict[str, int]:
        return asdict(services.intake.groups)

    app.get("/bench/threads", include_in_schema=False)(thread_seconds)

    beside_the_lookups(app.router.routes)
    return app


def beside_the_lookups(routes: list[Any]) -> None:
    """Moves the constant route (added last, after every page and workspace route) to just
    before the public lookups' router, so that matching its path costs what matching theirs
    does: the baseline differs from a lookup by the lookup's own work only."""
    from api.routers import public

    constant = next(r for r in routes if getattr(r, "path", "") == "/bench/constant")
    routes.remove(constant)
    lookups = next(
        i for i, r in enumerate(routes) if getattr(r, "original_router", None) is public.router
    )
    routes.insert(lookups, constant)


def worker_app() -> Any:
    """One of several API processes (uvicorn's factory): projecting nothing."""
    from bench import log_switch

    log_switch.apply()
    return bench_app(os.environ["OCOP_BENCH_URL"], run_projector=False)


def main() -> None:
    import uvicorn

    from bench import log_switch
    from ocop.cli.serve import server_options
    from ocop.collection import settle

    log_switch.apply()
    url, port, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    options: dict[str, Any] = {  # as ``ocop serve`` serves, on loopback
        "host": "127.0.0.1", "port": port, "access_log": False,
        **server_options(unthrottled(url), workers),
    }  # fmt: skip
    if workers == 1:
        app = bench_app(url)
        settle()  # as ``ocop serve`` serves
        uvicorn.run(app, workers=1, **options)
        return
    from ocop.cli.workers import project_beside_workers
    from ocop.services import build_services

    services = build_services(unthrottled(url))
    project_beside_workers(services)  # the projector, once, here, as ``ocop serve`` runs it
    os.environ["OCOP_BENCH_URL"] = url
    try:
        uvicorn.run("bench.server:worker_app", factory=True, workers=workers, **options)
    finally:
        services.close()


if __name__ == "__main__":
    main()
