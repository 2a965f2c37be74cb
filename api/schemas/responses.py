"""What every write and every refusal answers, as documented models (apart from the domain's
own types). Each resource's reads have their models beside it: ``products``, ``public``,
``audit`` and ``operations``."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ChangeRecorded(BaseModel):
    """An accepted change: the product, its new version and the event's log position."""

    code: str = Field(examples=["QN-0123"])
    event: str = Field(examples=["Starred"])
    version: int = Field(examples=[3])
    position: int = Field(examples=[1042])
    certificate_number: str | None = Field(default=None, examples=["QN-0123-C1"])


class ProblemIssue(BaseModel):
    """One thing wrong with a request: where (path of names) and what."""

    location: list[str] = Field(examples=[["body", "effective_on"]])
    message: str = Field(examples=["Input should be a valid date"])


class ProblemDetails(BaseModel):
    """An RFC 9457 problem document with the register's stable machine-readable ``code``."""

    type: str = Field(examples=["https://ocop-registry.example/problems/invalid-request"])
    title: str = Field(examples=["Invalid request"])
    status: int = Field(ge=400, le=599, examples=[422])
    detail: str = Field(examples=["The request does not match the schema."])
    code: str = Field(pattern=r"^[a-z0-9-]+$", examples=["invalid-request"])
    errors: list[ProblemIssue] | None = Field(
        default=None, description="What was wrong, field by field (422 only)"
    )
