"""How events stored in an older shape read in today's: each function takes an event's
stored state, one class version old, and brings it one version on (``lifecycle/events.py``
names each as its class's ``upcast_vN_vM``)."""

from __future__ import annotations

from typing import Any

from lifecycle.scoring import evaluation_of_older_record

EVALUATION_FACTS_OF_V1 = (
    "council_level",
    "criteria_set",
    "points",
    "bonus",
    "mandatory_met",
    "total",
    "band",
    "minutes_ref",
)


def evaluation_as_one_value(state: dict[str, Any]) -> None:
    """Evaluated v1 carried the evaluation's facts one by one; v2 as one value."""
    facts = {name: state.pop(name) for name in EVALUATION_FACTS_OF_V1}
    state["evaluation"] = {**facts, "evaluated_on": state["effective_on"]}


def evaluation_in_todays_shape(state: dict[str, Any]) -> None:
    """Evaluated v2 had whole points, one bonus figure and one yes/no for the mandatory
    criteria; v3 reads it in today's shape."""
    state["evaluation"] = evaluation_of_older_record(state["evaluation"])
