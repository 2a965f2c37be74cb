"""The verifier's replay of the entries' public facts is the public register: for random
programme histories, on every day worth asking, every column of every product of the open
data is what ``transparency.replay`` makes of the log's entries alone; and a register that
differs is named at the product's last position."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from api.exports import json_value
from projections import Projector, ReadSide, open_data
from registry.service import Registry
from storage.environment import store_environment
from storage.url import StoreUrl
from tests.conftest import connections_to, fixed_today
from tests.projections.histories import Step, carry_out, dates_of, histories
from tests.projections.test_open_data import days_worth_asking
from transparency import leaves
from transparency.refusals import LogMismatch
from transparency.replay import PublicReplay, compare


def published(read_side: ReadSide, day: date, upto: int) -> list[dict[str, Any]]:
    """The open data's rows on ``day`` as its JSON publishes them."""
    return [
        {name: json_value(value) for name, value in row.items()}
        for chunk in open_data.rows(read_side.ask, on=day, upto=upto)
        for row in chunk
    ]


def replayed(entries: list[bytes], day: date, upto: int) -> PublicReplay:
    replay = PublicReplay(day.isoformat(), upto)
    for entry in entries:
        replay.add(json.loads(entry))
    return replay


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(history=histories)
def test_the_replay_of_the_entries_is_the_open_data_on_any_day(
    tmp_path_factory: pytest.TempPathFactory, history: list[Step]
) -> None:
    url = f"sqlite:///{tmp_path_factory.mktemp('replay')}/ocop.db"
    registry = Registry(store_environment(StoreUrl.parse(url)), clock=fixed_today)
    connections = connections_to(url)
    projector = Projector(registry, connections, batch_size=4)
    read_side = ReadSide.open(connections)
    try:
        for step, day in zip(history, dates_of(history), strict=True):
            carry_out(registry, step, day)
        projector.catch_up()
        upto = read_side.position()
        entries = read_side.ask(lambda db: leaves.entries(db, 0, upto))
        for day in days_worth_asking(registry):
            rows = published(read_side, day, upto)
            replay = replayed(entries, day, upto)
            assert compare(replay, rows) == len(rows), day
            if rows:
                lie = [{**rows[-1], "status": "removed" if rows[-1]["status"] != "removed"
                        else "participating"}]  # fmt: skip
                with pytest.raises(LogMismatch) as caught:
                    compare(replay, rows[:-1] + lie)
                assert caught.value.position == replay.last_position[rows[-1]["code"]]
    finally:
        projector.stop()
        read_side.close()
        registry.close()
