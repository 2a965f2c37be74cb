"""The shape of the code: the lifecycle knows no web or database, and modules stay readable."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROOMS = (
    "lifecycle", "registry", "storage", "projections", "api", "seed", "ocop", "pages",
    "transparency", "workspace",
)  # fmt: skip
LIFECYCLE = sorted((ROOT / "lifecycle").rglob("*.py"))
# Web, database and logging libraries the heart of the register must not know.
FORBIDDEN = {
    "fastapi",
    "starlette",
    "psycopg",
    "psycopg_pool",
    "sqlite3",
    "structlog",
    "uvicorn",
    "pydantic",
    "pydantic_settings",
    "eventsourcing.postgres",
    "eventsourcing.sqlite",
}
WEB = {"fastapi", "starlette", "uvicorn", "pydantic", "pydantic_settings"}
# What each room must not import, beyond its own lane (tests and bench may import anything).
LANES: dict[str, set[str]] = {
    "lifecycle": FORBIDDEN
    | {"eventsourcing.application", "threading", "logging", "registry", "projections"}
    | {"api", "ocop", "seed"},
    "registry": WEB | {"api", "ocop", "seed"},
    # The database, in programme-neutral words: the standard library, the drivers and the
    # library's persistence types; none of the register's rooms, not even its rules.
    "storage": WEB
    | {"structlog", "eventsourcing.application", "eventsourcing.domain"}
    | {"lifecycle", "registry", "projections", "api", "ocop", "seed"},
    "projections": {"api", "ocop", "seed"},
    "seed": {"api", "ocop", "fastapi", "starlette"},
    "api": {"seed", "ocop.cli", "ocop.bootstrap", "ocop.logs"},
    "ocop": set(),
    # The public pages read the read side only: no writes, no API, no other part of the root.
    "pages": {"api", "seed", "registry", "ocop.cli", "ocop.bootstrap", "ocop.services"}
    | {"ocop.site", "ocop.logs"},
    # The public log: its formats and the entries it makes of events; no web, no writes of
    # the register, and no read model's code (the projector is handed its read model).
    "transparency": WEB | {"api", "ocop", "seed", "registry", "projections", "pages"},
    # The staff workspace writes through the registry's intake, like the API, but knows
    # nothing of the API; it shares only the pages' way of rendering (below).
    "workspace": {"api", "seed", "ocop", "transparency"},
}
# Only the composition root and the command line wire the HTTP side; the API itself is handed
# its services and settings from there.
MAY_IMPORT_API = {"api", "ocop"}
# Only the composition root mounts the public pages; the staff workspace renders its own
# with the pages' languages, templates' environment and words, and nothing else of them.
MAY_IMPORT_PAGES = {"pages", "ocop"}
PAGES_SHARED = {"pages.language", "pages.rendering", "pages.words"}
MOST_LINES = 200
# Modules that are data tables, not code, and may run longer (none yet).
DATA_TABLES: frozenset[str] = frozenset()


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, by its full dotted name."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def is_in(module: str, names: set[str]) -> bool:
    """Whether ``module`` is one of ``names`` or inside one of them."""
    return any(module == name or module.startswith(f"{name}.") for name in names)


def is_forbidden(module: str) -> bool:
    return is_in(module, FORBIDDEN)


def room_modules() -> list[tuple[str, Path]]:
    return [(room, path) for room in ROOMS for path in sorted((ROOT / room).rglob("*.py"))]


def test_the_forbidden_list_catches_what_it_should() -> None:
    for module in ("psycopg", "psycopg.rows", "eventsourcing.sqlite", "pydantic.dataclasses"):
        assert is_forbidden(module)
    for module in ("eventsourcing.domain", "eventsourcing.persistence", "sqlite3x", "dateutil"):
        assert not is_forbidden(module)


def test_the_lifecycle_package_is_found() -> None:
    assert {path.name for path in LIFECYCLE} >= {"product.py", "rules.py", "criteria.py"}


@pytest.mark.parametrize("path", LIFECYCLE, ids=lambda path: path.name)
def test_the_lifecycle_imports_no_web_database_or_logging_code(path: Path) -> None:
    offending = sorted(module for module in imported_modules(path) if is_forbidden(module))
    assert offending == [], f"{path.relative_to(ROOT)} imports {offending}"


def test_the_lane_rules_catch_what_they_should() -> None:
    assert is_in("eventsourcing.application", LANES["lifecycle"])
    assert is_in("threading", LANES["lifecycle"])
    assert is_in("registry.service", LANES["lifecycle"])
    assert is_in("api.keys", LANES["seed"]) and is_in("fastapi.routing", LANES["seed"])
    assert is_in("pydantic", LANES["registry"]) and is_in("api.keys", LANES["registry"])
    assert is_in("lifecycle.values", LANES["storage"]) and is_in("projections", LANES["storage"])
    assert not is_in("eventsourcing.persistence", LANES["storage"])
    assert not is_in("psycopg_pool", LANES["storage"]) and not is_in("storage", LANES["registry"])
    assert not is_in("eventsourcing.persistence", LANES["registry"])
    assert not is_in("apis", LANES["projections"]) and not is_in("lifecycle", LANES["api"])
    assert is_in("api.deps", LANES["pages"]) and is_in("ocop.services", LANES["pages"])
    assert not is_in("projections.status", LANES["pages"])
    assert not is_in("ocop.settings", LANES["pages"])
    assert is_in("api.keys", LANES["workspace"]) and is_in("ocop.settings", LANES["workspace"])
    assert not is_in("registry.orders", LANES["workspace"])


@pytest.mark.parametrize(
    ("room", "path"), room_modules(), ids=lambda value: str(getattr(value, "name", value))
)
def test_each_room_imports_only_within_its_lane(room: str, path: Path) -> None:
    imported = imported_modules(path)
    offending = sorted(module for module in imported if is_in(module, LANES[room]))
    assert offending == [], f"{path.relative_to(ROOT)} imports {offending}"
    if room not in MAY_IMPORT_API:
        assert sorted(m for m in imported if is_in(m, {"api"})) == [], path.relative_to(ROOT)
    if room not in MAY_IMPORT_PAGES:
        shared = PAGES_SHARED if room == "workspace" else set()
        pages = sorted(m for m in imported if is_in(m, {"pages"}) and not is_in(m, shared))
        assert pages == [], path.relative_to(ROOT)


def test_every_room_is_a_package_the_project_installs() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for room in ROOMS:
        assert (ROOT / room / "__init__.py").is_file(), room
        assert f'"{room}*"' in pyproject and f'"{room}"' in pyproject, room


def test_the_sql_adapter_is_one_family_in_the_storage_room() -> None:
    """Only ``storage`` defines database adapters (the classes named ``...Database``)."""
    adapters = {
        f"{path.relative_to(ROOT)}:{node.name}"
        for _room, path in room_modules()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and node.name.endswith("Database")
    }
    assert adapters, "no adapter found"
    assert {name for name in adapters if not name.startswith("storage/")} == set(), adapters


def test_only_the_event_log_reader_names_the_librarys_events_table() -> None:
    """The read side reads the log through ``storage.event_log``, not by the library's names."""
    private_names = ("stored_events", "ocop_events", "notification_id", "rowid")
    naming = sorted(
        f"{path.relative_to(ROOT)}: {name}"
        for room in ("projections", "api", "ocop")
        for path in sorted((ROOT / room).rglob("*.py"))
        for name in private_names
        if name in path.read_text(encoding="utf-8")
    )
    assert naming == []
    assert all(name in (ROOT / "storage" / "event_log.py").read_text() for name in private_names)


def test_no_module_runs_past_200_lines_but_the_declared_data_tables() -> None:
    """Every module of every room, and of the benchmark, reads in one sitting; a module that
    is only a table of data may be longer if it is named in ``DATA_TABLES``."""
    modules = [path for _room, path in room_modules()] + sorted((ROOT / "bench").rglob("*.py"))
    lengths = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in modules
    }
    assert {name.split("/")[0] for name in lengths} == {*ROOMS, "bench"}
    too_long = {
        name: lines
        for name, lines in sorted(lengths.items())
        if lines > MOST_LINES and name not in DATA_TABLES
    }
    assert too_long == {}, f"modules over {MOST_LINES} lines: {too_long}"
    assert all(name in lengths for name in DATA_TABLES), "a declared data table is gone"


def test_the_projectors_commands_load_no_http_code(tmp_path: Path) -> None:
    """``ocop rebuild`` (and ``ocop project``, which builds the same) wires no web stack."""
    script = (
        "import sys\n"
        "from ocop.cli import main\n"
        "import ocop.cli.projection\n"
        "assert main(['rebuild', '--batch-size', '2']) == 0\n"
        "web = {'api', 'fastapi', 'starlette', 'uvicorn'}\n"
        "print('loaded:', sorted(m for m in sys.modules if m.split('.')[0] in web))\n"
    )
    env = {**os.environ, "OCOP_DATABASE_URL": f"sqlite:///{tmp_path / 'ocop.db'}"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "loaded: []"
