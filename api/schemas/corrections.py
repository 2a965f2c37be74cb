"""What the offices send to correct a record: registered details corrected, a transfer to a
new owner, a corrective deadline extended."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from api.schemas.requests import CommandBody, LongText, OwnerBody, Text, example
from lifecycle import commands


class CorrectionBody(CommandBody):
    """Details registered wrongly, as they should read (at least one; those left out stay),
    with the reason and the reference of the correction (programme office)."""

    command = commands.CorrectRegistration
    model_config = example(
        name="Tinh dầu Trầu tiên Yên Tử",
        reason="The product's name was misspelt at registration",
        decision_ref="15/CV-OCOP",
        effective_on="2026-03-10",
    )

    name: Text | None = Field(None, examples=["Tinh dầu Trầu tiên Yên Tử"])
    owner_name: Text | None = Field(None, examples=["HTX Dược liệu Yên Tử"])
    district: Text | None = Field(None, examples=["Uông Bí"])
    commune: Text | None = Field(None, examples=["Thượng Yên Công"])
    reason: LongText = Field(description="Why; for the record, not published")
    decision_ref: Text = Field(examples=["15/CV-OCOP"])


class TransferBody(CommandBody):
    """The product's new owner and the decision recording the transfer (programme office)."""

    command = commands.TransferOwnership
    model_config = example(
        owner={"organisation_id": "5700109876", "name": "Công ty TNHH Yên Tử Xanh",
               "kind": "enterprise"},
        decision_ref="22/QĐ-OCOP",
        effective_on="2026-03-20",
    )  # fmt: skip

    owner: OwnerBody
    decision_ref: Text = Field(examples=["22/QĐ-OCOP"])


class DeadlineExtensionBody(CommandBody):
    """A later corrective deadline for a suspended product, given before the current one
    passes, and why (inspector)."""

    command = commands.ExtendCorrectiveDeadline
    model_config = example(
        corrective_deadline="2026-11-30",
        reason="The new distillation line is delivered in November",
        effective_on="2026-09-15",
    )

    corrective_deadline: date
    reason: LongText = Field(description="Why; for the record, not published")
