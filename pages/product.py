"""The product page (what a label's QR code opens): the answer to "is the label valid
today?" first, then the certificate, the owner and place, and the dated public timeline;
and the certificate page, found by number."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request, Response

from lifecycle.errors import CertificateNotFound, ProductNotFound
from lifecycle.values import PRODUCT_CODE
from pages.visit import READ, Sources, Visit
from projections import questions, timeline

CERTIFICATE_NUMBER = re.compile(r"^[A-Z0-9-]{3,40}$")


def routes(sources: Sources) -> APIRouter:
    """The product and certificate pages over ``sources``."""
    router = APIRouter(include_in_schema=False)

    @router.api_route("/p/{code}", methods=READ)
    def product(code: str, request: Request) -> Response:
        """A product's standing today, and every dated change of it."""
        visit = Visit(sources, request)
        return visit.answer(lambda: product_page(visit, code))

    @router.api_route("/certificates/{number}", methods=READ)
    def certificate(number: str, request: Request) -> Response:
        """A certificate's standing today, found by its number."""
        visit = Visit(sources, request)
        return visit.answer(lambda: certificate_page(visit, number))

    return router


def product_page(visit: Visit, code: str) -> Response:
    """The product page, from the JSON API's own lookup and the public timeline."""
    read_side = visit.sources.read_side
    found = (
        read_side.ask(questions.public_product(code, on=visit.today))
        if PRODUCT_CODE.match(code)
        else None
    )
    if found is None:
        return visit.not_found(code, ProductNotFound(code))
    changes = visit.ask(lambda db: timeline.of_product(db, code))
    return visit.page(
        "product.html", product=found, changes=changes, json_url=f"/v1/public/products/{code}"
    )


def certificate_page(visit: Visit, number: str) -> Response:
    """The certificate page, from the JSON API's own lookup."""
    found = (
        visit.sources.read_side.ask(questions.public_certificate(number, on=visit.today))
        if CERTIFICATE_NUMBER.match(number)
        else None
    )
    if found is None:
        return visit.not_found(
            number, CertificateNotFound(f"No certificate was issued under number {number}.")
        )
    return visit.page(
        "certificate.html", certificate=found, json_url=f"/v1/public/certificates/{number}"
    )
