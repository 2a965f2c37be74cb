"""A programme office registers a product under its code, in a group of the set in force."""

from __future__ import annotations

from datetime import date
from uuid import NAMESPACE_URL, uuid5

import pytest

from lifecycle import errors
from lifecycle.events import Registered
from lifecycle.product import Product
from lifecycle.values import Location, Owner, OwnerKind, Status
from seed import builders as make
from tests.unit.eras import ALL_ERAS, ERAS, TODAY
from tests.unit.stages import registered


def test_a_products_id_is_the_uuid5_of_its_code_so_a_code_names_one_product_for_ever() -> None:
    namespace = uuid5(NAMESPACE_URL, "urn:ocop-registry:product")
    product = registered("148-2023", "QN-0001")
    assert product.id == uuid5(namespace, "QN-0001")
    assert registered("148-2023", "QN-0001").id == product.id
    assert registered("148-2023", "QN-0124").id != product.id


@ALL_ERAS
def test_a_registered_product_participates_and_carries_every_fact(era: str) -> None:
    product = Product.register(
        make.registration(ERAS[era], note="first entry"), make.office(), TODAY
    )
    assert (product.version, product.status_on(TODAY)) == (1, Status.PARTICIPATING)
    herbal = "herbal-products" if era in ("quang-ninh-978-2018", "1048-2019") else "medicinal-herbs"
    assert (product.code, product.name, product.group, product.subgroup) == (
        "QN-0001",
        "Tinh dầu trầu tiên Yên Tử",
        herbal,
        "essential-oils",
    )
    assert product.owner == Owner("5700101234", "HTX Yên Tử", OwnerKind.COOPERATIVE)
    assert product.location == Location("Quảng Ninh", "Uông Bí", "Thượng Yên Công")
    assert (product.evaluation, product.certificate, product.removed) == (None, None, False)
    [event] = product.pending_events
    assert isinstance(event, Registered)
    assert (event.criteria_set, event.effective_on, event.actor) == (era, ERAS[era], make.office())
    assert event.note == "first entry"


@pytest.mark.parametrize("code", ["QN", "qn-0123", "QN 0123", "QN_0123", "QN-Đ12", "Q" * 33, ""])
def test_a_malformed_product_code_is_refused(code: str) -> None:
    with pytest.raises(errors.InvalidProductCode) as refused:
        Product.register(make.registration(ERAS["148-2023"], code), make.office(), TODAY)
    assert refused.value.code == "invalid-product-code"


@pytest.mark.parametrize("code", ["QN1", "0123456789-ABCDEFGHIJKLMNOPQRSTU"])
def test_codes_of_three_to_thirty_two_characters_are_accepted(code: str) -> None:
    assert (
        Product.register(make.registration(ERAS["148-2023"], code), make.office(), TODAY).code
        == code
    )


@pytest.mark.parametrize(
    ("era", "group"),
    [
        ("quang-ninh-978-2018", "handicrafts"),
        ("1048-2019", "community-tourism"),
        ("148-2023", "textiles-garments"),
        ("1489-2025", "rural-tourism"),
        ("1489-2025", "seafood"),
    ],
)
def test_a_group_the_set_in_force_does_not_define_is_refused(era: str, group: str) -> None:
    with pytest.raises(errors.UnknownProductGroup) as refused:
        Product.register(make.registration(ERAS[era], group=group), make.office(), TODAY)
    assert refused.value.code == "unknown-product-group"


@pytest.mark.parametrize(
    ("era", "group"),
    [("1048-2019", "textiles-garments"), ("148-2023", "handicrafts"), ("1489-2025", "food")],
)
def test_a_group_of_the_set_in_force_is_accepted(era: str, group: str) -> None:
    registration = make.registration(ERAS[era], group=group, subgroup="")
    product = Product.register(registration, make.office(), TODAY)
    assert (product.group, product.subgroup) == (group, "")


def test_no_product_is_registered_before_any_criteria_set_was_in_force() -> None:
    with pytest.raises(errors.NoCriteriaSet) as refused:
        Product.register(make.registration(date(2012, 12, 31)), make.office(), TODAY)
    assert refused.value.code == "no-criteria-set"
