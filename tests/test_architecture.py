"""The shape of the code: the lifecycle knows no web or database, and modules stay readable."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
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
MOST_LINES = 260


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


def is_forbidden(module: str) -> bool:
    return any(module == name or module.startswith(f"{name}.") for name in FORBIDDEN)


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


def test_no_module_of_the_register_runs_past_260_lines() -> None:
    lengths = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for folder in ("lifecycle", "projections", "api")
        for path in (ROOT / folder).rglob("*.py")
    }
    assert lengths, "no modules found"
    too_long = {name: lines for name, lines in sorted(lengths.items()) if lines > MOST_LINES}
    assert too_long == {}, f"modules over {MOST_LINES} lines: {too_long}"
