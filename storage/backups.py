"""Backups of the register's database, and their restores, by the database's own means.

SQLite: the online backup API copies the file page by page in one step, so the copy is the
database as one read transaction saw it, while the service goes on writing. PostgreSQL:
``pg_dump -Fc`` (one snapshot) of the database, or of the URL's schema, and ``pg_restore``
into a database (or schema) that holds nothing yet. The connection's settings go to the
PostgreSQL programs through their environment (``PGPASSWORD`` included), never their
arguments. Whether a restore holds what was backed up is proved elsewhere (``ocop restore``).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Literal

import psycopg
from psycopg.conninfo import make_conninfo

from storage.url import StoreUrl

Format = Literal["sqlite", "dump"]
SQLITE_MAGIC, DUMP_MAGIC = b"SQLite format 3\x00", b"PGDMP"
# Where Debian keeps the PostgreSQL programs when no wrapper on PATH names them.
POSTGRES_BIN = Path("/usr/lib/postgresql")


class BackupRefused(Exception):
    """The backup or the restore would overwrite something, or cannot be made; the message
    says why."""


def format_of(path: Path) -> Format:
    """Whether ``path`` is a SQLite file or a ``pg_dump`` custom-format archive."""
    try:
        with path.open("rb") as file:
            start = file.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupRefused(f"cannot read {path}: {error.strerror}") from None
    if start.startswith(SQLITE_MAGIC):
        return "sqlite"
    if start.startswith(DUMP_MAGIC):
        return "dump"
    raise BackupRefused(f"{path} is neither a SQLite file nor a pg_dump archive (-Fc)")


@contextmanager
def new_file(path: Path) -> Iterator[Path]:
    """``path`` created for the block, readable by its owner alone; refused if it exists,
    removed again if the block fails."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        raise BackupRefused(f"{path} exists: a backup never overwrites a file") from None
    except OSError as error:
        raise BackupRefused(f"cannot create {path}: {error.strerror}") from None
    try:
        yield path
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def copy_sqlite(source: str, destination: Path) -> None:
    """Copies the SQLite database at ``source`` into the new file ``destination`` with the
    online backup API, in one step: a consistent copy while others write."""
    if not Path(source).is_file():
        raise BackupRefused(f"no SQLite store at {source}")
    with (
        new_file(destination),
        closing(_open_existing(source)) as db,
        closing(sqlite3.connect(destination)) as copy,
    ):
        db.backup(copy)


def _open_existing(path: str) -> sqlite3.Connection:
    """A connection to the SQLite file at ``path``, which is never created here."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=rw", uri=True, timeout=30)


def restore_sqlite(backup: Path, store: StoreUrl) -> None:
    """Copies the SQLite ``backup`` to the store's file, which must not hold anything yet (an
    empty file is replaced)."""
    target = Path(store.path)
    if target.exists() and target.stat().st_size > 0:
        raise BackupRefused(f"{target} is not empty: a restore never overwrites a store")
    target.unlink(missing_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    copy_sqlite(str(backup), target)


def postgres_program(name: str) -> str:
    """The PostgreSQL program ``name`` on PATH, else the newest under Debian's directory."""
    found = shutil.which(name) or next(
        (str(p) for p in sorted(POSTGRES_BIN.glob(f"*/bin/{name}"), reverse=True)), None
    )
    if found is None:
        raise BackupRefused(f"{name} is not installed (PostgreSQL's client programs)")
    return found


def _environment(store: StoreUrl) -> dict[str, str]:
    return {
        **os.environ, "PGHOST": store.host, "PGPORT": str(store.port), "PGUSER": store.user,
        "PGPASSWORD": store.password, "PGDATABASE": store.dbname,
        "PGCONNECT_TIMEOUT": str(max(1, store.connect_timeout)), "PGAPPNAME": "ocop-backup",
    }  # fmt: skip


def _run(arguments: list[str], store: StoreUrl) -> str:
    done = subprocess.run(
        arguments, env=_environment(store), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupRefused(f"{Path(arguments[0]).name} failed: {done.stderr.strip()}")
    return done.stdout


def dump_postgres(store: StoreUrl, destination: Path) -> None:
    """``pg_dump -Fc`` of the store's schema (or database, if the URL names no schema) into
    the new file ``destination``."""
    schema = ["--schema", store.schema] if store.schema else []
    with new_file(destination):
        _run([postgres_program("pg_dump"), "-Fc", *schema, "-f", str(destination)], store)


def _creates_schema(words: list[str]) -> bool:
    """Whether a line of ``pg_restore --list`` is a schema's entry: ``6; 2615 52160 SCHEMA -
    NAME OWNER``."""
    return len(words) > 5 and words[3:5] == ["SCHEMA", "-"]


def restore_postgres(archive: Path, store: StoreUrl) -> None:
    """``pg_restore`` of ``archive`` into the store's schema, which must be the one dumped and
    hold nothing yet; one transaction, stopping at the first error."""
    listing = _run([postgres_program("pg_restore"), "--list", str(archive)], store)
    entries = [line.split() for line in listing.splitlines()]
    dumped = [words[5] for words in entries if _creates_schema(words)]
    tables = sorted({words[5] if words[4] == "DATA" else words[4]  # TABLE [DATA] SCHEMA NAME
                     for words in entries if words[3:4] == ["TABLE"]})  # fmt: skip
    if store.schema_or_public not in tables:
        raise BackupRefused(
            f"the dump holds tables in {', '.join(tables) or 'no schema'}; restore it to a URL "
            f"naming one (?schema=), not schema {store.schema_or_public}"
        )
    existing = _refuse_held(store, dumped)
    with tempfile.TemporaryDirectory(prefix="ocop-restore-") as scratch:
        keep = Path(scratch) / "entries"  # every entry but the schemas that exist already
        keep.write_text("".join(
            " ".join(words) + "\n" for words in entries
            if not (_creates_schema(words) and words[5] in existing)
        ))  # fmt: skip
        _run([postgres_program("pg_restore"), "--dbname", store.dbname, "--no-owner",
              "--no-privileges", "--exit-on-error", "--single-transaction",
              "--use-list", str(keep), str(archive)], store)  # fmt: skip


def _refuse_held(store: StoreUrl, schemas: list[str]) -> list[str]:
    """Which of the schemas exist already; refused if the target's holds any relation."""
    with psycopg.connect(make_conninfo("", **_libpq(store)), autocommit=True) as conn:
        held = conn.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s",
            (store.schema_or_public,),
        ).fetchone()
        exist = conn.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s)", (schemas,)
        ).fetchall()
    if held and held[0]:
        raise BackupRefused(
            f"{store.described()} is not empty: a restore goes into an empty database or schema"
        )
    return [row[0] for row in exist]


def _libpq(store: StoreUrl) -> dict[str, str | int]:
    return {"host": store.host, "port": store.port, "user": store.user,
            "password": store.password, "dbname": store.dbname,
            "connect_timeout": max(1, store.connect_timeout)}  # fmt: skip
