"""What inspectors send: a suspension after an inspection, a reinstatement after correction."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from api.schemas.requests import CommandBody, LongText, PublishedReason, Text, example
from lifecycle import commands


class SuspensionBody(CommandBody):
    """An inspection's findings and the deadline for correcting them."""

    command = commands.SuspendCertificate
    model_config = example(
        inspection_ref="45/BB-KT",
        findings="Essential oil content below the committed standard",
        reason="Product quality below the committed standard",
        corrective_deadline="2026-10-30",
        effective_on="2026-08-10",
    )

    inspection_ref: Text = Field(examples=["45/BB-KT"])
    findings: LongText
    reason: Text = Field(
        examples=["Product quality below the committed standard"],
        description="PUBLISHED on the public register as the reason for the suspension",
    )
    corrective_deadline: date


class ReinstatementBody(CommandBody):
    """The re-inspection that found the breach corrected."""

    command = commands.ReinstateCertificate
    model_config = example(
        reinspection_ref="52/BB-KT",
        corrected="New distillation line; the lab test of 10/2026 meets the standard",
        effective_on="2026-10-20",
    )

    reinspection_ref: Text = Field(examples=["52/BB-KT"])
    corrected: LongText = Field(description="What was corrected; for the record, not published")
    public_reason: PublishedReason = ""
