"""Read models left by an older version of the register (a table of another shape) are
rebuilt when the projector starts, instead of wedging it on a missing column."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from projections import Projector, ReadSide, questions
from projections.models import READ_MODELS_SHAPE
from projections.shape import is_current
from registry.service import Registry
from storage.sql import Database
from tests.conftest import TODAY, connections_to
from tests.projections import programme as story
from tests.projections.oracle import assert_read_models_match_the_events


class Told:
    """A logger that keeps what it was told."""

    def __init__(self) -> None:
        self.events: list[str] = []

    def __getattr__(self, level: str) -> Any:
        return lambda event, **fields: self.events.append(event)


@contextmanager
def connected(store_url: str) -> Iterator[Database]:
    """A connection of its own to the store's read models."""
    db = connections_to(store_url).connect("test")
    try:
        yield db
    finally:
        db.close()


def projected(registry: Registry, store_url: str) -> list[str]:
    """Runs a projector until it has caught up; what it logged."""
    told = Told()
    projector = Projector(registry, connections_to(store_url), logger=told)
    try:
        projector.catch_up()
    finally:
        projector.stop()
    return told.events


def as_an_older_version_left_them(store_url: str) -> None:
    """The status table without a column this version has, and no shape recorded."""
    with connected(store_url) as db, db.transaction():
        db.run("DELETE FROM projection_shape")
        db.run("ALTER TABLE product_status DROP COLUMN removal_reason_code")


def test_read_models_of_an_older_shape_are_rebuilt_before_the_projector_carries_on(
    registry: Registry, store_url: str, read_side: ReadSide
) -> None:
    story.register(registry, "QN-0701", "Mắm tôm", date(2024, 1, 5))
    projected(registry, store_url)
    as_an_older_version_left_them(store_url)
    story.remove(registry, "QN-0701", date(2024, 6, 1))

    assert "projector.reshaping" in projected(registry, store_url)
    assert read_side.position() == read_side.head()
    assert read_side.ask(questions.public_product("QN-0701", on=TODAY))["status"] == "removed"
    assert_read_models_match_the_events(registry, read_side, TODAY)
    with connected(store_url) as db:
        assert is_current(db, READ_MODELS_SHAPE)


def test_a_new_store_takes_the_current_shape_without_a_rebuild(
    registry: Registry, store_url: str, read_side: ReadSide
) -> None:
    story.register(registry, "QN-0702", "Chè", date(2024, 1, 5))
    assert "projector.reshaping" not in projected(registry, store_url)
    assert read_side.ask(questions.public_product("QN-0702", on=TODAY)) is not None
