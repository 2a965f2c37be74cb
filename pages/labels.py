"""QR labels: the QR code of a product's page (SVG and PNG), a printable label, and GS1
Digital Link (``/01/{gtin}`` resolves to the product's page)."""

from __future__ import annotations

import io

import segno
from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from lifecycle.errors import ProductNotFound
from lifecycle.values import PRODUCT_CODE
from pages.visit import READ, Sources, Visit
from projections import documents, gtins, questions
from projections.public_answers import PublicProduct, read_product

KINDS = {"svg": "image/svg+xml", "png": "image/png"}


def qr_code(url: str, kind: str) -> bytes:
    """The QR code of ``url`` as an SVG or PNG image (error correction M, quiet zone 4)."""
    code = segno.make(url, error="m", micro=False)
    image = io.BytesIO()
    if kind == "svg":
        code.save(image, kind="svg", scale=4, border=4, xmldecl=False, svgclass=None,
                  lineclass=None, dark="#000", light="#fff")  # fmt: skip
    else:
        code.save(image, kind="png", scale=8, border=4)
    return image.getvalue()


def routes(sources: Sources) -> APIRouter:
    """The QR codes, the printable label and the GS1 resolver over ``sources``."""
    router = APIRouter(include_in_schema=False)

    def known(visit: Visit, code: str) -> PublicProduct | None:
        if not PRODUCT_CODE.match(code):
            return None
        found = sources.read_side.ask(
            questions.public_document(documents.PRODUCT, code, on=visit.today)
        )
        return None if found is None else read_product(found.body)

    @router.api_route("/p/{code}/qr.{kind}", methods=READ)
    def qr(code: str, kind: str, request: Request) -> Response:
        """The QR code opening the product's page."""
        visit = Visit(sources, request)

        def image() -> Response:
            if kind not in KINDS or known(visit, code) is None:
                return visit.not_found(code, ProductNotFound(code))
            return Response(qr_code(f"{visit.base_url()}/p/{code}", kind), media_type=KINDS[kind])

        return visit.answer(image)

    @router.api_route("/p/{code}/label", methods=READ)
    def label(code: str, request: Request) -> Response:
        """A printable label: the QR code, the OCOP mark, stars, number and valid-until."""
        visit = Visit(sources, request)

        def page() -> Response:
            product = known(visit, code)
            if product is None:
                return visit.not_found(code, ProductNotFound(code))
            return visit.page(
                "label.html",
                status=200 if product.status == "certified" else 409,
                product=product,
                url=f"{visit.base_url()}/p/{code}",
            )

        return visit.answer(page)

    @router.api_route("/01/{gtin}", methods=READ)
    def digital_link(gtin: str, request: Request) -> Response:
        """GS1 Digital Link: the product registered with this GTIN."""
        code = sources.read_side.ask(lambda db: gtins.code_for(db, gtin))
        if code is None:
            return Visit(sources, request).not_found(gtin, ProductNotFound(gtin))
        return RedirectResponse(f"/p/{code}", status_code=308)

    return router
