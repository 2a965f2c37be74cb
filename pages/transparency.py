"""The transparency pages: statistics for a period and province (charts drawn as SVG, with
their numbers as tables), certificates expiring soon, and overdue corrective deadlines."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Response

from lifecycle.values import Status
from pages.answering import page_routes
from pages.charts import bar_chart
from pages.filters import BAD_DATE, REVERSED, TOO_LONG, read_day
from pages.visit import Sources, Visit
from pages.words import FLOWS, N_, STATUS
from projections import questions

EXPIRING_WITHIN_DAYS = 90
PROVINCE_MOST = 100


def routes(sources: Sources) -> APIRouter:
    """The statistics, expiring-soon and overdue pages over ``sources``."""
    return page_routes(
        sources,
        {"/statistics": statistics_page, "/expiring": expiring_page, "/overdue": overdue_page},
    )


def expiring_page(visit: Visit) -> Response:
    """Certificates valid today whose validity ends within the next 90 days."""
    question = questions.expiring(on=visit.today, within_days=EXPIRING_WITHIN_DAYS)
    return visit.page("expiring.html", rows=visit.ask(question), within=EXPIRING_WITHIN_DAYS)


def overdue_page(visit: Visit) -> Response:
    """Suspended certificates whose corrective deadline has passed."""
    question = questions.overdue_corrections(on=visit.today)
    return visit.page("overdue.html", rows=visit.ask(question))


def statistics_page(visit: Visit) -> Response:
    """The statistics for the period and province asked, or the form with its errors."""
    request = visit.request
    query = request.query_params
    errors: dict[str, tuple[str, dict[str, object]]] = {}
    start = read_day(query.get("from"), visit.today.replace(month=1, day=1))
    end = read_day(query.get("to"), visit.today)
    province = (query.get("province") or "").strip() or None
    for name, day in (("from", start), ("to", end)):
        if day is None:
            errors[name] = (BAD_DATE, {})
    if start and end and end < start:
        errors["to"] = (REVERSED, {})
    if province and len(province) > PROVINCE_MOST:
        errors["province"] = (TOO_LONG, {"most": PROVINCE_MOST})
    asked = {name: query.get(name, "") for name in ("province",)}
    asked["from"] = query.get("from") or (start.isoformat() if start else "")
    asked["to"] = query.get("to") or (end.isoformat() if end else "")
    if errors or start is None or end is None:
        return visit.page("statistics.html", status=400, errors=errors, asked=asked)
    counts = visit.sources.read_side.ask(
        questions.statistics(start=start, end=end, province=province, on=visit.today)
    )
    return visit.page(
        "statistics.html",
        errors=errors,
        asked=asked,
        counts=counts,
        charts=_charts(visit, counts),
        json_url="/v1/public/statistics?"
        + urlencode({"from": start, "to": end, **({"province": province} if province else {})}),
    )


def _charts(visit: Visit, counts: dict[str, Any]) -> list[tuple[str, Any]]:
    """The four charts, each with its (translated) title."""
    now = counts["now"]
    by_status = [
        (visit.translate(STATUS[s.value]), now["by_status"].get(s.value, 0)) for s in Status
    ]
    by_stars = [
        (visit.translate(N_("%(n)s stars")) % {"n": n}, now["by_stars"].get(str(n), 0))
        for n in (3, 4, 5)
    ]
    flows = [(visit.translate(label), int(counts[kind])) for kind, label in FLOWS.items()]
    return [
        (visit.translate(N_("Products by status today")), bar_chart("status", by_status)),
        (visit.translate(N_("Valid certificates by stars")), bar_chart("stars", by_stars)),
        (
            visit.translate(N_("Products in the programme by province")),
            bar_chart("province", sorted(now["by_province"].items())),
        ),
        (visit.translate(N_("Changes over the period")), bar_chart("flows", flows)),
    ]
