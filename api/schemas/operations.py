"""What the operations endpoints answer: liveness, readiness and the projector's state."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class Liveness(BaseModel):
    """The process answers (nothing more is checked)."""

    status: str = Field(examples=["alive"])
    process: int = Field(
        description="The id of the API process that answered (several may serve one port)"
    )


class Readiness(BaseModel):
    """Whether the read side may be trusted, and how far it trails the log (public)."""

    status: str = Field(examples=["ready"])
    head: int = Field(description="The last position in the event log")
    position: int = Field(description="How far the read side has projected")
    lag: int = Field(description="Events the read side has yet to project")
    lag_seconds: float | None = Field(
        description="How long the read side has been behind without advancing (None: never ran)"
    )
    projector: str = Field(
        examples=["running"],
        description=(
            "running or failing in this process; standby while another projector is active; "
            "elsewhere when another process projects"
        ),
    )


class ProjectorReport(Readiness):
    """The projector's state for operators, with the text of its last failure."""

    advanced_at: datetime | None = Field(
        description="When the read side last advanced or the projector last found it current"
    )
    failing_since: datetime | None
    failing_position: int | None = Field(description="The log position it fails to apply")
    error_code: str | None = Field(examples=["DataError"])
    error: str | None = Field(description="The failure's full text (operators only)")
    active_projector: str | None = Field(
        default=None, examples=["ocop-projector-1:7"], description="The active projector, host:pid"
    )
    active_since: datetime | None = Field(default=None, description="Since when it is active")
