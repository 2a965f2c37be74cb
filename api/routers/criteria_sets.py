"""The criteria sets' catalogues of product groups and sub-groups, read-only, for forms."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from api.openapi import Kind, documented
from api.schemas.renewals import Catalogue
from lifecycle import errors
from lifecycle.catalogue import CATALOGUES
from lifecycle.criteria import BY_ID
from lifecycle.describe import plain

router = APIRouter(prefix="/v1/public/criteria-sets", tags=["public"])
CriteriaSetPath = Annotated[str, Path(pattern=r"^[a-z0-9-]{1,40}$", examples=["148-2023"])]


@router.get(
    "/{criteria_set}/groups", response_model=Catalogue, responses=documented(Kind.PUBLIC_LOOKUP)
)
def groups(criteria_set: CriteriaSetPath) -> dict[str, Any]:
    """A criteria set's product groups and their sub-groups, each citing its source."""
    if criteria_set not in CATALOGUES:
        raise errors.CriteriaSetNotFound(
            f"No criteria set {criteria_set!r}; known: {sorted(BY_ID)}."
        )
    return {
        "criteria_set": criteria_set,
        "title": BY_ID[criteria_set].title,
        "groups": plain(CATALOGUES[criteria_set]),
    }
