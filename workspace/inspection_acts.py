"""The inspector's forms as data: for each, the change it makes, its title, its fields (in
the command's names), the command they make and what the worklist says once it is recorded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lifecycle import commands
from lifecycle.authority import Change
from pages.words import N_
from workspace.forms import Field

EFFECTIVE = Field("effective_on", N_("Effective date"), "date", N_("For example 2025-12-31"))
NOTE = Field("note", N_("Note for the record (not published)"), "long", optional=True)


@dataclass(frozen=True)
class Act:
    """One of the inspector's forms: the change it makes, its title, its fields, the command
    they make and what the worklist says once it is recorded."""

    change: Change
    title: str
    fields: tuple[Field, ...]
    command: Callable[..., commands.RegisterProduct | commands.ProductCommand]
    done: str


ACTS = {
    "suspend": Act(
        Change.SUSPEND,
        N_("Suspend the certificate"),
        (
            Field("inspection_ref", N_("Inspection reference"), hint=N_("For example 45/BB-KT")),
            Field("findings", N_("Findings"), "long"),
            Field(
                "reason",
                N_("Reason"),
                hint=N_("Published on the public register as the reason for the suspension."),
            ),
            Field("corrective_deadline", N_("Corrective deadline"), "date"),
            EFFECTIVE,
            NOTE,
        ),
        commands.SuspendCertificate,
        N_("%(code)s: the certificate was suspended."),
    ),
    "extend": Act(
        Change.EXTEND_DEADLINE,
        N_("Extend the corrective deadline"),
        (
            Field("corrective_deadline", N_("New corrective deadline"), "date"),
            Field("reason", N_("Why more time is given"), "long"),
            EFFECTIVE,
            NOTE,
        ),
        commands.ExtendCorrectiveDeadline,
        N_("%(code)s: the corrective deadline was extended."),
    ),
    "reinstate": Act(
        Change.REINSTATE,
        N_("Reinstate the certificate"),
        (
            Field(
                "reinspection_ref", N_("Re-inspection reference"), hint=N_("For example 52/BB-KT")
            ),
            Field("corrected", N_("What was corrected"), "long"),
            Field(
                "public_reason",
                N_("Public reason"),
                hint=N_("Optional, published; at most 300 characters."),
                optional=True,
            ),
            EFFECTIVE,
            NOTE,
        ),
        commands.ReinstateCertificate,
        N_("%(code)s: the certificate was reinstated."),
    ),
}
