"""Events stored in an older shape still load: reinstatements, revocations and removals from
before they had a public reason, evaluations from before they carried one Evaluation (v1) and
from before decimal points, bonus kinds and mandatory criteria per star level (v2), and
registrations from before GTINs.

The events are written to the store exactly as the older register wrote them, on each
backend, then read back through the register.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from eventsourcing.persistence import StoredEvent

from lifecycle import publication
from lifecycle.describe import describe_event
from lifecycle.events import Evaluated, Registered, Reinstated, Removed, Revoked
from lifecycle.scoring import KIND_NOT_RECORDED
from lifecycle.values import Evaluation, Status
from registry.service import Registry
from seed import builders as make
from seed.builders import office, registration
from tests.contract.stories import (
    CODE,
    LIFE,
    TO_THE_PROVINCE,
    assert_identical,
    domain_state,
    live,
)

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


def whole(tagged: dict[str, str]) -> int:
    """A decimal as the library tags it, as the whole number older registers wrote."""
    assert tagged["_type_"] == "decimal_str"
    return int(Decimal(tagged["_data_"]))


def as_the_second_register_wrote_it(stored: StoredEvent) -> StoredEvent:
    """An Evaluated event of version 2: one Evaluation value with whole points, one bonus
    figure and one yes/no for the mandatory criteria."""
    state = json.loads(stored.state)
    assert state.pop("class_version") == 3
    evaluation = state["evaluation"]
    assert evaluation["_type_"] == "evaluation_v3"
    facts = evaluation["_data_"]
    assert facts.pop("mandatory_met_for")["_data_"] in ([3, 4, 5], [])
    facts["band"] = facts.pop("points_band")  # version 2's band was the points' alone
    assert facts.pop("council_members") == 1 and facts.pop("one_member_import") is True
    assert facts.pop("sheets") == {"_type_": "tuple", "_data_": []}
    facts["points"] = {part: whole(value) for part, value in facts["points"].items()}
    facts["bonus"] = sum(whole(value) for value in facts["bonus"].values())
    facts["total"] = whole(facts["total"])
    state["class_version"] = 2
    state["evaluation"] = {"_type_": "value_Evaluation", "_data_": facts}
    return dataclasses.replace(stored, state=json.dumps(state).encode())


def as_the_first_register_wrote_it(stored: StoredEvent) -> StoredEvent:
    """An Evaluated event of version 1: the evaluation's facts one by one, no evaluated_on."""
    state = json.loads(as_the_second_register_wrote_it(stored).state)
    assert state.pop("class_version") == 2
    evaluation = state.pop("evaluation")
    assert evaluation["_type_"] == "value_Evaluation"
    facts = evaluation["_data_"]
    assert facts.pop("evaluated_on") == state["effective_on"]
    state.update(facts)
    return dataclasses.replace(stored, state=json.dumps(state).encode())


def as_older_registers_read_it(evaluation: Evaluation) -> Evaluation:
    """What an older record keeps of an evaluation: its bonus points, of no stated kind."""
    bonus = sum(evaluation.bonus.values(), Decimal(0))
    return dataclasses.replace(evaluation, bonus={KIND_NOT_RECORDED: bonus} if bonus else {})


@pytest.mark.parametrize(
    "older", [as_the_first_register_wrote_it, as_the_second_register_wrote_it], ids=["v1", "v2"]
)
def test_evaluations_stored_in_older_shapes_load_in_todays(
    registry: Registry, older: Callable[[StoredEvent], StoredEvent]
) -> None:
    product = live(LIFE)
    events = product.collect_events()
    stored = [registry.mapper.to_stored_event(event) for event in events]
    old = [older(s) if s.topic.endswith(":Evaluated") else s for s in stored]
    # The district's, the province's, the commune's, the province's again and the centre's.
    assert sum(s is not o for s, o in zip(stored, old, strict=True)) == 5
    registry.recorder.insert_events(old)

    loaded = registry.events_of(CODE)
    evaluations = [event for event in loaded if isinstance(event, Evaluated)]
    written = [event for event in events if isinstance(event, Evaluated)]
    assert [e.evaluation.bonus for e in evaluations] == [{}, {"not-recorded": 3}, {}, {}, {}]
    for event, kept in zip(evaluations, written, strict=True):
        assert_identical(
            event.evaluation, as_older_registers_read_it(kept.evaluation), "evaluation"
        )
        assert describe_event(event)["facts"]["total"] == describe_event(kept)["facts"]["total"]
    assert domain_state(registry.product(CODE)) == domain_state(product)


def test_an_older_evaluation_failing_the_mandatory_criteria_reads_as_no_level_met(
    registry: Registry,
) -> None:
    failing = dataclasses.replace(make.evaluation(date(2023, 3, 10), 80), mandatory_met=False)
    story = [*LIFE[:1], *TO_THE_PROVINCE, (make.council(), failing)]
    *before, last = [registry.mapper.to_stored_event(e) for e in live(story).collect_events()]
    registry.recorder.insert_events([*before, as_the_second_register_wrote_it(last)])

    evaluation = registry.product(CODE).evaluation
    assert evaluation is not None
    assert (evaluation.mandatory_met, evaluation.mandatory_met_for) == (False, ())
    assert (evaluation.points_band, evaluation.band) == (4, 2)


def test_registrations_stored_before_gtins_name_none_and_later_ones_keep_theirs(
    registry: Registry,
) -> None:
    older = live([(office(), registration(date(2023, 3, 1), "QN-0001"))]).collect_events()
    object.__delattr__(older[0], "gtins")  # as the register wrote it before GTINs
    with_gtins = dataclasses.replace(
        registration(date(2023, 3, 1), "QN-0002"), gtins=("8936012345674", "96385074")
    )
    newer = live([(office(), with_gtins)]).collect_events()
    stored = [registry.mapper.to_stored_event(event) for event in (*older, *newer)]
    assert "gtins" not in json.loads(stored[0].state)
    registry.recorder.insert_events(stored)

    [first] = registry.events_of("QN-0001")
    [second] = registry.events_of("QN-0002")
    assert isinstance(first, Registered) and isinstance(second, Registered)
    assert_identical(first.gtins, ())
    assert_identical(second.gtins, ("8936012345674", "96385074"))
    assert registry.product("QN-0001").gtins == ()
    assert registry.product("QN-0002").gtins == ("8936012345674", "96385074")
