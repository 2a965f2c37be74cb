"""The product page (what a label's QR code opens): the answer to "is the label valid
today?" first, then the certificate, the owner and place, and the dated public timeline;
and the certificate page, found by number."""

from __future__ import annotations

import asyncio
import re
from typing import NamedTuple

from fastapi import APIRouter, Request, Response

from lifecycle.errors import CertificateNotFound, ProductNotFound
from lifecycle.values import PRODUCT_CODE
from pages.answering import gathered_then_drawn
from pages.visit import READ, Sources, Visit
from projections import documents, timeline
from projections.public_answers import read_certificate, read_product

CERTIFICATE_NUMBER = re.compile(r"^[A-Z0-9-]{3,40}$")


def routes(sources: Sources) -> APIRouter:
    """The product and certificate pages over ``sources``."""
    router = APIRouter(include_in_schema=False)

    @router.api_route("/p/{code}", methods=READ)
    async def product(code: str, request: Request) -> Response:
        """A product's standing today, and every dated change of it."""
        return await gathered_then_drawn(
            sources, request, lambda visit: product_facts(visit, code), product_page
        )

    @router.api_route("/certificates/{number}", methods=READ)
    async def certificate(number: str, request: Request) -> Response:
        """A certificate's standing today, found by its number."""
        return await gathered_then_drawn(
            sources, request, lambda visit: certificate_facts(visit, number), certificate_page
        )

    return router


class ProductFacts(NamedTuple):
    """What the product page shows: the document the JSON API sends, and the timeline."""

    code: str
    document: documents.Document | None
    changes: list[timeline.Milestone]


async def product_facts(visit: Visit, code: str) -> ProductFacts:
    """The product's document and public timeline, read in the lookups' next turn."""
    if not PRODUCT_CODE.match(code):
        return ProductFacts(code, None, [])
    lookups = visit.sources.lookups
    document, changes = await asyncio.gather(
        lookups.document(documents.PRODUCT, code, visit.today, None), lookups.timeline(code)
    )
    return ProductFacts(code, document, changes)


def product_page(visit: Visit, facts: ProductFacts) -> Response:
    """The product page, from the document the JSON API sends and the public timeline."""
    if facts.document is None:
        return visit.not_found(facts.code, ProductNotFound(facts.code))
    return visit.page(
        "product.html",
        product=read_product(facts.document.body),
        changes=facts.changes,
        json_url=f"/v1/public/products/{facts.code}",
    )


async def certificate_facts(visit: Visit, number: str) -> tuple[str, documents.Document | None]:
    """The certificate's number and its document (None if there is none by that number)."""
    if not CERTIFICATE_NUMBER.match(number):
        return number, None
    lookups = visit.sources.lookups
    return number, await lookups.document(documents.CERTIFICATE, number, visit.today, None)


def certificate_page(visit: Visit, facts: tuple[str, documents.Document | None]) -> Response:
    """The certificate page, from the document the JSON API sends."""
    number, found = facts
    if found is None:
        return visit.not_found(
            number, CertificateNotFound(f"No certificate was issued under number {number}.")
        )
    return visit.page(
        "certificate.html",
        certificate=read_certificate(found.body),
        json_url=f"/v1/public/certificates/{number}",
    )
