"""What a council sends of its scores: points as exact decimals, and its members' sheets;
and the base of every body that describes one of the register's values."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from lifecycle.describe import as_number
from lifecycle.values import ScoreSheet

MOST_PARTS = 10  # every criteria set has three parts; a few more get a clear refusal
MOST_MEMBERS = 50  # councils have a handful of members; far more is no council
PartName = Annotated[str, Field(max_length=40)]
# Points as sent: a JSON number (or its text), read exactly; precision is the rules' to judge.
Points = Annotated[
    Decimal,
    Field(ge=0, le=100, allow_inf_nan=False, max_digits=12),
    PlainSerializer(as_number, when_used="json"),
]


class ValueBody(BaseModel):
    """A body describing one of the register's values (an owner, a location, a sheet)."""

    model_config = ConfigDict(extra="forbid")
    value: ClassVar[type[Any]]


class ScoreSheetBody(ValueBody):
    """One council member's sheet: points per criteria part, bonus points by kind."""

    value = ScoreSheet

    member: Annotated[str, Field(min_length=1, max_length=200)] = Field(examples=["Member 1"])
    points: dict[PartName, Points] = Field(max_length=MOST_PARTS)
    bonus: dict[PartName, Points] = Field(default_factory=dict, max_length=MOST_PARTS)
