"""A product's place renamed after an administrative change: the new province is the one the
old became on that day, the registration keeps the old place, and the history shows both."""

from __future__ import annotations

from datetime import date

import pytest

from lifecycle import errors
from lifecycle.history import state_at, steps
from lifecycle.place_events import PlaceRenamed
from lifecycle.product import Product
from lifecycle.values import Location
from seed import builders as make
from tests.unit.eras import TODAY

HA_GIANG = Location("Hà Giang", "Hoàng Su Phì", "Thông Nguyên")
MERGED = date(2025, 7, 1)


def registered(location: Location = HA_GIANG) -> Product:
    command = make.registration(date(2021, 3, 1), "HG-0001", location=location)
    return Product.register(command, make.office(location.province), date(2021, 3, 1))


def renamed(product: Product, province: str, on: date = MERGED) -> None:
    new = Location(province, "", "Thông Nguyên")
    product.rename_place(make.place_renamed(on, new), make.office("Tuyên Quang"), TODAY)


def test_a_hà_giang_place_reads_under_tuyên_quang_from_the_merger() -> None:
    product = registered()
    renamed(product, "Tuyên Quang")
    event = product.pending_events[-1]
    assert isinstance(event, PlaceRenamed) and event.decision_ref == "202/2025/QH15"
    assert product.location == Location("Tuyên Quang", "", "Thông Nguyên")
    history = steps(product.collect_events())
    assert history[0].state.location == HA_GIANG  # the registration keeps its place
    assert history[-1].state.location.province == "Tuyên Quang"


@pytest.mark.parametrize(
    ("province", "on"),
    [("Lào Cai", MERGED), ("Tuyên Quang", date(2025, 6, 30)), ("Hà Giang", MERGED)],
)
def test_a_place_moved_elsewhere_than_the_succession_is_refused(province: str, on: date) -> None:
    product = registered()
    with pytest.raises(errors.PlaceNotSuccessor) as refused:
        renamed(product, province, on)
    assert refused.value.code == "place-not-successor"
    assert province in refused.value.message and str(on) in refused.value.message
    assert len(product.pending_events) == 1  # nothing recorded


def test_an_unmerged_provinces_commune_may_be_renamed_and_before_the_merger_too() -> None:
    product = registered(Location("Quảng Ninh", "Uông Bí", "Thượng Yên Công"))
    new = Location("Quảng Ninh", "", "Yên Tử")
    product.rename_place(make.place_renamed(date(2025, 6, 1), new), make.office(), TODAY)
    assert product.location == new


def test_a_removed_product_is_not_renamed_and_dates_never_go_backwards() -> None:
    product = registered()
    renamed(product, "Tuyên Quang", date(2025, 8, 1))
    with pytest.raises(errors.EffectiveDateOutOfOrder):
        renamed(product, "Tuyên Quang", MERGED)
    product.remove(make.removal(date(2025, 9, 1)), make.office("Tuyên Quang"), TODAY)
    with pytest.raises(errors.ProductRemoved):
        renamed(product, "Tuyên Quang", date(2025, 10, 1))


def test_the_state_as_of_a_date_reads_the_place_as_it_then_was() -> None:
    product = registered()
    renamed(product, "Tuyên Quang")
    events = product.collect_events()
    assert state_at(events, as_of=date(2025, 6, 30)).location == HA_GIANG
    assert state_at(events, as_of=MERGED).location.province == "Tuyên Quang"


def test_a_product_registered_after_the_merger_names_the_province_standing_that_day() -> None:
    late = make.registration(MERGED, "HG-0002", location=HA_GIANG)
    with pytest.raises(errors.PlaceInMergedProvince) as refused:
        Product.register(late, make.office("Tuyên Quang"), TODAY)
    assert "Tuyên Quang" in refused.value.message and str(MERGED) in refused.value.message
    on_its_day = make.registration(date(2025, 6, 30), "HG-0002", location=HA_GIANG)
    assert Product.register(on_its_day, make.office("Hà Giang"), TODAY).location == HA_GIANG
