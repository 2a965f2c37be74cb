"""Renewal: the issuing body's notice before a certificate ends, and the staff's list of
certificates due for notice; and each criteria set's catalogue of groups, for forms."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from api.schemas.public import PublicProduct
from api.schemas.requests import CommandBody, Text, example
from lifecycle import commands


class RenewalNoticeBody(CommandBody):
    """The issuing body's notice to the owner that the certificate's validity ends."""

    command = commands.GiveRenewalNotice
    model_config = example(notice_ref="15/TB-UBND", effective_on="2026-11-02")

    notice_ref: Text = Field(examples=["15/TB-UBND"])


class NoticeGiven(BaseModel):
    """A notice given: its letter and day."""

    notice_ref: str = Field(examples=["15/TB-UBND"])
    on: date


class DueForNotice(PublicProduct):
    """A certificate whose renewal notice is due, with the notices given so far."""

    notice_by: date = Field(description="The last day on which notice is in time")
    days_left: int = Field(description="Days from the day asked about to the last valid day")
    notices: list[NoticeGiven]


class Subgroup(BaseModel):
    """A sub-group of a product group (under 1048, a product set), with its source."""

    id: str = Field(examples=["essential-oils"])
    name: str = Field(examples=["Tinh dầu và dược liệu khác (essential oils, other herbs)"])
    source: str


class ProductGroup(BaseModel):
    """A product group of a criteria set, with its sub-groups."""

    id: str = Field(examples=["medicinal-herbs"])
    name: str
    subgroups: list[Subgroup]


class Catalogue(BaseModel):
    """A criteria set's catalogue of product groups and sub-groups."""

    criteria_set: str = Field(examples=["148-2023"])
    title: str
    groups: list[ProductGroup]
