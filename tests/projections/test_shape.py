"""Read models left by an older version of the register (a table of another shape) are
rebuilt when the projector starts, instead of wedging it on a missing column."""

from __future__ import annotations

from datetime import date
from typing import Any

from projections import Projector, ReadSide
from projections.connections import backend_for
from projections.models import READ_MODELS_SHAPE
from projections.shape import is_current
from registry.service import Registry
from tests.conftest import TODAY
from tests.projections import programme as story
from tests.projections.oracle import assert_read_models_match_the_events


class Told:
    """A logger that keeps what it was told."""

    def __init__(self) -> None:
        self.events: list[str] = []

    def __getattr__(self, level: str) -> Any:
        return lambda event, **fields: self.events.append(event)


def as_an_older_version_left_them(store_url: str) -> None:
    """The status table without a column this version has, and no shape recorded."""
    db = backend_for(store_url).connect("older-version")
    try:
        with db.transaction():
            db.run("DELETE FROM projection_shape")
            db.run("ALTER TABLE product_status DROP COLUMN removal_reason_code")
    finally:
        db.close()


def test_read_models_of_an_older_shape_are_rebuilt_before_the_projector_carries_on(
    registry: Registry, store_url: str, read_side: ReadSide
) -> None:
    story.register(registry, "QN-0701", "Mắm tôm", date(2024, 1, 5))
    Projector(registry, store_url).catch_up()
    as_an_older_version_left_them(store_url)
    story.remove(registry, "QN-0701", date(2024, 6, 1))

    told = Told()
    projector = Projector(registry, store_url, logger=told)
    try:
        projector.catch_up()
    finally:
        projector.stop()

    assert "projector.reshaping" in told.events
    assert read_side.position() == read_side.head()
    assert read_side.public_product("QN-0701", on=TODAY)["status"] == "removed"
    assert_read_models_match_the_events(registry, read_side, TODAY)
    db = backend_for(store_url).connect("check")
    try:
        assert is_current(db, READ_MODELS_SHAPE)
    finally:
        db.close()


def test_a_new_store_takes_the_current_shape_without_a_rebuild(
    registry: Registry, store_url: str, read_side: ReadSide
) -> None:
    story.register(registry, "QN-0702", "Chè", date(2024, 1, 5))
    told = Told()
    projector = Projector(registry, store_url, logger=told)
    try:
        projector.catch_up()
    finally:
        projector.stop()
    assert "projector.reshaping" not in told.events
    assert read_side.public_product("QN-0702", on=TODAY) is not None
