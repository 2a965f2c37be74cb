"""The offices correct a product's record: a misspelt name or commune, a new owner, more time
to correct a breach. Each keeps the old beside the new, and each rule refuses alone."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lifecycle import correction_refusals as refusals
from lifecycle.correction_events import (
    CorrectiveDeadlineExtended,
    OwnershipTransferred,
    RegistrationCorrected,
)
from lifecycle.describe import describe_event, history_of
from lifecycle.history import state_at, steps
from lifecycle.product import Product
from lifecycle.values import Owner, OwnerKind
from seed import builders as make, corrections as fix
from tests.unit.eras import TODAY
from tests.unit.stages import (
    EXPIRED,
    NOT_SUSPENDED,
    REMOVED,
    after_expiry,
    assert_refused,
    certified,
    later,
    registered,
    removed,
    suspended,
)

ERA = "1048-2019"


def recorded(product: Product) -> list[object]:
    return list(product.collect_events())


class TestCorrectRegistration:
    def test_the_office_corrects_a_misspelt_name_and_a_commune_and_both_stay_recorded(
        self,
    ) -> None:
        product = registered(ERA)
        day = later(product)
        command = fix.correction(day, name="Tinh dầu Trầu tiên Yên Tử", commune="Thượng Yên")
        product.correct_registration(command, make.office(), TODAY)
        assert product.name == "Tinh dầu Trầu tiên Yên Tử"
        assert product.location.commune == "Thượng Yên"
        assert product.location.district == make.LOCATION.district  # left as it was
        event = recorded(product)[-1]
        assert isinstance(event, RegistrationCorrected)
        assert event.previous == {"name": make.NAME, "commune": make.LOCATION.commune}
        assert event.corrected() == {"name": command.name, "commune": "Thượng Yên"}

    def test_the_history_shows_old_and_new_and_the_state_as_of_reads_each_in_its_time(
        self,
    ) -> None:
        product = registered(ERA)
        registered_on, day = product.last_effective_on, later(product, 30)
        product.correct_registration(
            fix.correction(day, owner_name="HTX Dược liệu Yên Tử"), make.office(), TODAY
        )
        events = recorded(product)
        described = describe_event(events[-1])  # type: ignore[arg-type]
        assert described["type"] == "RegistrationCorrected"
        assert described["facts"]["previous"] == {"owner_name": make.OWNER.name}
        assert described["facts"]["owner_name"] == "HTX Dược liệu Yên Tử"
        assert described["facts"]["reason"] and described["facts"]["decision_ref"] == "15/CV-OCOP"
        history = history_of(steps(events))  # type: ignore[arg-type]
        assert history[0]["state"]["owner"]["name"] == make.OWNER.name
        assert history[1]["state"]["owner"]["name"] == "HTX Dược liệu Yên Tử"
        then = state_at(events, as_of=registered_on + timedelta(days=1))  # type: ignore[arg-type]
        assert then.owner.name == make.OWNER.name

    def test_a_correction_that_names_nothing_is_refused(self) -> None:
        product = registered(ERA)
        assert_refused(
            product,
            refusals.NothingToCorrect,
            "nothing-to-correct",
            lambda: product.correct_registration(
                fix.correction(later(product)), make.office(), TODAY
            ),
        )

    def test_a_correction_to_what_the_record_already_says_is_refused(self) -> None:
        product = registered(ERA)
        refused = assert_refused(
            product,
            refusals.CorrectionChangesNothing,
            "correction-changes-nothing",
            lambda: product.correct_registration(
                fix.correction(later(product), name=make.NAME), make.office(), TODAY
            ),
        )
        assert make.NAME in refused.message

    def test_a_removed_product_is_not_corrected(self) -> None:
        product = removed(ERA)
        assert_refused(
            product,
            *REMOVED,
            lambda: product.correct_registration(
                fix.correction(later(product), name="Khác"), make.office(), TODAY
            ),
        )


class TestTransferOwnership:
    def test_the_office_records_a_transfer_and_the_old_owner_stays_in_the_record(self) -> None:
        product = certified(ERA)
        product.transfer_ownership(fix.transfer(later(product)), make.office(), TODAY)
        assert product.owner == fix.NEW_OWNER
        event = recorded(product)[-1]
        assert isinstance(event, OwnershipTransferred)
        assert event.previous_owner == make.OWNER and event.decision_ref == "22/QĐ-OCOP"
        assert product.certificate is not None  # the certificate stays with the product

    def test_a_transfer_to_the_same_organisation_is_refused(self) -> None:
        product = registered(ERA)
        same = Owner(make.OWNER.organisation_id, "Another name", OwnerKind.ENTERPRISE)
        assert_refused(
            product,
            refusals.SameOwner,
            "transfer-to-same-owner",
            lambda: product.transfer_ownership(
                fix.transfer(later(product), same), make.office(), TODAY
            ),
        )


class TestExtendCorrectiveDeadline:
    def test_the_inspector_extends_the_deadline_before_it_passes(self) -> None:
        product = suspended(ERA)
        assert product.certificate is not None and product.certificate.corrective_deadline
        deadline = product.certificate.corrective_deadline
        product.extend_deadline(
            fix.extension(deadline, deadline + timedelta(days=30)), make.inspector(), TODAY
        )
        assert product.certificate.corrective_deadline == deadline + timedelta(days=30)
        event = recorded(product)[-1]
        assert isinstance(event, CorrectiveDeadlineExtended)
        assert event.previous_deadline == deadline
        assert product.certificate.suspended_on is not None  # still suspended

    def test_a_deadline_already_passed_is_not_extended(self) -> None:
        product = suspended(ERA)
        assert product.certificate is not None and product.certificate.corrective_deadline
        passed = product.certificate.corrective_deadline + timedelta(days=1)
        refused = assert_refused(
            product,
            refusals.CorrectiveDeadlineAlreadyPassed,
            "corrective-deadline-already-passed",
            lambda: product.extend_deadline(
                fix.extension(passed, passed + timedelta(days=30)), make.inspector(), TODAY
            ),
        )
        assert str(passed) in refused.message

    @pytest.mark.parametrize("days", [0, -5])
    def test_an_extension_that_does_not_end_later_is_refused(self, days: int) -> None:
        product = suspended(ERA)
        assert product.certificate is not None and product.certificate.corrective_deadline
        deadline = product.certificate.corrective_deadline
        assert_refused(
            product,
            refusals.DeadlineNotLater,
            "deadline-not-extended",
            lambda: product.extend_deadline(
                fix.extension(later(product), deadline + timedelta(days=days)),
                make.inspector(),
                TODAY,
            ),
        )

    def test_only_a_suspended_certificate_has_a_deadline_to_extend(self) -> None:
        product = certified(ERA)
        day = later(product)
        assert_refused(
            product,
            *NOT_SUSPENDED,
            lambda: product.extend_deadline(
                fix.extension(day, day + timedelta(days=30)), make.inspector(), TODAY
            ),
        )

    def test_an_expired_certificate_has_no_deadline_to_extend(self) -> None:
        product = suspended(ERA)
        day = after_expiry(product)
        assert_refused(
            product,
            *EXPIRED,
            lambda: product.extend_deadline(
                fix.extension(day, day + timedelta(days=30)), make.inspector(), TODAY
            ),
        )
