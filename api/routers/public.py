"""The public register: anyone may check a certificate, search, and read statistics.

Answers carry no personal contact data: only what the response models name. A lookup by
certificate number or product code sends the document the projector stored for it
(``projections.documents``, shaped by the same response models), with its ETag.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query, Response

from api.deps import CodePath
from api.exports import etag_matches
from api.openapi import Kind, documented
from api.problems import Problem
from api.reading import ReadingDep
from api.schemas.public import PublicCertificate, PublicProduct, RegisterPage, Statistics
from lifecycle import errors
from lifecycle.values import Status
from projections import documents, questions

router = APIRouter(prefix="/v1/public", tags=["public"])
PAGE_SIZE = 20
IfNoneMatch = Annotated[
    str | None, Header(description="An ETag you hold: 304 if the answer is still the same")
]
VALIDATOR = {"ETag": {"description": "The answer's own (a hash of its bytes)", "schema": {}}}
LOOKUP = {
    **documented(Kind.PUBLIC_LOOKUP),
    200: {"description": "The public answer", "headers": VALIDATOR},
    304: {"description": "Not modified: the ETag you hold is current", "headers": VALIDATOR},
}


def sent(document: documents.Document, if_none_match: str | None) -> Response:
    """The stored document as it is, or 304 when the ETag held is its own."""
    headers = {"ETag": document.etag, "Cache-Control": "no-cache"}
    if etag_matches(if_none_match, document.etag):
        return Response(status_code=304, headers=headers)
    return Response(document.body, media_type="application/json", headers=headers)


@router.get("/certificates/{certificate_no}", response_model=PublicCertificate, responses=LOOKUP)
async def certificate(
    certificate_no: Annotated[str, Path(pattern=r"^[A-Z0-9-]{3,40}$", examples=["QN-0123-C1"])],
    reading: ReadingDep,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """A certificate's status by its number, with the dated reasons of any suspension."""
    document = await reading.document(documents.CERTIFICATE, certificate_no)
    if document is None:
        raise errors.CertificateNotFound(
            f"No certificate was issued under number {certificate_no}."
        )
    return sent(document, if_none_match)


@router.get("/products/{code}", response_model=PublicProduct, responses=LOOKUP)
async def product(
    code: CodePath, reading: ReadingDep, if_none_match: IfNoneMatch = None
) -> Response:
    """A product's public status by its code (what a label's QR code points to)."""
    document = await reading.document(documents.PRODUCT, code)
    if document is None:
        raise errors.ProductNotFound(code)
    return sent(document, if_none_match)


@router.get("/products", response_model=RegisterPage, responses=documented(Kind.PUBLIC_QUERY))
def search(
    reading: ReadingDep,
    q: Annotated[str | None, Query(max_length=200, description="Code, number or name")] = None,
    province: Annotated[str | None, Query(max_length=100)] = None,
    district: Annotated[
        str | None, Query(max_length=100, description="District, with or without diacritics")
    ] = None,
    group: Annotated[str | None, Query(max_length=100)] = None,
    stars: Annotated[int | None, Query(ge=3, le=5)] = None,
    status: Status | None = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = PAGE_SIZE,
) -> RegisterPage:
    """Search the register; names match with or without Vietnamese diacritics."""
    question = questions.search(
        q=q,
        province=province,
        district=district,
        group=group,
        stars=stars,
        status=status.value if status else None,
        page=page,
        page_size=page_size,
        on=reading.today,
    )
    items, total = reading.ask(question)
    return RegisterPage(
        items=[PublicProduct.model_validate(item) for item in items],
        total=total,
        page=page,
        page_size=page_size,
    )


@router.get("/statistics", response_model=Statistics, responses=documented(Kind.PUBLIC_QUERY))
def statistics(
    reading: ReadingDep,
    start: Annotated[date, Query(alias="from", description="First day of the period")],
    end: Annotated[date, Query(alias="to", description="Last day of the period")],
    province: Annotated[str | None, Query(max_length=100)] = None,
) -> dict[str, Any]:
    """Counts now (by province, group, stars, status) and over the period."""
    if end < start:
        raise Problem(422, "period-reversed", f"'to' ({end}) is before 'from' ({start}).")
    question = questions.statistics(start=start, end=end, province=province, on=reading.today)
    return reading.ask(question)
