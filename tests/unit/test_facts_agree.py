"""One fact, one name: what a client sends, the command it asks for and the event that records
it name each fact alike, so a body becomes its command by name and the command its event.

The register adds what it computes (the criteria set, totals and bands, certificate numbers
and validity); the test names those too, so a fact that goes missing on the way fails here.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from pydantic import BaseModel

from api.schemas.corrections import CorrectionBody, DeadlineExtensionBody, TransferBody
from api.schemas.handoffs import FiveStarProposalBody, ForwardingBody
from api.schemas.inspections import ReinstatementBody, SuspensionBody
from api.schemas.places import PlaceBody
from api.schemas.renewals import RenewalNoticeBody
from api.schemas.requests import (
    CertificateBody,
    CommandBody,
    EvaluationBody,
    LocationBody,
    OwnerBody,
    Registration,
    RemovalBody,
    RevocationBody,
)
from api.schemas.scores import ScoreSheetBody
from lifecycle import commands, correction_events as corrections, events, handoff_events
from lifecycle.describe import plain
from lifecycle.events import ProductEvent
from lifecycle.facts import carried_by, facts_for
from lifecycle.place_events import PlaceRenamed
from lifecycle.renewal_events import RenewalNoticeGiven
from lifecycle.values import Evaluation, Location, Owner, ScoreSheet
from seed import builders as make

# What a hand-off records of its step and of the evaluation it rests on.
HANDED_OFF = {"from_level", "to_level", "criteria_set", "total", "band", "minutes_ref"}
HANDED_OFF |= {"evaluated_on"}
# Each body, the command it asks for, the event recording it, and what the register adds.
CHAIN: list[tuple[type[CommandBody], type[commands.Command], type[ProductEvent], set[str]]] = [
    (Registration, commands.RegisterProduct, events.Registered, {"criteria_set"}),
    (EvaluationBody, commands.RecordEvaluation, events.Evaluated, set()),
    (
        CertificateBody,
        commands.IssueCertificate,
        events.Starred,
        {"issuing_level", "criteria_set", "certificate_number", "valid_from", "valid_until"},
    ),
    (SuspensionBody, commands.SuspendCertificate, events.Suspended, set()),
    (ReinstatementBody, commands.ReinstateCertificate, events.Reinstated, set()),
    (RevocationBody, commands.RevokeCertificate, events.Revoked, set()),
    (RemovalBody, commands.RemoveProduct, events.Removed, set()),
    (CorrectionBody, commands.CorrectRegistration, corrections.RegistrationCorrected, {"previous"}),
    (
        TransferBody,
        commands.TransferOwnership,
        corrections.OwnershipTransferred,
        {"previous_owner"},
    ),
    (
        DeadlineExtensionBody,
        commands.ExtendCorrectiveDeadline,
        corrections.CorrectiveDeadlineExtended,
        {"previous_deadline"},
    ),
    (
        RenewalNoticeBody,
        commands.GiveRenewalNotice,
        RenewalNoticeGiven,
        {"certificate_number", "valid_until", "notice_by"},
    ),
    (PlaceBody, commands.RenamePlace, PlaceRenamed, set()),
    (ForwardingBody, commands.ForwardProduct, handoff_events.Forwarded, HANDED_OFF),
    (
        FiveStarProposalBody,
        commands.ProposePotentialFiveStar,
        handoff_events.ProposedAsPotentialFiveStar,
        HANDED_OFF,
    ),
]
# The evaluation a council's scores become: its own facts, and what the register computed.
EVALUATION_COMPUTED = {
    "council_level",
    "criteria_set",
    "total",
    "points_band",
    "band",
    "evaluated_on",
    "one_member_import",
}
ENVELOPE = {"effective_on", "note"}


def body_names(body: type[BaseModel]) -> set[str]:
    return set(body.model_fields)


def names(value_type: type[Any]) -> set[str]:
    return {f.name for f in dataclasses.fields(value_type)}


def mismatch(left: set[str], right: set[str]) -> set[str]:
    """The names one side has and the other lacks."""
    return left ^ right


def test_the_comparison_catches_a_fact_named_on_one_side_only() -> None:
    assert mismatch(body_names(RevocationBody), names(commands.SuspendCertificate)) != set()
    assert mismatch({"decision_ref"}, {"decision_ref"}) == set()


@pytest.mark.parametrize(("body", "command", "event", "computed"), CHAIN)
def test_a_body_names_exactly_its_commands_facts(
    body: type[CommandBody], command: type[commands.Command], event: Any, computed: set[str]
) -> None:
    assert body.command is command
    assert mismatch(body_names(body), names(command)) == set()


@pytest.mark.parametrize(("body", "command", "event", "computed"), CHAIN)
def test_an_event_carries_its_commands_facts_and_what_the_register_computed(
    body: type[CommandBody],
    command: type[commands.Command],
    event: type[ProductEvent],
    computed: set[str],
) -> None:
    if event is events.Evaluated:
        grouping = {"group", "subgroup"}  # the product's, carried beside its evaluation
        assert carried_by(event) == ENVELOPE | {"actor", "evaluation"} | grouping
        scored = names(command) - ENVELOPE - grouping
        assert mismatch(names(Evaluation), scored | EVALUATION_COMPUTED) == set()
    else:
        assert mismatch(set(carried_by(event)), names(command) | {"actor"} | computed) == set()


@pytest.mark.parametrize(
    ("body", "value"),
    [
        (OwnerBody, Owner),
        (LocationBody, Location),
        (ScoreSheetBody, ScoreSheet),
    ],
)
def test_a_nested_body_names_exactly_its_values_facts(body: Any, value: type[Any]) -> None:
    assert body.value is value
    assert mismatch(body_names(body), names(value)) == set()


@pytest.mark.parametrize(("body", "command", "event", "computed"), CHAIN)
def test_each_documented_example_becomes_its_command_fact_by_fact(
    body: type[CommandBody], command: Any, event: Any, computed: set[str]
) -> None:
    example = body.model_config["json_schema_extra"]["examples"][0]  # type: ignore[index]
    made = body.model_validate(example).to_command()
    assert type(made) is command
    for name, sent in body.model_validate(example).model_dump(mode="json").items():
        assert plain(getattr(made, name)) == sent, name


def test_an_event_is_refused_a_fact_it_has_no_place_for() -> None:
    suspension = make.suspension(date(2024, 1, 10))
    with pytest.raises(TypeError, match="Revoked carries"):
        facts_for(events.Revoked, suspension, make.inspector())
    with pytest.raises(TypeError, match="Starred carries"):
        facts_for(events.Starred, make.revocation(date(2024, 1, 10)), make.inspector())
    assert (
        facts_for(events.Suspended, suspension, make.inspector())["findings"] == suspension.findings
    )
