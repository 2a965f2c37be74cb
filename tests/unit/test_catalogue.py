"""Each criteria set's catalogue of groups and sub-groups: named at registration, renamed by
an evaluation under a later set whose catalogue lacks them (Decision 1048/QĐ-TTg's 26 product
sets; Decision 148/QĐ-TTg's Appendix I, kept by 1489/QĐ-TTg)."""

from __future__ import annotations

import pytest

from lifecycle import errors
from lifecycle.catalogue import CATALOGUE_148, CATALOGUE_1048, CATALOGUES, catalogue_of
from lifecycle.criteria import CRITERIA_SETS
from lifecycle.product import Product
from lifecycle.values import Level
from seed import builders as make
from tests.unit.eras import ALL_ERAS, ERAS, TODAY
from tests.unit.stages import assert_refused, entry_council, later, registered


def test_1048_has_6_groups_and_26_product_sets() -> None:
    """Decision 1048/QĐ-TTg (21/8/2019), Appendix: 6 groups, 26 product sets."""
    assert len(CATALOGUE_1048) == 6
    assert sum(len(group.subgroups) for group in CATALOGUE_1048) == 26


def test_148_has_the_6_groups_of_appendix_i() -> None:
    """Decision 148/QĐ-TTg (24/2/2023), Appendix I: food, beverages, medicinal herbs,
    handicrafts, ornamental plants and animals, community tourism."""
    assert [group.id for group in CATALOGUE_148] == [
        "food",
        "beverages",
        "medicinal-herbs",
        "handicrafts",
        "ornamental-plants-animals",
        "community-tourism",
    ]


def test_every_set_has_a_catalogue_of_its_own_groups_and_every_entry_cites_its_source() -> None:
    for criteria in CRITERIA_SETS:
        catalogue = catalogue_of(criteria.id)
        assert set(catalogue) == set(criteria.groups)
        for group in catalogue.values():
            ids = group.subgroup_ids()
            assert ids and len(ids) == len(set(ids))
            for subgroup in group.subgroups:
                assert "QĐ-TTg" in subgroup.source, subgroup.id
    guessed = [s for g in CATALOGUES["148-2023"] for s in g.subgroups if "ASSUMPTION" in s.source]
    assert guessed, "entries not read in the appendix say so"


@ALL_ERAS
def test_a_subgroup_of_the_group_under_the_set_in_force_is_accepted_at_registration(
    era: str,
) -> None:
    product = registered(era)
    assert product.subgroup == "essential-oils"


@pytest.mark.parametrize(
    ("era", "group", "subgroup"),
    [
        ("1048-2019", "herbal-products", "flowers"),  # a 148 sub-group of another group
        ("1048-2019", "food", "essential-oils"),  # another group's sub-group
        ("148-2023", "handicrafts", "textiles-garments"),  # 1048's product set, not 148's
        ("1489-2025", "food", "fresh-meat-eggs-milk"),  # 1048's name; 148 adds seafood
        ("148-2023", "medicinal-herbs", "essential oils"),  # free text is not an entry
    ],
)
def test_a_subgroup_not_of_its_group_under_the_set_in_force_is_refused_at_registration(
    era: str, group: str, subgroup: str
) -> None:
    """Decision 1048/QĐ-TTg's product sets and 148/QĐ-TTg's Appendix I, per set."""
    with pytest.raises(errors.UnknownProductSubgroup) as refused:
        registration = make.registration(ERAS[era], group=group, subgroup=subgroup)
        Product.register(registration, make.office(), TODAY)
    assert refused.value.code == "unknown-product-subgroup"
    assert repr(subgroup) in refused.value.message and era in refused.value.message


def test_a_registration_may_leave_the_subgroup_unstated_as_older_records_do() -> None:
    product = Product.register(
        make.registration(ERAS["148-2023"], group="food", subgroup=""), make.office(), TODAY
    )
    assert product.subgroup == ""


def test_1048_textiles_are_evaluated_under_148_only_in_a_148_group() -> None:
    """Decision 148/QĐ-TTg, Appendix I has no textiles group: the council names the product's
    group under 148 (handicrafts, textiles and embroidery), and the record keeps it."""
    product = Product.register(
        make.registration(
            ERAS["1048-2019"], group="textiles-garments", subgroup="textiles-garments"
        ),
        make.office(),
        TODAY,
    )
    day = ERAS["148-2023"]
    refused = assert_refused(
        product,
        errors.GroupNeededUnderSet,
        "group-needed-under-set",
        lambda: product.evaluate(make.evaluation(day), entry_council(day), TODAY),
    )
    assert "'textiles-garments'" in refused.message and "148-2023" in refused.message
    named = make.evaluation(day, group="handicrafts", subgroup="textiles-embroidery")
    product.evaluate(named, entry_council(day), TODAY)
    assert (product.group, product.subgroup) == ("handicrafts", "textiles-embroidery")
    event = product.pending_events[-1]
    assert (event.group, event.subgroup) == ("handicrafts", "textiles-embroidery")  # type: ignore[attr-defined]
    # Under 148 the district, whose council scored it, certifies 3 stars.
    product.certify(make.certificate(later(product), 3), make.authority(Level.DISTRICT), TODAY)
    assert product.certificate is not None and product.certificate.criteria_set == "148-2023"


@pytest.mark.parametrize(
    ("group", "subgroup", "error", "code"),
    [
        ("textiles-garments", "", errors.UnknownProductGroup, "unknown-product-group"),
        ("handicrafts", "textiles-garments", errors.UnknownProductSubgroup,
         "unknown-product-subgroup"),
        # A sub-group alone keeps the product's group, which 148 does not have.
        ("", "wood", errors.UnknownProductGroup, "unknown-product-group"),
    ],
)  # fmt: skip
def test_a_group_named_by_an_evaluation_must_be_in_its_sets_catalogue(
    group: str, subgroup: str, error: type[errors.RegisterError], code: str
) -> None:
    """Decision 148/QĐ-TTg, Appendix I: 1048's names are not 148's."""
    product = Product.register(
        make.registration(ERAS["1048-2019"], group="textiles-garments", subgroup=""),
        make.office(),
        TODAY,
    )
    named = make.evaluation(ERAS["148-2023"], group=group, subgroup=subgroup)
    refused = assert_refused(
        product,
        error,
        code,
        lambda: product.evaluate(named, entry_council(ERAS["148-2023"]), TODAY),
    )
    assert "148-2023" in refused.message


@pytest.mark.parametrize("era", ["1048-2019", "148-2023", "1489-2025"])
def test_a_product_whose_group_the_later_set_keeps_needs_no_new_group(era: str) -> None:
    """Food and beverages are groups of every set; a product without a sub-group keeps its
    group from one set to the next."""
    product = Product.register(
        make.registration(ERAS["quang-ninh-978-2018"], group="beverages", subgroup=""),
        make.office(),
        TODAY,
    )
    product.evaluate(make.evaluation(ERAS[era]), entry_council(ERAS[era]), TODAY)
    assert product.group == "beverages"
    assert (product.pending_events[-1].group, product.evaluation.criteria_set) == ("", era)  # type: ignore[attr-defined, union-attr]


def test_a_subgroup_the_later_set_lacks_is_renamed_within_the_group() -> None:
    """1048's fresh meat, eggs and milk is 148's fresh meat, seafood, eggs and milk."""
    product = Product.register(
        make.registration(ERAS["1048-2019"], group="food", subgroup="fresh-meat-eggs-milk"),
        make.office(),
        TODAY,
    )
    day = ERAS["148-2023"]
    assert_refused(
        product,
        errors.GroupNeededUnderSet,
        "group-needed-under-set",
        lambda: product.evaluate(make.evaluation(day), entry_council(day), TODAY),
    )
    product.evaluate(
        make.evaluation(day, subgroup="fresh-meat-seafood-eggs-milk"), entry_council(day), TODAY
    )
    assert (product.group, product.subgroup) == ("food", "fresh-meat-seafood-eggs-milk")
