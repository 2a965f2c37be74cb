"""The demo register: a dozen products in four provinces, every public status today."""

from __future__ import annotations

import pytest

from lifecycle import errors
from lifecycle.authority import check_principal_stands
from lifecycle.events import Reinstated, Starred, Suspended
from lifecycle.place_events import PlaceRenamed
from lifecycle.places import MERGED_ON, province_on
from lifecycle.values import Level, Role, Status
from registry.service import Registry
from seed import DEMO_PRINCIPALS, load_demo
from seed.demo import demo_orders
from seed.demo_stories import STORIES, TRAU_TIEN
from seed.principals import FORMER_PRINCIPALS, PROVINCES_TODAY

CODES = [registration.code for registration, _ in STORIES]


def test_the_demo_shows_every_public_status_on_todays_date(registry: Registry) -> None:
    assert load_demo(registry) is True
    today = registry.today()
    products = [registry.product(code) for code in CODES]
    assert {product.status_on(today) for product in products} == set(Status)
    certified = [p for p in products if p.status_on(today) is Status.CERTIFIED]
    assert {p.certificate.stars for p in certified if p.certificate} == {3, 4, 5}
    under_today = {province_on(p.location.province, today) for p in products}
    assert under_today == set(PROVINCES_TODAY.values())


def test_the_demo_has_certificates_under_every_criteria_set(registry: Registry) -> None:
    load_demo(registry)
    starred = [e for code in CODES for e in registry.events_of(code) if isinstance(e, Starred)]
    assert {e.criteria_set for e in starred} == {
        "quang-ninh-3479-2015",  # Quảng Ninh's own set before 1048 (lifecycle.legacy_sets)
        "1048-2019",
        "148-2023",
        "1489-2025",
    }
    assert [e.criteria_set for e in starred if e.issuing_level is Level.DISTRICT] == ["148-2023"]
    assert all(e.issuing_level is Level.CENTRAL for e in starred if e.stars == 5)


def test_tinh_dau_trau_tien_was_suspended_after_inspection_and_reinstated(
    registry: Registry,
) -> None:
    load_demo(registry)
    events = registry.events_of(TRAU_TIEN)
    product = registry.product(TRAU_TIEN)
    assert product.name == "Tinh dầu trầu tiên Yên Tử"
    assert (product.location.district, product.location.commune) == ("Uông Bí", "Thượng Yên Công")
    assert [type(e).__name__ for e in events[-3:]] == ["Starred", "Suspended", "Reinstated"]
    suspension = next(e for e in events if isinstance(e, Suspended))
    assert "cam kết" in suspension.reason
    assert isinstance(events[-1], Reinstated)
    assert product.status_on(registry.today()) is Status.CERTIFIED
    assert product.certificate is not None and product.certificate.stars == 4
    assert product.certificate.issuing_level is Level.PROVINCE


def test_loading_the_demo_twice_adds_nothing(registry: Registry) -> None:
    assert load_demo(registry) is True
    position = registry.recorder.max_notification_id()
    assert load_demo(registry) is False
    assert registry.recorder.max_notification_id() == position
    assert position == len(demo_orders())


def test_the_demos_keys_are_todays_principals_and_its_history_crosses_the_merger(
    registry: Registry,
) -> None:
    today = registry.today()
    for actor in DEMO_PRINCIPALS.values():
        check_principal_stands(actor, today)
    for actor in FORMER_PRINCIPALS.values():
        with pytest.raises((errors.ProvinceNoLongerStands, errors.DistrictLevelEnded)):
            check_principal_stands(actor, today)
    load_demo(registry)
    events = registry.events_of("HG-HSP-01")
    assert events[0].actor.province == "Hà Giang" and events[0].effective_on < MERGED_ON
    assert isinstance(events[-1], PlaceRenamed) and events[-1].actor.province == "Tuyên Quang"
    assert registry.product("HG-HSP-01").location.province == "Tuyên Quang"


def test_every_principal_the_demo_acted_as_is_offered_with_an_auditor() -> None:
    acted = {order.actor for order in demo_orders()}
    assert acted <= set(DEMO_PRINCIPALS.values()) | set(FORMER_PRINCIPALS.values())
    assert {actor.role for actor in DEMO_PRINCIPALS.values()} == set(Role) - {Role.ADMIN}
    assert DEMO_PRINCIPALS["auditor"].role is Role.AUDITOR
