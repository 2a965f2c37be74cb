"""A programme office names the GTINs in a product's barcodes when it registers the product."""

from __future__ import annotations

import dataclasses

import pytest

from lifecycle import errors
from lifecycle.events import Registered
from lifecycle.gtin import MOST_GTINS, check_gtin, check_gtins, gs1_check_digit
from lifecycle.product import Product
from seed.builders import office, registration
from tests.unit.eras import ERAS, TODAY

# GS1's own examples: EAN-8, UPC-A (GTIN-12), EAN-13, GTIN-14, and a Vietnamese (893) EAN-13.
VALID = ["96385074", "036000291452", "4006381333931", "00012345600012", "8936012345674"]


@pytest.mark.parametrize("gtin", VALID)
def test_a_gtin_with_its_gs1_check_digit_is_accepted(gtin: str) -> None:
    check_gtin(gtin)
    assert gs1_check_digit(gtin[:-1]) == int(gtin[-1])


@pytest.mark.parametrize("gtin", VALID)
def test_a_gtin_with_any_other_last_digit_is_refused(gtin: str) -> None:
    for digit in "0123456789":
        if digit != gtin[-1]:
            with pytest.raises(errors.InvalidGtin) as refused:
                check_gtin(gtin[:-1] + digit)
            assert refused.value.code == "invalid-gtin"


@pytest.mark.parametrize(
    "gtin", ["", "9638507", "963850745", "40063813339311", "400638133393111", "4006381333931 "]
)
def test_a_gtin_of_another_length_is_refused(gtin: str) -> None:
    with pytest.raises(errors.InvalidGtin):
        check_gtin(gtin)


@pytest.mark.parametrize("gtin", ["4006381a33931", "٤٠٠٦٣٨١٣٣٣٩٣١", "+400638133393"])
def test_a_gtin_of_anything_but_ascii_digits_is_refused(gtin: str) -> None:
    with pytest.raises(errors.InvalidGtin):
        check_gtin(gtin)


def test_a_product_names_each_gtin_once_and_a_few_at_most() -> None:
    check_gtins(VALID)
    check_gtins([])
    with pytest.raises(errors.DuplicateGtin) as repeated:
        check_gtins([VALID[0], VALID[1], VALID[0]])
    assert repeated.value.code == "duplicate-gtin"
    many = [f"{n:07}" + str(gs1_check_digit(f"{n:07}")) for n in range(MOST_GTINS + 1)]
    check_gtins(many[:MOST_GTINS])
    with pytest.raises(errors.TooManyGtins) as too_many:
        check_gtins(many)
    assert too_many.value.code == "too-many-gtins"


def test_the_registered_event_and_the_product_carry_the_gtins() -> None:
    command = dataclasses.replace(registration(ERAS["1489-2025"]), gtins=tuple(VALID[:2]))
    product = Product.register(command, office(), TODAY)
    [event] = product.pending_events
    assert isinstance(event, Registered)
    assert event.gtins == product.gtins == tuple(VALID[:2])


def test_a_registration_without_gtins_names_none() -> None:
    product = Product.register(registration(ERAS["1489-2025"]), office(), TODAY)
    assert product.gtins == () and product.pending_events[0].gtins == ()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("gtins", "refusal"),
    [
        (("4006381333932",), errors.InvalidGtin),
        ((VALID[0], VALID[0]), errors.DuplicateGtin),
    ],
)
def test_a_registration_with_a_wrong_gtin_records_nothing(
    gtins: tuple[str, ...], refusal: type[errors.RegisterError]
) -> None:
    command = dataclasses.replace(registration(ERAS["1489-2025"]), gtins=gtins)
    with pytest.raises(refusal):
        Product.register(command, office(), TODAY)
