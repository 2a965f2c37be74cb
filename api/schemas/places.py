"""What a programme office sends when an administrative change renames a product's place."""

from __future__ import annotations

from pydantic import Field

from api.schemas.requests import CommandBody, LocationBody, Text, example
from lifecycle import commands


class PlaceBody(CommandBody):
    """The product's place after a merger of provinces or communes, and the text that made it
    (the business did not move)."""

    command = commands.RenamePlace
    model_config = example(
        location={"province": "Quảng Ninh", "district": "", "commune": "Thượng Yên Công"},
        decision_ref="202/2025/QH15",
        effective_on="2026-03-25",
    )

    location: LocationBody
    decision_ref: Text = Field(examples=["202/2025/QH15"])
