"""The read side and the projector on each backend's fresh store, beside the register."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from projections import Projector, ReadSide
from registry.service import Registry
from tests.conftest import connections_to


@pytest.fixture
def read_side(store_url: str) -> Iterator[ReadSide]:
    """The read side of the test's store."""
    side = ReadSide.open(connections_to(store_url))
    yield side
    side.close()


@pytest.fixture
def projector(registry: Registry, store_url: str) -> Iterator[Projector]:
    """A projector of the test's store, not yet started."""
    runner = Projector(registry, connections_to(store_url), poll_interval=0.05, max_backoff=0.5)
    yield runner
    runner.stop()


@pytest.fixture
def projecting(projector: Projector) -> Projector:
    """The projector running in the background, as in the API process."""
    projector.start()
    return projector
