"""Quảng Ninh, first half of 2020: the register, folded event by event, tells what the
province reported: 435 products from 172 owners, 70 and 23 new, 10 certificates of 2016
revoked, 65 never-certified products removed, Tinh dầu trầu tiên Yên Tử suspended and
reinstated.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import psycopg
import pytest

from lifecycle import events as kinds  # the kinds of event the scenario records
from lifecycle.commands import RegisterProduct
from lifecycle.values import Level, RemovalReason, RevocationReason
from ocop.cli import main
from registry.service import Registry
from seed import ScenarioReport, SeedRefused, build_quang_ninh_2020, plan_quang_ninh_2020
from storage.environment import store_environment
from storage.url import StoreUrl
from tests.conftest import fixed_today

START, END = date(2020, 1, 1), date(2020, 6, 30)
# Quảng Ninh's own sets, and 1048 from 2020, its first year under it (lifecycle.legacy_sets).
FIRST_SET, SECOND_SET, NATIONAL_SET_FROM = date(2015, 11, 5), date(2018, 3, 30), START


@dataclass
class Fold:
    """Every product's events, read back from the global log."""

    events: dict[str, list[kinds.ProductEvent]] = field(default_factory=lambda: defaultdict(list))

    def registrations(self) -> list[kinds.Registered]:
        return [
            events[0] for events in self.events.values() if isinstance(events[0], kinds.Registered)
        ]

    def in_period(self, kind: type[kinds.ProductEvent]) -> list[tuple[str, kinds.ProductEvent]]:
        return [
            (code, e)
            for code, events in self.events.items()
            for e in events
            if isinstance(e, kind) and START <= e.effective_on <= END
        ]


def fold(registry: Registry) -> Fold:
    """Reads every notification of the log and decodes it, product by product."""
    result, codes, position = Fold(), {}, 1
    while page := registry.recorder.select_notifications(start=position, limit=500):
        for notification in page:
            event = registry.mapper.to_domain_event(notification)
            if isinstance(event, kinds.Registered):
                codes[event.originator_id] = event.code
            result.events[codes[event.originator_id]].append(event)
        position = page[-1].id + 1
    return result


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def scenario(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[ScenarioReport, Fold]]:
    """The full-scale scenario, written once per backend for the module's stories to read."""
    if request.param == "postgres":
        database = str(request.getfixturevalue("postgres_database"))
        schema = f"qn_{secrets.token_hex(6)}"
        with psycopg.connect(database, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        url = f"{database}?schema={schema}"
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('quang-ninh')}/ocop.db"
    registry = Registry(store_environment(StoreUrl.parse(url)), clock=fixed_today)
    try:
        report = build_quang_ninh_2020(registry, batch_size=200)
        yield report, fold(registry)
    finally:
        registry.close()


def test_435_products_from_172_owners_had_joined_by_the_end_of_june(
    scenario: tuple[ScenarioReport, Fold],
) -> None:
    report, folded = scenario
    joined = [r for r in folded.registrations() if r.effective_on <= END]
    assert len(joined) == len(folded.events) == report.joined_total == 435
    assert len({r.owner.organisation_id for r in joined}) == report.owners_total == 172
    removed = {code for code, _ in folded.in_period(kinds.Removed)}
    assert len(folded.events) - len(removed) == report.in_programme_at_end == 370
    assert max(e.effective_on for events in folded.events.values() for e in events) <= END


def test_70_products_and_23_owners_joined_in_the_half_year(
    scenario: tuple[ScenarioReport, Fold],
) -> None:
    report, folded = scenario
    assert len(folded.in_period(kinds.Registered)) == report.joined_in_period == 70
    first_joined: dict[str, date] = {}
    for r in sorted(folded.registrations(), key=lambda r: r.effective_on):
        first_joined.setdefault(r.owner.organisation_id, r.effective_on)
    new_owners = [owner for owner, on in first_joined.items() if on >= START]
    assert len(new_owners) == report.new_owners_in_period == 23


def test_10_certificates_of_2016_were_revoked_by_the_province(
    scenario: tuple[ScenarioReport, Fold],
) -> None:
    report, folded = scenario
    revocations = folded.in_period(kinds.Revoked)
    assert len(revocations) == report.revocations == 10
    for code, revocation in revocations:
        assert revocation.actor.level is Level.PROVINCE
        # The report gives no reason: "other", and the note says the reason is not given.
        assert revocation.reason is RevocationReason.OTHER
        assert revocation.note.startswith("SYNTHETIC") and "no reason" in revocation.note
        starred = [e for e in folded.events[code] if isinstance(e, kinds.Starred)]
        certificate = starred[-1]
        assert certificate.effective_on.year == 2016
        assert certificate.criteria_set == "quang-ninh-3479-2015"
        assert certificate.issuing_level is Level.PROVINCE


def test_65_never_certified_products_were_removed(scenario: tuple[ScenarioReport, Fold]) -> None:
    report, folded = scenario
    removals = folded.in_period(kinds.Removed)
    assert len(removals) == report.removals == 65
    assert len({code for code, _ in removals}) == 65  # 65 products, each removed once
    for code, removal in removals:
        assert not any(isinstance(e, kinds.Starred) for e in folded.events[code])
        assert folded.events[code][-1] is removal  # removal is final
        # The New Rural Development Board removed them; no People's Committee number, no
        # reason in the report.
        assert removal.reason is RemovalReason.OTHER
        assert "/QĐ-UBND" not in removal.decision_ref and "SYNTHETIC" in removal.decision_ref
        assert "Ban Chỉ đạo xây dựng nông thôn mới" in removal.public_reason


def test_tinh_dau_trau_tien_was_suspended_and_reinstated(
    scenario: tuple[ScenarioReport, Fold],
) -> None:
    report, folded = scenario
    suspensions, reinstatements = (
        folded.in_period(kinds.Suspended),
        folded.in_period(kinds.Reinstated),
    )
    # The report names one suspension, reinstated in the half-year: Trầu tiên's.
    assert len(suspensions) == report.suspensions == 1
    assert len(reinstatements) == report.reinstatements == 1
    suspended = {code for code, _ in suspensions}
    reinstated = {code for code, _ in reinstatements}
    trau_tien = folded.events[report.trau_tien_code]
    registration = trau_tien[0]
    assert isinstance(registration, kinds.Registered)
    assert registration.name == "Tinh dầu trầu tiên Yên Tử"
    assert registration.location.district == "Uông Bí"
    assert suspended == reinstated == {report.trau_tien_code}
    certificate = next(e for e in trau_tien if isinstance(e, kinds.Starred))
    assert (certificate.stars, certificate.issuing_level) == (4, Level.PROVINCE)
    # The report states neither its stars nor its owner: both are labelled as invented.
    assert certificate.note.startswith("SYNTHETIC") and "stars" in certificate.note
    assert registration.note.startswith("SYNTHETIC") and "owner" in registration.note


def test_scores_and_certificates_follow_the_set_in_force(
    scenario: tuple[ScenarioReport, Fold],
) -> None:
    report, folded = scenario
    for events in folded.events.values():
        for e in events:
            if isinstance(e, kinds.Evaluated | kinds.Starred):
                assert e.criteria_set == quang_ninh_set_on(e.effective_on)
            if isinstance(e, kinds.Starred) and e.effective_on >= NATIONAL_SET_FROM:
                expected = Level.CENTRAL if e.stars == 5 else Level.PROVINCE
                assert e.issuing_level is expected
    assert len(folded.in_period(kinds.Starred)) == report.certificates_issued_in_period == 24


def quang_ninh_set_on(day: date) -> str:
    """The set Quảng Ninh applied on ``day``, as the province's decisions say."""
    if day >= NATIONAL_SET_FROM:
        return "1048-2019"
    return "quang-ninh-978-2018" if day >= SECOND_SET else "quang-ninh-3479-2015"


def test_no_certificate_before_the_provinces_first_set_nor_under_1048_before_2020(
    scenario: tuple[ScenarioReport, Fold],
) -> None:
    _, folded = scenario
    everything = [e for events in folded.events.values() for e in events]
    certificates = [e for e in everything if isinstance(e, kinds.Starred)]
    assert certificates and min(c.effective_on for c in certificates) >= FIRST_SET
    assert min(e.effective_on for e in everything) >= FIRST_SET  # nothing before it at all
    under_1048 = [c for c in certificates if c.criteria_set == "1048-2019"]
    assert under_1048 and min(c.effective_on for c in under_1048) >= date(2020, 1, 1)
    late_2019 = [c for c in certificates if date(2019, 8, 21) <= c.effective_on < START]
    assert late_2019 and {c.criteria_set for c in late_2019} == {"quang-ninh-978-2018"}


def test_every_invented_detail_is_labelled_synthetic(scenario: tuple[ScenarioReport, Fold]) -> None:
    _, folded = scenario
    notes = [e.note for events in folded.events.values() for e in events]
    assert all(note.startswith("SYNTHETIC") or "SYNTHETIC" in note for note in notes)


def test_the_same_seed_draws_the_same_register(registry: Registry) -> None:
    report = build_quang_ninh_2020(registry, scale=0.2)
    orders, again = plan_quang_ninh_2020(scale=0.2)
    names = [o.command.name for o in orders if isinstance(o.command, RegisterProduct)]
    stored = [registry.product(code).name for code in sorted(fold(registry).events)]
    assert stored == names and again == report
    other, _ = plan_quang_ninh_2020(seed=2021, scale=0.2)
    assert [o.command.name for o in other if isinstance(o.command, RegisterProduct)] != names


def test_a_small_scale_keeps_the_shape(registry: Registry) -> None:
    report = build_quang_ninh_2020(registry, scale=0.1, batch_size=7)
    folded = fold(registry)
    assert len(folded.events) == report.joined_total == 44
    assert len(folded.in_period(kinds.Registered)) == report.joined_in_period == 7
    assert len(folded.in_period(kinds.Revoked)) == report.revocations == 1
    assert len(folded.in_period(kinds.Removed)) == report.removals == 7
    assert len(folded.in_period(kinds.Starred)) == report.certificates_issued_in_period == 2
    assert len(folded.in_period(kinds.Suspended)) == len(folded.in_period(kinds.Reinstated)) == 1
    assert sum(len(events) for events in folded.events.values()) == report.events


def test_the_scenario_is_written_once(registry: Registry) -> None:
    build_quang_ninh_2020(registry, scale=0.05)
    with pytest.raises(SeedRefused, match="product-already-registered"):
        build_quang_ninh_2020(registry, scale=0.05)


def test_a_scale_too_small_for_the_shape_is_refused() -> None:
    with pytest.raises(ValueError, match="too small"):
        plan_quang_ninh_2020(scale=0.01)


def test_the_command_line_writes_the_scenario_and_prints_its_figures(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OCOP_DATABASE_URL", f"sqlite:///{tmp_path}/ocop.db")
    assert main(["scenario", "quang-ninh-2020", "--products", "44", "--batch-size", "50"]) == 0
    printed = dict(line.rsplit(maxsplit=1) for line in capsys.readouterr().out.splitlines())
    assert printed["joined_total"] == "44" and printed["revocations"] == "1"
    assert float(printed["events per second"]) > 0
    assert main(["scenario", "quang-ninh-2020", "--products", "44"]) == 1
    assert "product-already-registered" in capsys.readouterr().err
