"""The facts of renewal and of groups per set, on each backend: a notice round-trips, a
re-recognition reads as one from the dates stored, and an evaluation stored before groups
per set loads keeping the product's own group with its stored payload unchanged (so the
public log's commitment to it, ``transparency.entry.payload_hash``, stays the same)."""

from __future__ import annotations

import copy
import dataclasses
import json

from eventsourcing.persistence import StoredEvent

from lifecycle.describe import event_facts
from lifecycle.events import Evaluated
from lifecycle.renewal_events import RenewalNoticeGiven
from registry.service import Registry
from tests.contract.stories import CODE, LIFE, assert_identical, live, record
from transparency.entry import payload_hash


def test_the_notice_and_the_re_recognition_come_back_as_recorded(registry: Registry) -> None:
    record(registry, LIFE)
    kept = [e for e in live(LIFE).collect_events() if isinstance(e, RenewalNoticeGiven)]
    [notice] = [e for e in registry.events_of(CODE) if isinstance(e, RenewalNoticeGiven)]
    assert_identical(event_facts(notice), event_facts(kept[0]), "notice")
    assert (notice.certificate_number, notice.notice_by.isoformat()) == ("QN-0123-C2", "2028-08-15")
    product = registry.product(CODE)
    assert product.certificate is not None
    assert (product.certificate.number, product.certificate.renews) == ("QN-0123-C2", "QN-0123-C1")


def as_the_register_wrote_it_before_groups_per_set(stored: StoredEvent) -> StoredEvent:
    """An Evaluated event as written before an evaluation could name the product's group."""
    state = json.loads(stored.state)
    state.pop("group"), state.pop("subgroup")
    return dataclasses.replace(stored, state=json.dumps(state).encode())


def written_evaluations() -> list[Evaluated]:
    """The evaluations of the life story: every council's, hand-offs' included."""
    return [e for e in live(LIFE).collect_events() if isinstance(e, Evaluated)]


def test_an_evaluation_stored_before_groups_per_set_keeps_the_products_group(
    registry: Registry,
) -> None:
    events = live(LIFE).collect_events()
    stored = [registry.mapper.to_stored_event(event) for event in events]
    older = [
        as_the_register_wrote_it_before_groups_per_set(s) if s.topic.endswith(":Evaluated") else s
        for s in stored
    ]
    registry.recorder.insert_events(older)
    loaded = [e for e in registry.events_of(CODE) if isinstance(e, Evaluated)]
    assert [(e.group, e.subgroup) for e in loaded] == [("", "")] * len(written_evaluations())
    assert all("group" not in vars(e) and "subgroup" not in vars(e) for e in loaded)
    written = [e for e in events if isinstance(e, Evaluated)]
    # The hash the log committed to before evaluations named groups: no group in it.
    before = copy.copy(written[0])
    del before.__dict__["group"], before.__dict__["subgroup"]
    assert payload_hash(loaded[0]) == payload_hash(before) != payload_hash(written[0])
    product = registry.product(CODE)
    assert (product.group, product.subgroup) == ("medicinal-herbs", "essential-oils")
