"""``ocop migrate``: a register moved from SQLite to PostgreSQL with its log intact, resumable
after an interruption, refusing a foreign target, and proved equal afterwards."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ocop.cli import main, migrate
from ocop.migration import Different, prove_equal, walk
from registry.answer_store import answering_environment
from registry.service import Order, Recorded, Registry
from seed import builders as make
from seed.demo import load_demo
from storage import event_log
from storage.connections import Connections
from storage.url import StoreUrl
from tests.conftest import connections_to, fixed_today


def demo_in(url: str) -> None:
    """Writes the demo register to the store at ``url``."""
    registry = Registry(answering_environment(StoreUrl.parse(url)), clock=fixed_today)
    try:
        assert load_demo(registry)
    finally:
        registry.close()


@pytest.fixture
def source(sqlite_url: str) -> str:
    """A SQLite store holding the demo register."""
    demo_in(sqlite_url)
    return sqlite_url


@pytest.fixture
def stores(source: str, postgres_url: str) -> Iterator[tuple[Connections, Connections]]:
    """Connections to the source and to the PostgreSQL target."""
    pair = connections_to(source), connections_to(postgres_url)
    yield pair
    for each in pair:
        each.close()


def log_of(connections: Connections) -> list[tuple[object, ...]]:
    """Every event's position, id, version, topic and state (which holds its time)."""
    with connections.borrowed() as db:
        return [
            (e.id, e.originator_id, e.originator_version, e.topic, e.state) for e in walk(db, 100)
        ]


def head_of(connections: Connections) -> int:
    """The log's head."""
    with connections.borrowed() as db:
        return event_log.head(db)


def test_migrate_copies_the_log_intact_and_proves_it(
    source: str, postgres_url: str, stores: tuple[Connections, Connections],
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    code = main(["migrate", "--from", source, "--to", postgres_url, "--batch-size", "10"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert log_of(stores[0]) == log_of(stores[1])
    assert head_of(stores[1]) > 10
    assert "every event and the history of" in out and "log root" in out
    assert f"copied {head_of(stores[0])} of {head_of(stores[0])}" in err


def test_the_target_appends_after_the_copied_positions(
    source: str, postgres_url: str, stores: tuple[Connections, Connections]
) -> None:
    assert main(["migrate", "--from", source, "--to", postgres_url]) == 0
    copied = head_of(stores[1])
    registry = Registry(answering_environment(StoreUrl.parse(postgres_url)), clock=fixed_today)
    try:
        order = Order(make.office(), make.registration(date(2020, 1, 2), "QN-9876"))
        recorded = registry.carry_out(order)
    finally:
        registry.close()
    assert isinstance(recorded, Recorded) and recorded.position == copied + 1


def test_an_interrupted_copy_resumes_to_completion(
    source: str, postgres_url: str, stores: tuple[Connections, Connections]
) -> None:
    args = argparse.Namespace(source=source, target=postgres_url, batch_size=10)
    assert migrate.run(args, stop_after=1) == 0
    assert log_of(stores[1]) == log_of(stores[0])[:10]
    assert migrate.run(args, stop_after=1) == 0
    assert log_of(stores[1]) == log_of(stores[0])[:20]
    assert migrate.run(args) == 0
    assert log_of(stores[1]) == log_of(stores[0])


def test_a_foreign_target_is_refused_and_nothing_written(
    source: str, postgres_url: str, stores: tuple[Connections, Connections],
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    demo_in(postgres_url)  # the same stories, recorded at other times: another register
    before = log_of(stores[1])
    code = main(["migrate", "--from", source, "--to", postgres_url])
    assert code == 2
    assert "refused" in (err := capsys.readouterr().err)
    assert "the target's event at position 1 is not the source's" in err
    assert log_of(stores[1]) == before


def test_a_target_ahead_of_the_source_is_refused(
    source: str, postgres_url: str, tmp_path: Path, stores: tuple[Connections, Connections],
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    assert main(["migrate", "--from", source, "--to", postgres_url]) == 0
    shorter = f"sqlite:///{tmp_path}/shorter.db"  # the first ten events only, on SQLite
    args = argparse.Namespace(source=postgres_url, target=shorter, batch_size=10)
    assert migrate.run(args, stop_after=1) == 0
    capsys.readouterr()
    before = log_of(stores[1])
    assert main(["migrate", "--from", shorter, "--to", postgres_url]) == 2
    assert f"runs to position {len(before)}, past the source's 10" in capsys.readouterr().err
    assert log_of(stores[1]) == before


def test_a_migrated_store_migrates_again_as_already_equal(
    source: str, postgres_url: str, stores: tuple[Connections, Connections]
) -> None:
    assert main(["migrate", "--from", source, "--to", postgres_url]) == 0
    assert main(["migrate", "--from", source, "--to", postgres_url]) == 0
    assert log_of(stores[1]) == log_of(stores[0])


def proof_after(source: str, target: str, tamper: str) -> str:
    """What ``prove_equal`` finds once ``tamper`` has run on the target's database."""
    pair = [Registry(answering_environment(StoreUrl.parse(url))) for url in (source, target)]
    connections = [connections_to(url) for url in (source, target)]
    dbs = [each.connect("test") for each in connections]
    try:
        dbs[1].run(tamper)
        with pytest.raises(Different) as found:
            prove_equal(pair[0], pair[1], dbs[0], dbs[1], 10)
        return str(found.value)
    finally:
        for each in (*dbs, *connections, *pair):
            each.close()


@pytest.mark.parametrize(
    ("tamper", "difference"),
    [
        ("UPDATE ocop_events SET state = state || '\\x20'::bytea WHERE notification_id = 7",
         "the events at position 7 differ"),
        ("DELETE FROM ocop_events WHERE notification_id = (SELECT max(notification_id) "
         "FROM ocop_events)", "the heads differ"),
        ("UPDATE log_tree SET frontier = '00' || substr(frontier, 3)", "the log's roots differ"),
    ],
)  # fmt: skip
def test_a_difference_is_named(
    source: str, postgres_url: str, tamper: str, difference: str
) -> None:
    assert main(["migrate", "--from", source, "--to", postgres_url]) == 0
    assert difference in proof_after(source, postgres_url, tamper)
