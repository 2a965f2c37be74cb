"""The eventsourcing library's PostgreSQL store, lending its connections from a ``PromptPool``.

The library builds its own psycopg_pool pool from its settings and takes no other; so this
factory (named by ``storage.environment``) builds the library's datastore as the library
does, then gives it a ``PromptPool`` with the same settings in place of the one it built
(not yet opened). Each connection it makes also gives up connecting after the store's
``connect_timeout`` (the library sets none), so that a probe of a server that does not answer
at all cannot hold the pool's workers for minutes.
"""

from __future__ import annotations

from typing import Any

from eventsourcing.postgres import PostgresFactory
from eventsourcing.utils import Environment, EnvType
from psycopg import Connection
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
