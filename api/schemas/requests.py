"""What clients send: one model per command, each turned into the domain's command by name."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, ClassVar, cast

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from api.schemas.scores import (
    MOST_MEMBERS,
    MOST_PARTS,
    PartName,
    Points,
    ScoreSheetBody,
    ValueBody,
)
from lifecycle import commands
from lifecycle.gtin import MOST_GTINS
from lifecycle.publication import PUBLIC_REASON_MAX
from lifecycle.values import (
    PRODUCT_CODE,
    Location,
    Owner,
    OwnerKind,
    RemovalReason,
    RevocationReason,
)

Text = Annotated[str, Field(min_length=1, max_length=500)]
LongText = Annotated[str, Field(min_length=1, max_length=4000)]
Note = Annotated[str, Field(max_length=4000)]
PublishedReason = Annotated[
    str,
    Field(
        max_length=PUBLIC_REASON_MAX,
        description=(
            "PUBLISHED on the public register as the reason for this change. Keep it short "
            "and free of personal data; without it the public reads a neutral text."
        ),
        examples=["Đã khắc phục vi phạm về nhãn mác."],
    ),
]
ProductCode = Annotated[str, Field(pattern=PRODUCT_CODE.pattern, examples=["QN-0123"])]
Gtin = Annotated[str, Field(pattern=r"^([0-9]{8}|[0-9]{12,14})$", examples=["8936012345674"])]


def example(**body: JsonValue) -> ConfigDict:
    """A model's example body; the examples, in class order, are one product's story that
    succeeds today (a Quảng Ninh product under Decision 1489/2025)."""
    return ConfigDict(json_schema_extra={"examples": [body]})


class CommandBody(BaseModel):
    """What every change carries: when it took legal effect, and a free-text note.

    Each body names the command it asks for and carries its facts under the command's own
    names (``tests/unit/test_facts_agree.py`` holds them to it), so the command is made by
    name, nested bodies becoming the values they describe.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    command: ClassVar[type[commands.Command]]

    effective_on: date = Field(examples=["2026-03-02"])
    note: Note = ""

    def to_command(self) -> commands.RegisterProduct | commands.ProductCommand:
        """The domain command this request asks for."""
        facts = {name: value_of(getattr(self, name)) for name in type(self).model_fields}
        return cast(commands.RegisterProduct | commands.ProductCommand, self.command(**facts))


def value_of(field: Any) -> Any:
    """A body's field as the command carries it: a value for a nested body, a tuple for a
    list, a copy of a mapping."""
    if isinstance(field, ValueBody):
        return field.value(**field.model_dump())
    if isinstance(field, list):
        return tuple(value_of(item) for item in field)
    if isinstance(field, dict):
        return dict(field)
    return field


class OwnerBody(ValueBody):
    value = Owner

    organisation_id: Text = Field(examples=["5700101234"])
    name: Text = Field(examples=["HTX Dược liệu Yên Tử"])
    kind: OwnerKind


class LocationBody(ValueBody):
    value = Location

    province: Text = Field(examples=["Quảng Ninh"])
    district: Annotated[str, Field(max_length=500)] = Field(
        "", examples=["Uông Bí"], description="Empty from 1 July 2025: there are no districts"
    )
    commune: Text = Field(examples=["Thượng Yên Công"])


class Registration(CommandBody):
    """A product joins the programme under the code the programme office gives it."""

    command = commands.RegisterProduct
    model_config = example(
        code="QN-0123",
        name="Tinh dầu trầu tiên Yên Tử",
        owner={"organisation_id": "5700101234", "name": "HTX Yên Tử", "kind": "cooperative"},
        location={"province": "Quảng Ninh", "district": "Uông Bí", "commune": "Thượng Yên Công"},
        group="medicinal-herbs",
        subgroup="essential-oils",
        gtins=["8936012345674"],
        effective_on="2026-03-02",
    )

    code: ProductCode
    name: Text = Field(examples=["Tinh dầu trầu tiên Yên Tử"])
    owner: OwnerBody
    location: LocationBody
    group: Text = Field(examples=["medicinal-herbs"])
    subgroup: Annotated[str, Field(max_length=500)] = ""
    gtins: list[Gtin] = Field(
        default_factory=list,
        max_length=MOST_GTINS,
        description=(
            "The GTINs (GS1 trade item numbers) in the product's barcodes: 8, 12, 13 or 14 "
            "digits ending in a valid check digit, each once; a label's GS1 Digital Link "
            "(/01/{gtin}) then leads to the product."
        ),
        examples=[["8936012345674"]],
    )


class EvaluationBody(CommandBody):
    """A council's scores: points per criteria part (the council's average, decimals allowed),
    bonus points by kind, and the star levels whose mandatory criteria were met
    (``mandatory_met_for``; older records' ``mandatory_met`` means every level's or none).
    A council sends its members' ``sheets`` and ``council_members`` instead of ``points``
    and ``bonus``; one set of points is read as a one-member council's (older records)."""

    command = commands.RecordEvaluation
    model_config = example(
        points={"A": 36.5, "B": 23, "C": 30},
        bonus={"local-materials": 1},
        mandatory_met_for=[3, 4],
        minutes_ref="BB-12/HĐ-OCOP",
        effective_on="2026-04-01",
    )

    points: dict[PartName, Points] = Field(max_length=MOST_PARTS)
    bonus: dict[PartName, Points] = Field(default_factory=dict, max_length=MOST_PARTS)
    mandatory_met: bool | None = None
    mandatory_met_for: list[Annotated[int, Field(ge=1, le=5)]] | None = Field(None, max_length=5)
    minutes_ref: Text = Field(examples=["BB-12/HĐ-OCOP"])
    sheets: list[ScoreSheetBody] = Field(default_factory=list, max_length=MOST_MEMBERS)
    council_members: Annotated[int, Field(ge=1, le=MOST_MEMBERS)] | None = None
    # The product's group and sub-group under this set, when its own are not this set's.
    group: Annotated[str, Field(max_length=100, examples=["handicrafts"])] = ""
    subgroup: Annotated[str, Field(max_length=100, examples=["textiles-embroidery"])] = ""


class CertificateBody(CommandBody):
    """A certifying authority's decision to certify the product at some stars."""

    command = commands.IssueCertificate
    model_config = example(stars=4, decision_ref="2656/QĐ-UBND", effective_on="2026-05-04")

    stars: int = Field(examples=[4])
    decision_ref: Text = Field(examples=["2656/QĐ-UBND"])


class RevocationBody(CommandBody):
    """The decision withdrawing the certificate, and why."""

    command = commands.RevokeCertificate
    model_config = example(
        decision_ref="1234/QĐ-UBND", reason="breach-of-regulation", effective_on="2026-11-16"
    )

    decision_ref: Text = Field(examples=["1234/QĐ-UBND"])
    reason: RevocationReason
    public_reason: PublishedReason = ""


class RemovalBody(CommandBody):
    """The decision taking the product out of the programme, and why."""

    command = commands.RemoveProduct
    model_config = example(
        decision_ref="789/QĐ-UBND", reason="no-longer-produced", effective_on="2026-11-20"
    )

    decision_ref: Text = Field(examples=["789/QĐ-UBND"])
    reason: RemovalReason
    public_reason: PublishedReason = ""
