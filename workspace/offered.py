"""What the office's and the authority's forms offer to choose from: today's provinces, the
groups and sub-groups of the criteria set in force (``lifecycle/catalogue.py``), owners'
legal forms, reasons, and the stars an evaluation allows the authority to certify (by the
register's own rules, ``lifecycle.rules.stars_certifiable_from``). The register still judges
whatever is posted."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from lifecycle.catalogue import catalogue_of
from lifecycle.criteria import CriteriaSet
from lifecycle.events import ProductEvent
from lifecycle.legacy_sets import criteria_for
from lifecycle.places import provinces_on
from lifecycle.rules import stars_certifiable_from
from lifecycle.values import Actor, RemovalReason, RevocationReason
from pages.words import GROUP, OWNER_KIND
from workspace.forms import Options
from workspace.office_acts import REASONS
from workspace.score_sheet import latest_evaluation


def registering(province: str, today: date) -> Options:
    """A registration's options: today's provinces, the set's groups and sub-groups."""
    criteria = criteria_for(province, today)
    return {
        **owning(),
        "province": [(p.name, p.name) for p in provinces_on(today)],
        **(grouping(criteria) if criteria else {"group": [], "subgroup": []}),
    }


def grouping(criteria: CriteriaSet) -> Options:
    """A criteria set's groups and sub-groups, from its catalogue."""
    groups = catalogue_of(criteria.id).values()
    return {
        "group": [(g.id, GROUP.get(g.id, g.name)) for g in groups],
        "subgroup": [(s.id, f"{g.name}: {s.name}") for g in groups for s in g.subgroups],
    }


def owning() -> Options:
    """The owners' legal forms."""
    return {"owner_kind": list(OWNER_KIND.items())}


def reasons() -> Options:
    """The reasons a product is removed or a certificate revoked (each form its own)."""
    return {
        "remove": [(r.value, REASONS[r.value]) for r in RemovalReason],
        "revoke": [(r.value, REASONS[r.value]) for r in RevocationReason],
    }


def stars(actor: Actor, province: str, events: Sequence[ProductEvent], today: date) -> Options:
    """The stars the authority may certify today from the product's latest evaluation."""
    evaluation, criteria = latest_evaluation(events), criteria_for(province, today)
    if evaluation is None or criteria is None or actor.level is None:
        return {"stars": []}
    allowed = stars_certifiable_from(evaluation, criteria, actor.level, today)
    return {"stars": [(str(n), str(n)) for n in allowed]}
