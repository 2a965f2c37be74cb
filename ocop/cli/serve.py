"""``ocop serve``: the HTTP API, with the projector running in-process unless told that
``ocop project`` keeps the read models in a process of its own (``--no-projector``), in one
process or, on PostgreSQL, in several on one port (``--workers N``, see ``workers``)."""

from __future__ import annotations

import argparse
import secrets
import sys
from typing import TYPE_CHECKING, Any

from ocop.cli.projection import ANOTHER_PROJECTOR, second_projector_refused
from ocop.cli.workers import serve_workers, why_not_several, worker_count
from ocop.log_keeping import demo_signing_key, refused_start, self_check
from ocop.metrics_folder import across_processes
from ocop.settings import Settings

if TYPE_CHECKING:
    from ocop.services import ServedRegister

DEMO_PREFIX = "demo-"
DEMO_STAFF = ("qn-", "central-", "auditor")  # the demo principals given a staff account


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds ``ocop serve [--demo] [--host H] [--port P] [--no-projector] [--workers N]``."""
    serve = commands.add_parser("serve", help="serve the HTTP API")
    serve.add_argument("--demo", action="store_true", help="load the demo register, print keys")
    serve.add_argument("--host", help="default: OCOP_HOST or 127.0.0.1")
    serve.add_argument("--port", type=int, help="default: OCOP_PORT or 8000")
    serve.add_argument(
        "--no-projector",
        action="store_true",
        help="leave projecting to 'ocop project' (default: OCOP_RUN_PROJECTOR or projecting here)",
    )
    serve.add_argument(
        "--workers",
        type=worker_count,
        help="API processes on the port, PostgreSQL only beyond 1 (default: OCOP_WORKERS or 1)",
    )
    serve.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Serves one process, or several counting their metrics in one folder (named before
    the metrics library loads: ``ocop.metrics_folder``)."""
    settings = Settings()
    workers = args.workers or settings.workers
    if refused := why_not_several(settings, workers):
        print(f"ocop serve: {refused}", file=sys.stderr)
        return 2
    if workers == 1:
        return serve(args, settings, workers)
    with across_processes(settings.metrics_dir):
        return serve(args, settings, workers)


def serve(args: argparse.Namespace, settings: Settings, workers: int) -> int:
    """Builds the services, loads the demo if asked, and serves until stopped."""
    import uvicorn  # the web stack loads only for this command

    from ocop.collection import settle
    from ocop.services import build_services
    from ocop.site import create_site
    from seed.demo import NotADemoRegister

    host, port = args.host or settings.host, args.port or settings.port
    if args.demo and settings.log_signing_key_file is None:
        settings.log_signing_key_file = demo_signing_key(settings)  # under var/, never the repo
    services = build_services(settings)
    try:
        check = self_check(settings, services.registry, services.database)
        if refused_start(check, services.log.logger, "ocop serve"):
            return 3
        here = projects_here(args, settings)
        if here and second_projector_refused(services.projector, settings, "ocop serve"):
            return ANOTHER_PROJECTOR
        if args.demo:
            try:
                introduce_demo(services, f"http://{host}:{port}")
            except NotADemoRegister as refusal:
                print(f"ocop serve --demo: {refusal}", file=sys.stderr)
                return 2
        if workers > 1:
            serve_workers(services, workers, host, port, projecting=here)
            return 0
        app = create_site(services, run_projector=here)
        settle()
        uvicorn.run(app, host=host, port=port, **server_options(settings))
    finally:
        services.close()
    return 0


def server_options(settings: Settings, processes: int = 1) -> dict[str, Any]:
    """How uvicorn serves the API in ``processes`` processes: no version banner, a header
    block capped as it is parsed (h11 caps it; httptools does not), and the event loop.

    One process runs on the standard library's loop, which takes new connections promptly
    while others keep it busy (uvloop left them waiting up to 0.3 to 0.7 s). Several keep
    uvloop: on the listening socket uvicorn's supervisor makes, the standard loop leaves
    Nagle's algorithm on for the connections it accepts, and every answer waited for a
    delayed acknowledgement (BENCHMARKS.md, 4 December 2026, late night)."""
    return {
        "log_level": "warning",
        "server_header": False,
        "http": "h11",
        "h11_max_incomplete_event_size": settings.max_header_bytes,
        "loop": "asyncio" if processes == 1 else "uvloop",
    }


def projects_here(args: argparse.Namespace, settings: Settings) -> bool:
    """Whether this process runs the projector: not with --no-projector or OCOP_RUN_PROJECTOR=0."""
    return settings.run_projector and not args.no_projector


def introduce_demo(services: ServedRegister, url: str) -> None:
    """Loads the demo register into a new store, revokes the demo keys of an earlier run and
    prints fresh ones, one per principal: the last lines before the server's own log."""
    from seed.demo import DEMO_PRINCIPALS, load_demo

    loaded = load_demo(services.registry)
    for record in services.keys.list():
        if record.actor.principal_id.startswith(DEMO_PREFIX) and not record.revoked_at:
            services.keys.revoke(record.key_id)
    print(f"\nOCOP register at {url}  (API docs: {url}/docs)")
    print(
        f"demo register {'loaded' if loaded else 'already present'} in "
        f"{services.settings.store.described()}"
    )
    print(f"Public pages: {url}/  (a label's QR code opens {url}/p/QN-UB-01)")
    print(f"Try: curl '{url}/v1/public/products?q=tinh+dau+trau'")
    print(f"The signed public log: {url}/log/checkpoint (verifier key: {url}/log/key)")
    introduce_demo_staff(services, url)
    print(
        "\nDemo keys, new on every start (the previous ones are revoked); "
        "send them as 'Authorization: Bearer <key>':"
    )
    for name, actor in DEMO_PRINCIPALS.items():
        key, _ = services.keys.create(
            actor.role, level=actor.level, province=actor.province, principal_id=DEMO_PREFIX + name
        )
        where = f"{actor.level.value if actor.level else ''} {actor.province or 'all provinces'}"
        print(f"  {name:<28} {where.strip():<28} {key}")
    print(flush=True)


def introduce_demo_staff(services: ServedRegister, url: str) -> None:
    """Gives the demo's Quảng Ninh, central and auditing principals a staff account each,
    with a new password on every start (the previous ones stop working), and prints them."""
    from seed.demo import DEMO_PRINCIPALS
    from workspace import open_desk

    accounts, sessions = open_desk(services.database)
    print(f"\nDemo staff accounts for {url}/staff/sign-in, new passwords on every start:")
    for name, actor in DEMO_PRINCIPALS.items():
        if not name.startswith(DEMO_STAFF):
            continue
        account, password = DEMO_PREFIX + name, secrets.token_urlsafe(12)
        if accounts.find(account) is None:
            accounts.create(account, actor.role, actor.level, actor.province, password)
        else:
            accounts.reset(account, password)
            sessions.end_all(account)
        print(f"  {account:<33} {password}")
