"""Events stored before reinstatements, revocations and removals had a public reason still load.

The events are written to the store exactly as the older register wrote them (without the
``public_reason`` key), on each backend, then read back through the register.
"""

from __future__ import annotations

import json

from lifecycle import publication
from lifecycle.events import Reinstated, Removed, Revoked
from lifecycle.values import Status
from registry.service import Registry
from tests.contract.stories import CODE, LIFE, live

WITHOUT_PUBLIC_REASON = (Reinstated, Revoked, Removed)


def test_events_stored_without_a_public_reason_load_and_publish_the_neutral_text(
    registry: Registry,
) -> None:
    events = live(LIFE).collect_events()
    for event in events:
        if isinstance(event, WITHOUT_PUBLIC_REASON):
            object.__delattr__(event, "public_reason")  # as the older register wrote it
    stored = [registry.mapper.to_stored_event(event) for event in events]
    old_shape = [s for s in stored if s.topic.endswith(("Reinstated", "Revoked", "Removed"))]
    assert len(old_shape) == 3
    for stored_event in old_shape:
        assert "public_reason" not in json.loads(stored_event.state)
    registry.recorder.insert_events(stored)

    loaded = registry.events_of(CODE)
    old = [event for event in loaded if isinstance(event, WITHOUT_PUBLIC_REASON)]
    assert [type(event) for event in old] == [Reinstated, Revoked, Removed]
    assert [event.public_reason for event in old] == ["", "", ""]
    assert [publication.public_reason(event) for event in old] == [
        publication.REINSTATED,
        "A breach of the programme's regulations.",
        "Removed at the owner's request.",
    ]
    product = registry.product(CODE)
    assert product.version == len(LIFE) and product.status_on(registry.today()) is Status.REMOVED
