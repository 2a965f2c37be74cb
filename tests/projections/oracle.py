"""The read models' expected contents, folded directly from the events in plain Python,
to check the projection against something that shares none of its SQL."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from lifecycle.events import ProductEvent, Registered, Reinstated, Revoked, Starred, Suspended
from lifecycle.history import replay, steps
from lifecycle.product import Product
from projections import ReadSide, questions
from projections.milestones import KINDS
from registry.service import Registry


def logged_events(registry: Registry) -> list[tuple[int, ProductEvent]]:
    """Every event in the log with its position."""
    notifications = registry.recorder.select_notifications(start=1, limit=100_000)
    return [(n.id, registry.mapper.to_domain_event(n)) for n in notifications]  # type: ignore[misc]


def certificates_folded(events: list[tuple[int, ProductEvent]]) -> dict[str, dict[str, Any]]:
    """Each certificate's stored state, valid-until, last change and reasons, folded by hand."""
    found: dict[str, dict[str, Any]] = {}
    live: dict[Any, str] = {}
    kinds = {Suspended: "suspended", Reinstated: "reinstated", Revoked: "revoked"}
    for _, event in events:
        product = event.originator_id
        if isinstance(event, Starred):
            if product in live:
                found[live.pop(product)].update(state="superseded", changed=event.effective_on)
            live[product] = event.certificate_number
            found[event.certificate_number] = {
                "state": "certified",
                "reasons": [],
                "valid_until": event.valid_until,
                "changed": event.effective_on,
            }
        elif isinstance(event, (Suspended, Reinstated, Revoked)):
            certificate, kind = found[live[product]], kinds[type(event)]
            certificate["state"] = "certified" if kind == "reinstated" else kind
            certificate["changed"] = event.effective_on
            certificate["reasons"].append((event.effective_on, kind))
            if kind == "revoked":
                del live[product]
    return found


def state_on(certificate: dict[str, Any], on: date) -> str:
    """A certificate's status on ``on``: a live one past valid-until reads expired."""
    live = certificate["state"] in ("certified", "suspended")
    return "expired" if live and on > certificate["valid_until"] else str(certificate["state"])


def assert_read_models_match_the_events(registry: Registry, read_side: ReadSide, on: date) -> None:
    """Status, certificates, audit trail and counts agree with the fold of the events."""
    events = logged_events(registry)
    by_product: dict[Any, list[tuple[int, ProductEvent]]] = {}
    for position, event in events:
        by_product.setdefault(event.originator_id, []).append((position, event))
    for mine in by_product.values():
        product = replay(event for _, event in mine)
        assert isinstance(product, Product)
        for day in (product.last_effective_on, on):
            assert_status_matches(read_side, product, mine, day)
        assert_renewals_match(read_side, mine, on)
    for number, expected in certificates_folded(events).items():
        for day in (expected["changed"], on):
            public = read_side.ask(questions.public_certificate(number, on=day))
            assert public is not None
            assert public["status"] == state_on(expected, day), (number, day)
            assert [(r["on"], r["kind"]) for r in public["reasons"]] == expected["reasons"]
    trail = read_side.ask(questions.audit_trail(after=0, limit=100_000))
    assert [(r["position"], r["type"], r["version"]) for r in trail] == [
        (p, type(e).__name__, e.originator_version) for p, e in events
    ]
    assert_counts_match(events, read_side, on)


def assert_renewals_match(
    read_side: ReadSide, mine: list[tuple[int, ProductEvent]], on: date
) -> None:
    """Each certificate's answer names the certificate it renews as the aggregate's state
    after it says (the read model restates the rule in SQL), and is named by it."""
    renewed: dict[str, str] = {}
    for step in steps([event for _, event in mine]):
        if isinstance(step.event, Starred):
            assert step.state.certificate is not None
            renews = step.state.certificate.renews
            answer = read_side.ask(
                questions.public_certificate(step.event.certificate_number, on=on)
            )
            assert answer is not None and answer["renews"] == (renews or None)
            if renews:
                renewed[renews] = step.event.certificate_number
    for old, new in renewed.items():
        answer = read_side.ask(questions.public_certificate(old, on=on))
        assert answer is not None and answer["renewed_by"] == new


def assert_status_matches(
    read_side: ReadSide, product: Product, mine: list[tuple[int, ProductEvent]], on: date
) -> None:
    """The product's status row agrees with the product replayed from its events."""
    row = read_side.ask(questions.product_status(product.code, on=on))
    certificate = product.certificate
    assert row is not None
    # The details as registered or last corrected, the owner after any transfer.
    where, owner = product.location, product.owner
    assert (row["name"], row["district"], row["commune"]) == (
        product.name,
        where.district,
        where.commune,
    )
    assert (row["owner_id"], row["owner_name"], row["owner_kind"]) == (
        owner.organisation_id,
        owner.name,
        owner.kind.value,
    )
    deadline = certificate.corrective_deadline if certificate else None
    assert row["corrective_deadline"] == deadline
    assert {
        k: row[k]
        for k in (
            "status",
            "stars",
            "certificate_number",
            "valid_until",
            "version",
            "position",
            "last_event",
            "province",
            "district",
            "commune",
        )
    } == {
        "status": product.status_on(on).value,
        "stars": certificate.stars if certificate else None,
        "certificate_number": certificate.number if certificate else None,
        "valid_until": certificate.valid_until if certificate else None,
        "version": product.version,
        "position": mine[-1][0],
        "last_event": type(mine[-1][1]).__name__,
        **{name: getattr(product.location, name) for name in ("province", "district", "commune")},
    }


def assert_counts_match(
    events: list[tuple[int, ProductEvent]], read_side: ReadSide, on: date
) -> None:
    """Counts over two periods agree with counting the events by hand."""
    for start, end in ((date(2019, 1, 1), on), (date(2022, 1, 1), date(2024, 6, 30))):
        counted = Counter(
            KINDS[type(e)] for _, e in events if type(e) in KINDS and start <= e.effective_on <= end
        )
        stats = read_side.ask(questions.statistics(start=start, end=end, on=on))
        for kind in KINDS.values():
            key = "joined_in_period" if kind == "joined" else kind
            assert stats[key] == counted[kind], kind
        joined = [e for _, e in events if isinstance(e, Registered) and e.effective_on <= end]
        first: dict[str, date] = {}
        for e in joined:
            first.setdefault(e.owner.organisation_id, e.effective_on)
        assert stats["joined_total"] == len(joined)
        at_end = stats["in_programme_at_end_by_province"]
        assert sum(at_end.values()) == stats["in_programme_at_end"]
        assert stats["owners_total"] == len(first)
        assert stats["new_owners_in_period"] == sum(start <= d <= end for d in first.values())
    items, total = read_side.ask(
        questions.search(
            q=None, province=None, group=None, stars=None, status=None, page=1, page_size=100, on=on
        )
    )
    assert total == len(items) == sum(isinstance(e, Registered) for _, e in events)
