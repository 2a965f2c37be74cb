"""The open data's Frictionless data package, as a response model (the descriptor itself is
made once, from the columns' one declaration, in ``api.exports``)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class DataResource(BaseModel):
    """One export (CSV or JSON) as a tabular data resource."""

    model_config = ConfigDict(populate_by_name=True)

    name: str
    path: str = Field(description="Relative to the data package's own URL")
    profile: str
    format: str
    mediatype: str
    encoding: str
    description: str
    table_schema: dict[str, Any] = Field(
        alias="schema", description="Table Schema: each column's name, type and meaning"
    )
    dialect: dict[str, Any] | None = Field(None, description="CSV only: how rows are written")


class DataPackage(BaseModel):
    """The data package describing the register's exports."""

    profile: str
    name: str
    title: str
    description: str
    resources: list[DataResource]
