"""The eventsourcing library's PostgreSQL store, lending its connections from a ``PromptPool``.

The library builds its own psycopg_pool pool from its settings and takes no other; so this
factory (named by ``storage.environment``) builds the library's datastore as the library
does, then gives it a ``PromptPool`` with the same settings in place of the one it built
(not yet opened). Each connection it makes also gives up connecting after the store's
``connect_timeout`` (the library sets none), so that a probe of a server that does not answer
at all cannot hold the pool's workers for minutes.

``TablesMadeInTurn`` is the library's recorder making its tables one process at a time.
"""

from __future__ import annotations

import contextlib
from typing import Any

from eventsourcing.postgres import PostgresApplicationRecorder, PostgresFactory
from eventsourcing.utils import Environment, EnvType
from psycopg import Connection
from psycopg.errors import DuplicateObject
from psycopg.rows import DictRow

from storage.pool import PromptPool


class PromptPostgresFactory(PostgresFactory):
    """The library's PostgreSQL factory, its datastore lending from a ``PromptPool``."""

    def __init__(self, env: Environment | EnvType | None) -> None:
        super().__init__(env)
        datastore, built = self.datastore, self.datastore.pool
        assert isinstance(built.kwargs, dict)  # the library's is one
        kwargs: dict[str, Any] = {**built.kwargs}
        kwargs.setdefault("connect_timeout", max(1, round(built.timeout)))
        datastore.pool = PromptPool[Connection[DictRow]](
            connection_class=built.connection_class,
            kwargs=kwargs,
            min_size=built.min_size,
            max_size=built.max_size,
            open=False,
            configure=datastore.after_connect_func(),
            timeout=built.timeout,
            max_waiting=built.max_waiting,
            max_lifetime=built.max_lifetime,
            name="ocop-event-store",
            get_password_func=built.get_password_func,
        )


class TablesMadeInTurn(PostgresApplicationRecorder):
    """The library's recorder, making its tables, types and indexes in one transaction under
    a lock that every process of the register takes, so that processes starting at once on
    one store (an API, the projectors, ``ocop init`` again) do not fail on each other's
    half-made tables. The library's insert function is left out: this register never calls
    it (``POSTGRES_ENABLE_DB_FUNCTIONS`` stays off), and replacing a function while another
    process replaces it fails ("tuple concurrently updated")."""

    def create_table(self) -> None:
        """Makes the types, tables and indexes that are missing, in turn."""
        with self.datastore.transaction(commit=True) as curs:
            curs.execute("SELECT pg_advisory_xact_lock(hashtext('ocop-event-store'))")
            for statement in self.sql_create_statements:
                made = statement.as_string()
                if made.startswith("CREATE OR REPLACE FUNCTION"):
                    continue
                with contextlib.suppress(DuplicateObject), curs.connection.transaction():
                    curs.execute(statement, prepare=False)  # a type made before is kept
        self.datastore.register_type_adapters()
