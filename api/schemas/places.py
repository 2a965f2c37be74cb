"""What a programme office sends when an administrative change renames a product's place."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from api.schemas.requests import CommandBody, Text, example
from api.schemas.scores import ValueBody
from lifecycle import commands
from lifecycle.values import Location


class NewPlaceBody(ValueBody):
    """The place under its new names; from 1 July 2025 there is no district (left empty)."""

    value = Location

    province: Text = Field(examples=["Quảng Ninh"])
    district: Annotated[str, Field(max_length=500)] = ""
    commune: Text = Field(examples=["Thượng Yên Công"])


class PlaceBody(CommandBody):
    """The product's place after a merger of provinces or communes, and the text that made it
    (the business did not move)."""

    command = commands.RenamePlace
    model_config = example(
        location={"province": "Quảng Ninh", "district": "", "commune": "Thượng Yên Công"},
        decision_ref="202/2025/QH15",
        effective_on="2026-03-03",
    )

    location: NewPlaceBody
    decision_ref: Text = Field(examples=["202/2025/QH15"])
