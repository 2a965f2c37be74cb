"""The home page (what the register is, a search box, counts now, latest changes) and the
register page (search, filters, paging), on the same queries as the JSON API."""

from __future__ import annotations

from math import ceil

from fastapi import APIRouter, Response
from starlette.datastructures import URL

from pages.answering import page_routes
from pages.filters import read_search
from pages.visit import Sources, Visit
from pages.words import GROUP
from projections import questions, status, timeline

PAGE_SIZE = 20
LATEST = 8


def routes(sources: Sources) -> APIRouter:
    """The home and register pages over ``sources``."""
    return page_routes(sources, {"/": home_page, "/register": register_page})


def home_page(visit: Visit) -> Response:
    """What the register is, a search box, counts now and the latest changes."""
    counts = visit.ask(lambda db: status.counts_now(db, on=visit.today, province=None))
    latest = visit.ask(lambda db: timeline.latest(db, LATEST))
    by_status = counts["by_status"]
    return visit.page(
        "home.html",
        total=sum(by_status.values()),
        by_status=by_status,
        by_stars={stars: counts["by_stars"].get(str(stars), 0) for stars in (3, 4, 5)},
        latest=latest,
    )


def register_page(visit: Visit) -> Response:
    """The register: search by name (with or without diacritics), code, certificate number,
    place, group, stars and status, a page at a time; or the form with each malformed filter
    shown beside it."""
    request = visit.request
    query = request.query_params
    search = read_search(query, GROUP)
    items: list[dict[str, object]] = []
    total = 0
    if not search.errors:
        items, total = visit.sources.read_side.ask(
            questions.search(
                q=search.text["q"],
                province=search.text["province"],
                district=search.text["district"],
                group=search.group,
                stars=search.stars,
                status=search.status,
                page=search.page,
                page_size=PAGE_SIZE,
                on=visit.today,
            )
        )
    pages = max(ceil(total / PAGE_SIZE), 1)
    here = URL(str(request.url)).remove_query_params("lang")
    return visit.page(
        "register.html",
        status=400 if search.errors else 200,
        search=search,
        asked={name: query.get(name, "") for name in ("q", "province", "district")},
        asked_choice={name: query.get(name, "") for name in ("group", "stars", "status")},
        items=items,
        total=total,
        pages=pages,
        previous=_page_link(here, search.page - 1) if search.page > 1 else None,
        next=_page_link(here, search.page + 1) if search.page < pages else None,
        json_url=_json_twin(here),
    )


def _page_link(url: URL, page: int) -> str:
    moved = url.include_query_params(page=page)
    return f"{moved.path}?{moved.query}"


def _json_twin(url: URL) -> str:
    query = url.remove_query_params("page").query
    return "/v1/public/products" + (f"?{query}" if query else "")
