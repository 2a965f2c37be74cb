"""The product page (what a label's QR code opens): the answer to "is the label valid
today?" first, then the certificate, the owner and place, and the dated public timeline;
and the certificate page, found by number."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request, Response

from lifecycle.errors import CertificateNotFound, ProductNotFound
from lifecycle.values import PRODUCT_CODE
from pages.answering import visited_soon
from pages.visit import READ, Sources, Visit
from projections import documents, questions, timeline
from projections.public_answers import read_certificate, read_product

CERTIFICATE_NUMBER = re.compile(r"^[A-Z0-9-]{3,40}$")


def routes(sources: Sources) -> APIRouter:
    """The product and certificate pages over ``sources``."""
    router = APIRouter(include_in_schema=False)

    @router.api_route("/p/{code}", methods=READ)
    async def product(code: str, request: Request) -> Response:
        """A product's standing today, and every dated change of it."""
        return await visited_soon(sources, request, lambda visit: product_page(visit, code))

    @router.api_route("/certificates/{number}", methods=READ)
    async def certificate(number: str, request: Request) -> Response:
        """A certificate's standing today, found by its number."""
        return await visited_soon(sources, request, lambda visit: certificate_page(visit, number))

    return router


def product_page(visit: Visit, code: str) -> Response:
    """The product page, from the document the JSON API sends and the public timeline."""
    found = stored(visit, documents.PRODUCT, code) if PRODUCT_CODE.match(code) else None
    if found is None:
        return visit.not_found(code, ProductNotFound(code))
    changes = visit.ask(lambda db: timeline.of_product(db, code))
    return visit.page(
        "product.html",
        product=read_product(found.body),
        changes=changes,
        json_url=f"/v1/public/products/{code}",
    )


def certificate_page(visit: Visit, number: str) -> Response:
    """The certificate page, from the document the JSON API sends."""
    found = (
        stored(visit, documents.CERTIFICATE, number) if CERTIFICATE_NUMBER.match(number) else None
    )
    if found is None:
        return visit.not_found(
            number, CertificateNotFound(f"No certificate was issued under number {number}.")
        )
    return visit.page(
        "certificate.html",
        certificate=read_certificate(found.body),
        json_url=f"/v1/public/certificates/{number}",
    )


def stored(visit: Visit, kind: str, key: str) -> documents.Document | None:
    """The stored public document the JSON API sends for ``key`` today (remembered with it)."""
    return visit.sources.read_side.ask(questions.public_document(kind, key, on=visit.today))
